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
