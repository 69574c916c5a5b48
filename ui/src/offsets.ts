/**
 * The one place where the UI converts between the project's offset unit (Unicode code
 * points, as stored in Rust) and JavaScript's (UTF-16 code units, as used by DOM ranges and
 * String.prototype.slice). Characters outside the Basic Multilingual Plane (𠮷, emoji) take
 * one code point but two UTF-16 units, so the two differ after the first such character.
 */

/** UTF-16 index of the given code-point offset in `text`; throws if past the end. */
export function codePointToUtf16(text: string, codePoint: number): number {
  if (!Number.isInteger(codePoint) || codePoint < 0) {
    throw new RangeError(`code-point offset ${codePoint} is not a non-negative integer`);
  }
  let units = 0;
  let points = 0;
  while (points < codePoint) {
    if (units >= text.length) {
      throw new RangeError(`code-point offset ${codePoint} is past the end of the text (${points} code points)`);
    }
    const unit = text.charCodeAt(units);
    units += isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(units + 1)) ? 2 : 1;
    points += 1;
  }
  return units;
}

/**
 * Code-point offset of the given UTF-16 index. An index that falls between the two halves
 * of a surrogate pair is moved back to the start of the character, so a selection never
 * tags half a character.
 */
export function utf16ToCodePoint(text: string, utf16: number): number {
  if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) {
    throw new RangeError(`UTF-16 offset ${utf16} is outside the text (length ${text.length})`);
  }
  let units = 0;
  let points = 0;
  while (units < utf16) {
    const unit = text.charCodeAt(units);
    const width = isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(units + 1)) ? 2 : 1;
    if (units + width > utf16) break;
    units += width;
    points += 1;
  }
  return points;
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  return utf16ToCodePoint(text, text.length);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
