/** Bytes as a pull reports them: 1,024-based, one decimal past the first unit. */
export function sizeText(bytes: number | null, unknown: string): string {
  if (bytes === null) return unknown;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The references a pull can use: by digest, and the tag pinned to its digest. */
export function pullReferences(pullName: string, reference: string, digest: string): string[] {
  const byDigest = `${pullName}@${digest}`;
  return reference.startsWith('sha256:') ? [byDigest] : [byDigest, `${pullName}:${reference}@${digest}`];
}
