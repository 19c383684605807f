import { open } from 'node:fs/promises';

/**
 * A file's text and mode bits, reading at most `limit` + 1 bytes: null when it is larger, told by
 * its size before any read and by the bytes read after (it may grow in between). The tools' files
 * and the launcher are the operator's own, but nothing stops them from being huge.
 */
export async function readAtMost(path: string, limit: number): Promise<{ text: string; mode: number } | null> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.size > limit) return null;
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) return null;
    }
    return { text: buffer.subarray(0, length).toString('utf8'), mode: info.mode & 0o777 };
  } finally {
    await handle.close();
  }
}
