/**
 * The `rel="next"` target of an RFC 8288 Link header (`<url>; rel="next"`), as distribution,
 * ACR, Harbor and Quay page `_catalog` and `tags/list`. Scanned with indexOf, never a regex, so a
 * hostile header costs linear time.
 */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  let at = 0;
  while (at < header.length) {
    const open = header.indexOf('<', at);
    if (open < 0) return null;
    const close = header.indexOf('>', open + 1);
    if (close < 0) return null;
    const paramsEnd = header.indexOf('<', close + 1);
    const params = header.slice(close + 1, paramsEnd < 0 ? header.length : paramsEnd);
    if (isNext(params)) return header.slice(open + 1, close);
    at = close + 1;
  }
  return null;
}

function isNext(params: string): boolean {
  return params
    .split(';')
    .map((param) => param.trim().toLowerCase().replaceAll('"', ''))
    .some((param) => param.startsWith('rel=') && param.slice(4).split(/\s+/).includes('next'));
}
