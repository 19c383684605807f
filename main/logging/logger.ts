import type { Redactor } from './redaction';

/** Structured log lines. Callers pass identifiers and codes, never credentials. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The fallback when the log folder cannot be written: the same redacted lines, on stderr. */
export function createStderrLogger(redactor: Redactor): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    process.stderr.write(`${redactor.redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }))}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
