/**
 * Names ticked or unticked in the namespace picker, applied to the names the operator typed:
 * their order is kept, and so is anything typed that the cluster lacks.
 */
export function pickedNames(names: string[], changed: string[], picked: boolean): string[] {
  const changing = new Set(changed);
  const kept = names.filter((name) => !changing.has(name.trim()));
  return picked ? [...kept.filter((name) => name.trim() !== ''), ...changed] : kept;
}
