/**
 * Parses an RFC 7616 / RFC 7235 challenge's parameters. Values are tokens or quoted strings with
 * backslash escapes; Atlas nonces carry `+`, `/` and `=`, which a naive split on `=` would break.
 */
export function parseChallenge(header: string, scheme: string): Record<string, string> | undefined {
  const start = header.toLowerCase().indexOf(`${scheme.toLowerCase()} `);
  if (start < 0) return undefined;
  const params: Record<string, string> = {};
  let i = start + scheme.length + 1;
  while (i < header.length) {
    while (i < header.length && (header[i] === ' ' || header[i] === ',')) i++;
    const eq = header.indexOf('=', i);
    if (eq < 0) break;
    const name = header.slice(i, eq).trim().toLowerCase();
    if (name.includes(' ')) break; // the next challenge's scheme begins here
    i = eq + 1;
    let value = '';
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\') i++;
        value += header[i] ?? '';
        i++;
      }
      i++;
    } else {
      const end = header.indexOf(',', i);
      value = header.slice(i, end < 0 ? undefined : end).trim();
      i = end < 0 ? header.length : end;
    }
    params[name] = value;
  }
  return params;
}

export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
