/*
 * Terminal columns, not UTF-16 code units: `padEnd` counts a CJK character or an emoji as
 * one (or two, for a surrogate pair) while a terminal draws it two columns wide, and a
 * combining accent as one while it takes none. Tables of track names from every market
 * only line up if padding counts what the terminal draws.
 */

// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W/F), and emoji pictographs.
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const COMBINING_MARK = /\p{M}/u;

/** Zero-width spaces and joiners, and variation selectors (which only pick a glyph). */
const isInvisible = (codePoint: number) =>
  (codePoint >= 0x200b && codePoint <= 0x200f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f);

function charWidth(char: string): number {
  if (COMBINING_MARK.test(char) || isInvisible(char.codePointAt(0)!)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** Columns `text` takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** `text` cut to at most `width` columns (an ellipsis marks a cut) and padded to exactly `width`. */
export function fitToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + ' '.repeat(width - displayWidth(text));
  let kept = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width - 1) break; // room for the ellipsis
    kept += char;
    used += w;
  }
  return `${kept}…${' '.repeat(width - 1 - used)}`;
}
