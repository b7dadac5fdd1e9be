/** Text normalisation shared by the cell readers and the header matcher (METHOD.md §1). */

/**
 * Full-width ASCII forms (！..～: ０-９, Ａ-Ｚ, ％, ，, …), ￥ and the ideographic space to their
 * half-width forms; the same string when there is none (§1: full-width/half-width is ignored).
 */
export function halfWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0xffe5 || c === 0x3000) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0xffe5) out += "¥";
    else if (c === 0x3000) out += " ";
    else out += s[i];
  }
  return out;
}

/** §1's totals words, compared without spaces, case or a trailing colon. */
const TOTALS_WORDS: ReadonlySet<string> = new Set([
  "合计",
  "总计",
  "小计",
  "汇总",
  "total",
  "subtotal",
  "grandtotal",
]);
const LONGEST_TOTALS_LABEL = 40; // "Grand total:" with generous spacing

/**
 * A totals label (§1): 合计, 总计, 小计, 汇总, Total, Subtotal, Grand total — spaces, case,
 * full-width forms and a trailing colon ignored, so "合  计" and "Total:" count.
 */
export function isTotalsLabel(text: string): boolean {
  if (!text || text.length > LONGEST_TOTALS_LABEL) return false;
  const n = halfWidth(text)
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/[:：]$/, "");
  return TOTALS_WORDS.has(n);
}
