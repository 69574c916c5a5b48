/**
 * The inspector's pure logic (unit-tested): which claims are anchored in a bead, and how
 * long a quote is in the two units the app deals in.
 */
import type { BeadView } from "./bindings/BeadView";
import type { ClaimView } from "./bindings/ClaimView";
import { sideRange } from "./mentions";
import { codePointLength } from "./offsets";

/**
 * The claims with an anchor overlapping the bead's sentences on either side (anchors at the
 * texts the alignment is of; an anchor at an older text revision does not count).
 */
export function claimsInBead(
  claims: readonly ClaimView[],
  bead: Pick<BeadView, "zh" | "en">,
  textIds: { zh: number; en: number },
): ClaimView[] {
  const ranges = { zh: sideRange(bead.zh), en: sideRange(bead.en) };
  return claims.filter((claim) =>
    claim.anchors.some((anchor) => {
      const range = ranges[anchor.lang];
      return range !== null && anchor.textId === textIds[anchor.lang] && anchor.start < range.end && anchor.end > range.start;
    }),
  );
}

/** A quote's length in characters (code points, the app's offset unit) and in UTF-16 units. */
export function spanLengths(quote: string): { codePoints: number; utf16: number } {
  return { codePoints: codePointLength(quote), utf16: quote.length };
}
