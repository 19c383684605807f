/**
 * An id for an element about one named thing (a context, a namespace). Context names may hold
 * spaces, colons and slashes ("arn:aws:eks:…:cluster/prod"), which would break id lists such as
 * aria-describedby; each such character is spelled out, so different names never share an id.
 */
export function domId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9-]/g, (character) => `_${character.codePointAt(0)!.toString(16)}_`)}`;
}
