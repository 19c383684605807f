import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { planWritesText } from '../../renderer/features/access/plan/plan-writes-text';

const text = (language: Language, writes: number, removals: number) =>
  planWritesText({ language, t: (key, params) => translate(language, key, params) }, { writes, removals });

describe('the plan summary counts', () => {
  it('gives each count its own plural form in English, and names removals only when there are some', () => {
    expect(text('en', 1, 0)).toBe('Applying makes 1 change.');
    expect(text('en', 5, 1)).toBe('Applying makes 5 changes, 1 of them a removal.');
    expect(text('en', 5, 2)).toBe('Applying makes 5 changes, 2 of them removals.');
    expect(text('en', 0, 0)).toBe(translate('en', 'plan.nothing'));
  });

  it('reads the same way in Chinese', () => {
    expect(text('zh-CN', 1, 0)).toBe('应用将进行 1 项更改。');
    expect(text('zh-CN', 5, 1)).toBe('应用将进行 5 项更改，其中 1 项为删除。');
    expect(text('zh-CN', 5, 2)).toBe('应用将进行 5 项更改，其中 2 项为删除。');
  });
});
