/** Something that runs while the app runs (a watcher, a timer, calls in flight) and stops on dispose. */
export interface Disposable {
  dispose(): void;
}

/**
 * What the composition root and the shell start, kept in start order. Disposing stops them in
 * reverse order, as a stack unwinds: what was started last may use what was started first, so
 * it stops first. One that throws does not keep the others running.
 */
export function createDisposables(onError: (error: unknown) => void) {
  const held: Disposable[] = [];
  let disposed = false;
  return {
    /** Returns its argument; added after dispose, it is disposed at once. */
    add<T extends Disposable>(disposable: T): T {
      if (disposed) dispose(disposable);
      else held.push(disposable);
      return disposable;
    },
    dispose(): void {
      disposed = true;
      while (held.length > 0) dispose(held.pop()!);
    },
  };

  function dispose(disposable: Disposable): void {
    try {
      disposable.dispose();
    } catch (error) {
      onError(error);
    }
  }
}
