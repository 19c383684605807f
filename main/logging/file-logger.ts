import type { Clock } from './clock';
import type { Logger } from './logger';
import type { Redactor } from './redaction';
import type { LogFile } from './rotating-log-file';

export interface FileLoggerOptions {
  file: LogFile;
  redactor: Redactor;
  clock: Clock;
  /** Also receives every redacted line (stderr in development). */
  mirror?: (line: string) => void;
}

/** JSON.stringify that survives what callers may pass by mistake: cycles, bigints, errors. */
function serialise(entry: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[cycle]';
      seen.add(value);
    }
    return value;
  });
}

/**
 * One redacted JSON line per entry in the rotating log file. Redaction runs over the finished
 * line, so a secret is caught wherever it hides: message, field, nested JSON.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  let failureReported = false;
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = options.redactor.redact(serialise({ time: options.clock.now().toISOString(), level, message, ...fields }));
    options.mirror?.(line);
    try {
      options.file.append(line);
    } catch (error) {
      // A full disk must not stop the app; say so once, without the line itself.
      if (!failureReported) {
        failureReported = true;
        process.stderr.write(`registry-desk: cannot write ${options.file.path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
      }
    }
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
