import type { MessageKey, MessageParams } from '../../../shared/i18n';

/** Kept as a message key, not text, so it follows a language switch like every other message. */
export interface FileProblem {
  message: MessageKey;
  params: MessageParams;
}

export type FileReadOutcome = { ok: true; bytes: Uint8Array } | ({ ok: false } & FileProblem);

/** Refuses files far larger than any key or certificate before reading them into memory. */
export async function readSmallFile(file: File, maxBytes: number): Promise<FileReadOutcome> {
  if (file.size > maxBytes) {
    return { ok: false, message: 'file.tooLarge', params: { file: file.name, max: Math.floor(maxBytes / 1024) } };
  }
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { ok: false, message: 'file.unreadable', params: { file: file.name } };
  }
}
