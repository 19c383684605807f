import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LogFileOptions {
  folder: string;
  /** `main` writes main.log, then main.1.log … main.<keep - 1>.log as older generations. */
  baseName?: string;
  maxBytes?: number;
  keep?: number;
}

export interface LogFile {
  readonly folder: string;
  /** The file being written now. */
  readonly path: string;
  append(line: string): void;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 5;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * A size-bounded log: when the current file would pass maxBytes it becomes generation 1 and the
 * oldest generation is deleted, so the folder never holds more than keep × maxBytes.
 * Writes are synchronous so the last lines before a crash are on disk and lines never interleave.
 */
export function openRotatingLogFile(options: LogFileOptions): LogFile {
  const baseName = options.baseName ?? 'main';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
  const generation = (index: number) => join(options.folder, index === 0 ? `${baseName}.log` : `${baseName}.${index}.log`);
  const current = generation(0);
  // Logs name registries and hosts: readable by the operator only.
  mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  let size = sizeOf(current);

  function rotate(): void {
    rmSync(generation(keep - 1), { force: true });
    for (let index = keep - 2; index >= 0; index -= 1) {
      try {
        renameSync(generation(index), generation(index + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    size = 0;
  }

  return {
    folder: options.folder,
    path: current,
    append(line: string) {
      const bytes = Buffer.byteLength(line) + 1;
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(current, `${line}\n`, { mode: 0o600 });
      size += bytes;
    },
  };
}
