/**
 * Folding names for matching in the window: lower case, full-width ASCII as ASCII, the
 * ideographic space as a space, runs of whitespace as one space, trimmed. Per character,
 * like the Rust folding, so a folded name keeps its length in code points. Traditional and
 * simplified characters are not folded here: the window has no conversion table of its own
 * (the Rust side converts with fast2s), so a traditional alias matches a traditional query.
 */
export function foldName(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const narrow =
      code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : code === 0x3000 ? " " : char;
    out += narrow.toLowerCase();
  }
  return out.replace(/\s+/gu, " ").trim();
}
