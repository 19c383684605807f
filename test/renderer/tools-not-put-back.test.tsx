// @vitest-environment happy-dom
// A failed apply that could not put every file back: the failure itself is the screen's banner,
// and each file left as written is listed under it, in the operator's language.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { errorText } from '../../shared/i18n';
import { useLanguagePreference } from '../../renderer/i18n/language-preference';
import { NotPutBack } from '../../renderer/features/workstation-tools/NotPutBack';
import { useToolsStore } from '../../renderer/features/workstation-tools/tools-store';

afterEach(() => {
  cleanup();
  useToolsStore.setState({ error: null });
});

const PATH = '/home/op/.docker/config.json';

it.for(['en', 'zh-CN'] as const)('lists each file not put back (%s), and nothing without one', (language) => {
  useLanguagePreference.setState({ choice: language, systemLanguage: 'en' });
  const { rerender } = render(<NotPutBack />);
  expect(screen.queryByTestId('tools-not-put-back')).toBeNull();
  useToolsStore.setState({
    error: {
      code: 'tools.configReadOnly',
      message: 'read-only',
      params: { path: '/home/op/.config/helm/registry/config.json' },
      fieldErrors: [{ field: PATH, code: 'tools.notRolledBack', params: { path: PATH, detail: 'tools.configChanged' } }],
    },
  });
  rerender(<NotPutBack />);
  expect(screen.getByTestId('tools-not-put-back').textContent).toBe(errorText(language, 'tools.notRolledBack', { path: PATH, detail: 'tools.configChanged' }));
});
