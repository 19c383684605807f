import { describe, expect, it } from 'vitest';
import { configDiff, withoutSecrets } from '../../main/credential-helper/config-diff';

describe('a config preview', () => {
  it('hides every secret value, escaped quotes included, on indented and minified lines', () => {
    expect(withoutSecrets('\t\t\t"auth": "YWxpY2U6czNjcjN0"')).toBe('\t\t\t"auth": "•••"');
    expect(withoutSecrets('{"auths":{"r":{"username":"u","password":"a\\"b\\\\c","identitytoken":"tok"}}}')).toBe(
      '{"auths":{"r":{"username":"u","password":"•••","identitytoken":"•••"}}}',
    );
  });

  it('marks removed and added lines against the unchanged ones, removals first', () => {
    expect(configDiff('{\n  "a": 1\n}\n', '{\n  "a": 2,\n  "b": 3\n}\n')).toEqual([
      { change: 'same', text: '{' },
      { change: 'remove', text: '  "a": 1' },
      { change: 'add', text: '  "a": 2,' },
      { change: 'add', text: '  "b": 3' },
      { change: 'same', text: '}' },
    ]);
    expect(configDiff(null, '{}\n')).toEqual([{ change: 'add', text: '{}' }]);
  });
});
