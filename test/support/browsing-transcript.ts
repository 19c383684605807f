import { readFile } from 'node:fs/promises';
import type { Result } from '../../shared/errors';
import { createIpcClient } from './ipc-client';
import { secretSpellings } from './sent-secrets';
import { createRecordingLogger, type TestServices } from './services';

/** One browse call as the window makes it: a channel and its request. */
export type BrowseCall = readonly [channel: string, request: unknown];

/**
 * Runs `calls` through the real IPC registration, as the window does, and returns everything that
 * left main on the way: every IPC answer (errors included), the IPC layer's log lines, the
 * services' log lines and events, and the settings file (electron-store's) as it stands after.
 */
export async function browsingTranscript(app: TestServices, calls: readonly BrowseCall[]): Promise<{ answers: Result<unknown>[]; transcript: string }> {
  const ipcLines: string[] = [];
  const ipc = createIpcClient(app.services, createRecordingLogger(ipcLines));
  const logSince = app.logLines.length;
  const eventsSince = app.events.length;
  try {
    const answers: Result<unknown>[] = [];
    for (const [channel, request] of calls) answers.push(await ipc.call(channel, request));
    const settings = await readFile(app.settingsFile, 'utf8');
    const transcript = JSON.stringify({ answers, ipcLines, logLines: app.logLines.slice(logSince), events: app.events.slice(eventsSince), settings });
    return { answers, transcript };
  } finally {
    ipc.dispose();
  }
}

/** Which of `secrets` show in `transcript`, in any spelling a secret travels in (as is, JSON-escaped, base64, `user:secret` in base64). */
export function secretsShown(transcript: string, secrets: readonly { secret: string; username?: string; what: string }[]): string[] {
  return secrets.filter(({ secret, username }) => secretSpellings(secret, username).some((spelling) => transcript.includes(spelling))).map(({ what }) => what);
}
