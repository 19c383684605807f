import { describe, expect, it } from 'vitest';
import { createDisposables } from '../../main/lifecycle/disposables';

describe('what the app starts, disposed at quit', () => {
  const recorder = () => {
    const stopped: string[] = [];
    const errors: unknown[] = [];
    const disposables = createDisposables((error) => errors.push(error));
    const started = (name: string) => disposables.add({ dispose: () => void stopped.push(name) });
    return { stopped, errors, disposables, started };
  };

  it('stops everything in reverse order of start', () => {
    const { stopped, disposables, started } = recorder();
    for (const name of ['kubeconfig watch', 'ECR refresh', 'IPC calls in flight']) started(name);
    disposables.dispose();
    expect(stopped).toEqual(['IPC calls in flight', 'ECR refresh', 'kubeconfig watch']);
  });

  it('keeps stopping the rest when one throws, and reports it', () => {
    const { stopped, errors, disposables, started } = recorder();
    started('first');
    const failure = new Error('watcher already closed');
    disposables.add({
      dispose: () => {
        throw failure;
      },
    });
    started('last');
    disposables.dispose();
    expect(stopped).toEqual(['last', 'first']);
    expect(errors).toEqual([failure]);
  });

  it('stops each once, and stops at once what is started after quitting began', () => {
    const { stopped, disposables, started } = recorder();
    started('watch');
    disposables.dispose();
    disposables.dispose();
    expect(stopped).toEqual(['watch']);
    started('late refresh');
    expect(stopped).toEqual(['watch', 'late refresh']);
  });
});
