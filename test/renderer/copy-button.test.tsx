// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COPIED_SHOWN_MS, CopyButton } from '../../renderer/ui/CopyButton';

/** The button's visible words: the label it shows, not the one kept hidden to hold its width. */
const shownLabel = () => screen.getByRole('button', { name: 'Copy the digest' }).querySelector('[data-shown="true"]')!.textContent;
const announced = () => screen.getByRole('status').textContent;
/** A click, and the clipboard's answer let through (a resolved promise, no timer). */
const click = (button: HTMLElement) => act(async () => void fireEvent.click(button));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('CopyButton', () => {
  it('shows a check mark on the button for a moment, announces "Copied", then reads "Copy" again', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    render(<CopyButton text="sha256:abc" what="the digest" />);
    expect(shownLabel()).toBe('Copy');

    await click(screen.getByRole('button', { name: 'Copy the digest' }));
    expect(writeText).toHaveBeenCalledWith('sha256:abc');
    expect(shownLabel()).toBe('✓');
    expect(announced()).toBe('Copied');

    act(() => vi.advanceTimersByTime(COPIED_SHOWN_MS));
    expect(shownLabel()).toBe('Copy');
    expect(announced()).toBe('');
  });

  it('a second copy shows the confirmation for the full time again', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    render(<CopyButton text="sha256:abc" what="the digest" />);
    const button = screen.getByRole('button', { name: 'Copy the digest' });

    await click(button);
    act(() => vi.advanceTimersByTime(COPIED_SHOWN_MS - 500));
    await click(button);
    act(() => vi.advanceTimersByTime(1000));
    expect(shownLabel(), 'the first copy’s timer ended the second’s confirmation').toBe('✓');
    act(() => vi.advanceTimersByTime(COPIED_SHOWN_MS));
    expect(shownLabel()).toBe('Copy');
  });

  it('keeps a refused copy said beside the button until the next try', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(<CopyButton text="sha256:abc" what="the digest" />);
    await click(screen.getByRole('button', { name: 'Copy the digest' }));
    expect(announced()).toContain('Copy failed');
    act(() => vi.advanceTimersByTime(COPIED_SHOWN_MS * 4));
    expect(announced()).toContain('Copy failed');
    expect(shownLabel()).toBe('Copy');

    writeText.mockResolvedValue(undefined);
    await click(screen.getByRole('button', { name: 'Copy the digest' }));
    expect(announced()).toBe('Copied');
  });
});
