// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Badge } from '../../renderer/ui/Badge';
import { Card } from '../../renderer/ui/Card';
import { CommandBlock } from '../../renderer/ui/CommandBlock';
import { FilePicker } from '../../renderer/ui/FilePicker';
import { HostText, hostPieces, middleOf } from '../../renderer/ui/HostText';
import { TimeSentence, TimeText, relativeTime } from '../../renderer/ui/time/TimeText';
import { useLanguagePreference } from '../../renderer/i18n/language-preference';
import { countText, pluralKey } from '../../renderer/i18n/plural';
import { translate } from '../../shared/i18n';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  act(() => useLanguagePreference.setState({ choice: null, systemLanguage: 'en' }));
});

const inChinese = () => act(() => useLanguagePreference.setState({ choice: 'zh-CN' }));

describe('Badge and Card', () => {
  it('colours a badge by its tone and keeps the words', () => {
    render(<Badge tone="error">3 problems</Badge>);
    const badge = screen.getByText('3 problems');
    expect(badge.className).toBe('badge state-error');
    expect(badge.dataset.tone).toBe('error');
  });

  it('keeps the state behind a count badge and its hover text, and is grey without a tone', () => {
    render(
      <>
        <Badge tone="error" state="forbidden" title="team-03 may not create">
          2 problems
        </Badge>
        <Badge>Not selected</Badge>
      </>,
    );
    const count = screen.getByText('2 problems');
    expect(count.dataset.state).toBe('forbidden');
    expect(count.title).toBe('team-03 may not create');
    expect(screen.getByText('Not selected').className).toBe('badge state-neutral');
  });

  it('makes a titled card a region named by its heading', () => {
    render(
      <Card title="Engines" titleId="engines">
        body
      </Card>,
    );
    expect(screen.getByRole('region', { name: 'Engines' }).textContent).toContain('body');
  });
});

describe('CommandBlock', () => {
  it('copies the whole command and says so', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const command = 'helm repo add emberstack https://emberstack.github.io/helm-charts && helm install reflector emberstack/reflector --version 9.1.0';
    const { container } = render(<CommandBlock command={command} what="the install command" />);
    expect(container.querySelector('pre > code')!.textContent).toBe(command);
    await user.click(screen.getByRole('button', { name: 'Copy the install command' }));
    expect(writeText).toHaveBeenCalledWith(command);
    expect(screen.getByRole('status').textContent).toBe('Copied');
  });

  it('tells the operator to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(<CommandBlock command="kubectl get pods" />);
    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(screen.getByRole('status').textContent).toContain('Copy failed');
  });
});

describe('FilePicker', () => {
  it('shows the app’s translated words, never the browser’s, and the chosen name only once chosen', () => {
    inChinese();
    const { rerender } = render(
      <>
        <label htmlFor="key">JSON 密钥文件</label>
        <FilePicker id="key" accept=".json" onChange={() => undefined} />
      </>,
    );
    const input = screen.getByLabelText('JSON 密钥文件', { exact: false });
    expect(input.getAttribute('type')).toBe('file');
    expect(document.body.textContent).toContain('选择文件…');
    expect(document.body.textContent).not.toMatch(/Choose File|No file chosen|已选择/);
    rerender(
      <>
        <label htmlFor="key">JSON 密钥文件</label>
        <FilePicker id="key" accept=".json" chosen="key.json" onChange={() => undefined} />
      </>,
    );
    expect(document.body.textContent).toContain('已选择：key.json');
  });

  it('hands the chosen file to its owner', async () => {
    const user = userEvent.setup();
    const chosen: string[] = [];
    render(<FilePicker id="f" accept=".json" onChange={(event) => chosen.push(event.target.files?.[0]?.name ?? '')} />);
    await user.upload(document.getElementById('f') as HTMLInputElement, new File(['{}'], 'settings.json', { type: 'application/json' }));
    expect(chosen).toEqual(['settings.json']);
  });
});

