// Raw header fields by lower-case name, every occurrence in order (top first), values unfolded. The
// rules below read these rather than a parser's structured view, so a crafted structure cannot hide a
// field from them.
export type HeaderFields = ReadonlyMap<string, readonly string[]>;

/** `Name: value` lines as mailparser's headerLines gives them (folded lines still joined by CRLF). */
export function headerFieldsOf(lines: readonly { readonly key: string; readonly line: string }[]): HeaderFields {
  const fields = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/gu, ' ').trim();
    const name = key.toLowerCase();
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

export function firstField(h: HeaderFields, name: string): string | null {
  return h.get(name)?.[0] ?? null;
}

/** Bare addr-specs in a header value (`Name <a@b>` or `a@b`), lower-cased. */
export function addressesIn(value: string): string[] {
  const found = value.match(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+/gu) ?? [];
  return found.map((a) => a.toLowerCase());
}

/** Message ids (`<…>`) in In-Reply-To or References, in the order written. */
export function messageIdsIn(value: string): string[] {
  return (value.match(/<[^<>\s]{1,500}>/gu) ?? []).map((id) => id.slice(1, -1));
}
