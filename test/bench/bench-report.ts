import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A benchmark's printed report: each line to stderr as it comes, and the whole to a file at the end. */
export function benchReport(file: string) {
  const lines: string[] = [];
  return {
    say(line = ''): void {
      lines.push(line);
      process.stderr.write(`${line}\n`);
    },
    save(): void {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${lines.join('\n')}\n`);
    },
  };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
