import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { readSettingsDocument } from '../../main/registry-export/settings-import';
import { findJsonMistake } from '../../main/app-errors/json-mistake';
import { parseJsonText } from '../../main/app-errors/json-text';

// Every JSON the app reports on says where it breaks (line and column, found by the app's own
// scan) and never quotes it: V8's messages quote the neighbouring text, and on Node 24 its
// "Unexpected token" messages carry no position at all.

const detailOf = (text: string): string => {
  const parsed = parseJsonText(text);
  if (parsed.ok) throw new Error(`parsed: ${text}`);
  return parsed.detail;
};

describe('the JSON describer', () => {
  it.each([
    ['a value that is no JSON', '{"auths": SECRETVALUE}', 'line 1, column 11'],
    ['a missing comma', '{"auths": {"a": {"auth": "SECRETVALUE"}} "x": 1}', 'line 1, column 42'],
    ['a trailing comma, line 3', '{\n  "auths": {\n    "a": {"password": "SECRETVALUE",}\n  }\n}', 'line 3, column 37'],
    ['a bad escape', '{"a": "b\\x"}', 'line 1, column 10'],
    ['a control character in a string', '{"a": "b\tc"}', 'line 1, column 9'],
    ['a leading zero', '[01]', 'line 1, column 3'],
    ['text after the value', '{} {}', 'line 1, column 4'],
    ['a key without quotes', "{\n  auths: {}\n}", 'line 2, column 3'],
  ])('%s: %s → %s, never "ends too early"', (_what, text, detail) => {
    expect(detailOf(text)).toBe(detail);
  });

  it.each([
    ['an object cut off', '{"auths": {', 'it ends too early, at line 1, column 12'],
    ['a string cut off', '{"auths": {"a": "SECRET', 'it ends too early, at line 1, column 24'],
    ['a literal cut off', '[tru', 'it ends too early, at line 1, column 5'],
    ['a number cut off', '[1.', 'it ends too early, at line 1, column 4'],
  ])('%s ends too early: %s', (_what, text, detail) => {
    expect(detailOf(text)).toBe(detail);
  });

  it('says an empty text is empty', () => {
    expect(detailOf(' \n')).toBe('the text is empty');
  });

  it('agrees with JSON.parse on every one-character deletion and insertion of a document', () => {
    const document = JSON.stringify({ a: [1, -2.5e3, true, false, null, { b: 'c\\"\u00e9\n' }], d: {}, e: [] }, null, 1);
    const variants = [document];
    for (let index = 0; index < document.length; index += 1) {
      variants.push(document.slice(0, index) + document.slice(index + 1));
      for (const character of [',', ']', '}', '"', 'x', '0', ' ']) variants.push(document.slice(0, index) + character + document.slice(index));
    }
    const disagreements = variants.filter((text) => {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      return parses !== (findJsonMistake(text) === null);
    });
    expect(variants.length).toBeGreaterThan(500);
    expect(disagreements).toEqual([]);
  });

  it('a hostile nesting depth is scanned without recursion', () => {
    expect(findJsonMistake('['.repeat(200_000))).toEqual({ offset: 200_000, endsEarly: true });
  });
});

describe('settings import', () => {
  it('a file broken in the middle is reported at its line and column, not as ending too early', () => {
    // V8 says "Unexpected token 'o'" here, without a position.
    const file = '{\n  "format": "registry-desk-settings",\n  "version": 1,\n  "registries": [nope]\n}\n';
    let failure: unknown;
    try {
      readSettingsDocument(file);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).appError).toMatchObject({ code: 'settingsImport.malformedJson', params: { detail: 'line 4, column 18' } });
  });
});
