/**
 * A text column kept as UTF-8 bytes: the CLI's CSV reader hands the engine its customer ids and
 * names this way, never as a million strings (decoding them cost the reader 0.27 s of a 1 M-row
 * run and the garbage collector about as much again, moving them between generations). classify
 * reads what it needs straight from the bytes — the key's hash for duplicates and the §8 jitter,
 * the first character for §1's totals rows — and decodes a cell only when a rule needs its text
 * (a key to trim, a duplicate to compare, a totals label, a summary's top customers).
 *
 * Every other reader (the pane, the custom functions, the xlsx reader) gives arrays of cells;
 * `cellAt` reads either kind.
 */
import type { CellValue } from "./types";

export interface Utf8Texts {
  readonly kind: "utf8";
  readonly length: number;
  /** Valid UTF-8 (the reader checked it, or re-encoded the file). */
  readonly bytes: Uint8Array;
  /** Cell i is bytes[start[i], end[i]); start[i] < 0: no cell (null). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 1 where the bytes are not the text as they stand (a CSV field's doubled quotes). */
  readonly escaped: Uint8Array;
  /** Cell i as an array of cells would hold it: its text ("" for an empty field), null for none. */
  cell(i: number): CellValue;
}

/** A column of texts as a reader gives it: cells, or UTF-8 bytes (id and name only). */
export type TextCells = ArrayLike<CellValue> | Utf8Texts;

export function isUtf8Texts(col: TextCells | undefined): col is Utf8Texts {
  return col !== undefined && (col as Utf8Texts).kind === "utf8";
}

/** Cell i of either kind of column (undefined past its end). */
export function cellAt(col: TextCells | undefined, i: number): CellValue {
  if (col === undefined || i >= col.length) return undefined;
  return isUtf8Texts(col) ? col.cell(i) : col[i];
}

/**
 * The code point that starts bytes[s, e) (−1 for none). Only the first 1–4 bytes are read:
 * the bytes are valid UTF-8, so a lead byte says how many follow.
 */
export function firstCodePoint(bytes: Uint8Array, s: number, e: number): number {
  if (s >= e) return -1;
  const b = bytes[s];
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | (bytes[s + 1] & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | ((bytes[s + 1] & 0x3f) << 6) | (bytes[s + 2] & 0x3f);
  return (
    ((b & 0x07) << 18) | ((bytes[s + 1] & 0x3f) << 12) | ((bytes[s + 2] & 0x3f) << 6) | (bytes[s + 3] & 0x3f)
  );
}

/** The code point that ends bytes[s, e) (−1 for none): back over the continuation bytes. */
export function lastCodePoint(bytes: Uint8Array, s: number, e: number): number {
  if (s >= e) return -1;
  let p = e - 1;
  while (p > s && (bytes[p] & 0xc0) === 0x80) p--;
  return firstCodePoint(bytes, p, e);
}
