import { describe, expect, it } from 'vitest';
import { normalizeServiceAccountKey } from '../../shared/service-account-key';
import { makeServiceAccountKey } from '../support/fixtures';

const pretty = makeServiceAccountKey();
const compact = JSON.stringify(JSON.parse(pretty));

function normalized(input: string): string {
  const result = normalizeServiceAccountKey(input);
  if (typeof result === 'string') throw new Error(`rejected: ${result}`);
  return result.compactJson;
}

describe('service-account JSON keys are accepted as the operator has them', () => {
  it.each([
    ['pretty-printed file', pretty],
    ['compact', compact],
    ['wrapped in single quotes, as the product document asks', `'${compact}'`],
    ['quoted with surrounding blank lines', `\n\n  '${pretty}'  \n`],
    ['Windows line endings', pretty.replace(/\n/g, '\r\n')],
    ['all whitespace removed, as the product document asks', compact.replace(/\s/g, '')],
    ['raw line breaks inside the private key string', compact.replace(/\\n/g, '\n')],
  ])('%s', (_what, input) => {
    expect(JSON.parse(normalized(input))).toEqual(JSON.parse(compact));
    expect(normalized(input)).toBe(compact);
  });

  it('reports the client email and project, which are not secret', () => {
    const result = normalizeServiceAccountKey(pretty);
    expect(result).toMatchObject({ clientEmail: 'puller@registry-desk-test.iam.gserviceaccount.com', projectId: 'registry-desk-test' });
  });

  it('keeps the private key byte for byte', () => {
    const key = JSON.parse(normalized(`'${pretty}'`)) as { private_key: string };
    expect(key.private_key).toBe((JSON.parse(pretty) as { private_key: string }).private_key);
  });
});
