/**
 * Runs changes one after another. Saves await the keychain, so two quick clicks could
 * otherwise interleave their read-modify-write of the settings file.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}
