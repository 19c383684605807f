import type { DiffLine } from '../../shared/workstation-tools-contract';

/** Past this many lines on either side a preview shows the whole old and new file instead of a diff. */
const MAX_DIFF_LINES = 1500;

// A JSON string is `"` then characters other than `"` and `\`, or `\` and any one character: one way
// to match each input, so the regex cannot backtrack. The keys are the docker fields that hold secrets.
const SECRET_VALUE = /("(?:auth|password|identitytoken|registrytoken)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** A line of a docker-format file with every secret value replaced: a preview never carries a password. */
export const withoutSecrets = (line: string): string => line.replace(SECRET_VALUE, '$1"•••"');

const linesOf = (text: string | null): string[] => (text === null || text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** The longest common subsequence table, from the end: `table[i][j]` for before[i..] and after[j..]. */
function commonLengths(before: string[], after: string[]): Uint32Array[] {
  const table = Array.from({ length: before.length + 1 }, () => new Uint32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      table[i]![j] = before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  return table;
}

/** The old file's lines against the new one's, line by line, with secret values hidden. */
export function configDiff(before: string | null, after: string): DiffLine[] {
  const old = linesOf(before);
  const next = linesOf(after);
  const line = (change: DiffLine['change'], text: string): DiffLine => ({ change, text: withoutSecrets(text) });
  if (old.length > MAX_DIFF_LINES || next.length > MAX_DIFF_LINES) return [...old.map((text) => line('remove', text)), ...next.map((text) => line('add', text))];
  const table = commonLengths(old, next);
  const diff: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < next.length) {
    if (i < old.length && j < next.length && old[i] === next[j]) {
      diff.push(line('same', old[i]!));
      i += 1;
      j += 1;
    } else if (i < old.length && (j === next.length || table[i + 1]![j]! >= table[i]![j + 1]!)) {
      diff.push(line('remove', old[i]!));
      i += 1;
    } else {
      diff.push(line('add', next[j]!));
      j += 1;
    }
  }
  return diff;
}