describe('TimeText', () => {
  const english = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

  it('says the largest whole unit, past and future', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(relativeTime(english, now - 2 * 60_000 - 5_000, now)).toBe('2 minutes ago');
    expect(relativeTime(english, now + 11 * 3_600_000 + 60_000, now)).toBe('in 11 hours');
    expect(relativeTime(english, now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(relativeTime(english, now - 45 * 86_400_000, now)).toBe('last month');
    // A moment ago in Chinese is 刚刚: Intl's 现在 after 上次检查 would read "last checked: at present".
    const chinese = new Intl.RelativeTimeFormat('zh-CN', { numeric: 'auto' });
    expect(relativeTime(chinese, now - 200, now)).toBe('刚刚');
    expect(relativeTime(chinese, now - 5 * 60_000, now)).toBe('5分钟前');
    expect(relativeTime(english, now - 200, now)).toBe('now');
    expect(relativeTime(english, now + 366 * 86_400_000, now)).toBe('next year');
    expect(relativeTime(english, now + 3 * 366 * 86_400_000, now)).toBe('in 3 years');
    expect(relativeTime(english, now, now)).toBe('now');
  });

  it('shows relative time with the absolute time on hover, in the chosen language', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T10:02:00Z'), toFake: ['Date'] });
    inChinese();
    render(<TimeText at="2026-12-05T10:00:00Z" />);
    const time = document.querySelector('time')!;
    expect(time.getAttribute('dateTime')).toBe('2026-12-05T10:00:00Z');
    expect(time.textContent).toBe('2分钟前');
    expect(time.getAttribute('title')).toMatch(/2026/);
  });

  it('never puts a moment just past in the future: the clock it reads ticks every 15 s', () => {
    // The shown clock was read at 10:00:00; a check finished 2 s later, before the next tick.
    vi.useFakeTimers({ now: Date.parse('2026-12-05T10:00:00Z'), toFake: ['Date'] });
    inChinese();
    const { rerender } = render(<TimeText at="2026-12-05T09:59:00Z" />);
    rerender(<TimeText at="2026-12-05T10:00:02Z" />);
    expect(document.querySelector('time')?.textContent).toBe('刚刚');
    const english = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(relativeTime(english, now + 14_000, now, 15_000)).toBe('now');
    // Beyond one tick a time is truly ahead: an expiry still reads as one.
    expect(relativeTime(english, now + 20_000, now, 15_000)).toBe('in 20 seconds');
  });

  it('puts the time into a sentence where the catalogue says', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T10:00:30Z'), toFake: ['Date'] });
    render(<TimeSentence template="connection.lastRun" slot="when" at="2026-12-05T10:00:00Z" />);
    expect(document.body.textContent).not.toContain('{');
    expect(document.querySelector('time')?.textContent).toBe('30 seconds ago');
  });
});

describe('pluralKey', () => {
  it('says "1 change" and "2 changes" in English, and the one form in Chinese', () => {
    const keys = { one: 'plan.changes.one', other: 'plan.changes.other' } as const;
    expect(translate('en', pluralKey('en', 1, keys), { count: 1 })).toBe('1 change');
    expect(translate('en', pluralKey('en', 2, keys), { count: 2 })).toBe('2 changes');
    expect(pluralKey('zh-CN', 1, keys)).toBe('plan.changes.other');
  });

  it('countText: the radar summary says "1 context" and "2,000 contexts", and 个 in Chinese', () => {
    const keys = { one: 'radar.count.contexts.one', other: 'radar.count.contexts.other' } as const;
    const t = (language: 'en' | 'zh-CN') => (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(language, key, params);
    expect(countText(t('en'), 'en', 1, keys)).toBe('1 context');
    expect(countText(t('en'), 'en', 2000, keys)).toBe('2,000 contexts');
    expect(countText(t('zh-CN'), 'zh-CN', 1, keys)).toBe('1 个上下文');
  });
});

describe('HostText', () => {
  it('cuts only after a dot, a slash or a colon', () => {
    expect(hostPieces('registry.lab.internal:5000')).toEqual(['registry.', 'lab.', 'internal:', '5000']);
    expect(hostPieces('https://10.0.0.5:5000/v2/')).toEqual(['https:', '/', '/', '10.', '0.', '0.', '5:', '5000/', 'v2/']);
    expect(hostPieces('team-payments-prod')).toEqual(['team-payments-prod']);
    expect(hostPieces('host:5000/app@sha256:ab12')).toEqual(['host:', '5000/', 'app@', 'sha256:', 'ab12']);
  });

  it('lets a line break only between pieces, each piece kept whole', () => {
    render(<HostText value="registry.lab.internal:5000" />);
    const pieces = [...document.querySelectorAll('.host-piece')].map((piece) => piece.textContent);
    expect(pieces).toEqual(['registry.', 'lab.', 'internal:', '5000']);
    expect(document.querySelectorAll('wbr')).toHaveLength(3);
  });

  it('cuts a long value in the middle, with the full value on hover and to copy', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const value = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
    expect(middleOf(value, 21)).toBe('1234567890…zonaws.com');
    render(<HostText value={value} truncateAt={21} />);
    expect(screen.getByTitle(`Full value: ${value}`).textContent).toBe('1234567890…zonaws.com');
    await user.click(screen.getByRole('button', { name: `Copy ${value}` }));
    expect(writeText).toHaveBeenCalledWith(value);
  });
});
