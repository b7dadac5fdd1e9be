/**
 * Streaming one worksheet's XML into rows of cells, one row at a time: memory stays flat in the
 * row count, and a cell far to the right (XFD1048576) costs one cell, not 16,384 columns.
 */
import type { SaxesTagPlain } from "saxes";
import { EXCEL_EPOCH_OFFSET, type CellValue } from "../engine/types";
import type { OriginalCell } from "./sheet";
import { detached, local, parseXml, type SharedStrings, type Styles } from "./xlsxParts";
import type { ZipReader } from "./zip";

const MS_PER_DAY = 86_400_000;
/** 1904 system: serial 0 is 1904-01-01, 1462 days after the 1900 system's. */
const DATE1904_SHIFT = 1462;

export interface RawCell {
  /** 0-based column. */
  col: number;
  /** What the engine reads: text, number, boolean, Date (UTC midnight for whole days), null. */
  value: CellValue;
  /** Set when the cell must be written back as something else than `value`. */
  original?: OriginalCell;
  /** Number format of a number or date cell. */
  numFmt?: string;
}

export interface RawRow {
  /** 1-based row number in the sheet. */
  number: number;
  cells: RawCell[];
}

/** A cached formula error, written back as the error it is. */
export interface ErrorCell {
  error: string;
}
/** A formula Excel never calculated (no cached value): read as blank, reported. */
export interface UncalculatedCell {
  uncalculated: true;
}
export const isErrorCell = (o: unknown): o is ErrorCell =>
  typeof o === "object" && o !== null && typeof (o as ErrorCell).error === "string";
export const isUncalculated = (o: unknown): o is UncalculatedCell =>
  typeof o === "object" && o !== null && (o as UncalculatedCell).uncalculated === true;

/** "AB12" → 27 (0-based column). */
export function columnOfRef(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c - 1;
}

/** Excel escapes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
export function unescapeOoxml(s: string): string {
  return s.indexOf("_x") < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

export function serialToDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? DATE1904_SHIFT : 0) - EXCEL_EPOCH_OFFSET;
  return new Date(Math.round(days * MS_PER_DAY));
}

/** Rich text, written back with its runs (fonts, colours) as an inline string. */
export interface RichTextCell {
  /** The runs' XML, `<r>…</r>…`. */
  richXml: string;
  /** Its plain text. */
  text: string;
}
export const isRichText = (o: unknown): o is RichTextCell =>
  typeof o === "object" && o !== null && typeof (o as RichTextCell).richXml === "string";

/** Short inline texts are shared between cells (as shared strings are): 区域, 负责销售… repeat. */
const INTERN_MAX_LENGTH = 32;
const INTERN_MAX_ENTRIES = 1 << 17;

function intern(ctx: SheetReadContext, s: string): string {
  if (s.length > INTERN_MAX_LENGTH) return detached(s);
  const pool = (ctx.interned ??= new Map());
  const known = pool.get(s);
  if (known !== undefined) return known;
  const own = detached(s);
  if (pool.size < INTERN_MAX_ENTRIES) pool.set(own, own);
  return own;
}

export interface SheetReadContext {
  /** Inline texts already seen (see intern). */
  interned?: Map<string, string>;
  sharedStrings: SharedStrings;
  styles: Styles;
  date1904: boolean;
}

/**
 * Calls `onRow` for each row holding at least one cell, in order; `onRow` returns false to stop
 * reading (the rest of the part is not inflated). Also returns the merged ranges when read to the end.
 */
export async function readSheetRows(
  zip: ZipReader,
  part: string,
  ctx: SheetReadContext,
  onRow: (row: RawRow) => boolean | void,
): Promise<{ merges: string[] }> {
  const merges: string[] = [];
  let stop = false;
  let rowNumber = 0;
  let cells: RawCell[] = [];
  // The cell being read.
  let col = -1;
  let type = "n";
  let style = 0;
  let hasFormula = false;
  let text = "";
  let capture = false; // inside <v>, or <t> of an inline string (not its phonetic runs)
  let inPhonetic = 0;
  let nextCol = 0;

  const finishCell = () => {
    const cell = toCell(col, type, style, text, hasFormula, ctx);
    if (cell) cells.push(cell);
  };

  await parseXml(
    await zip.stream(part),
    (p) => {
      p.on("opentag", (t: SaxesTagPlain) => {
        switch (local(t.name)) {
          case "row": {
            const r = t.attributes.r;
            rowNumber = r !== undefined ? Number(r) : rowNumber + 1;
            cells = [];
            nextCol = 0;
            break;
          }
          case "c": {
            const r = t.attributes.r;
            col = r !== undefined ? columnOfRef(String(r)) : nextCol;
            nextCol = col + 1;
            type = String(t.attributes.t ?? "n");
            style = t.attributes.s !== undefined ? Number(t.attributes.s) : 0;
            hasFormula = false;
            text = "";
            break;
          }
          case "v":
            capture = true;
            break;
          case "t":
            capture = inPhonetic === 0;
            break;
          case "rPh":
            inPhonetic++;
            break;
          case "f":
            hasFormula = true;
            break;
          case "mergeCell":
            merges.push(String(t.attributes.ref));
            break;
        }
      });
      p.on("text", (s) => {
        if (capture) text += s;
      });
      p.on("cdata", (s) => {
        if (capture) text += s;
      });
      p.on("closetag", (t) => {
        switch (local(t.name)) {
          case "v":
          case "t":
            capture = false;
            break;
          case "rPh":
            inPhonetic--;
            break;
          case "c":
            finishCell();
            break;
          case "row":
            if (cells.length > 0 && onRow({ number: rowNumber, cells }) === false) stop = true;
            break;
        }
      });
    },
    () => stop,
  );
  return { merges };
}

function toCell(
  col: number,
  type: string,
  style: number,
  text: string,
  hasFormula: boolean,
  ctx: SheetReadContext,
): RawCell | null {
  if (col < 0) return null;
  if (hasFormula && text === "" && type !== "str" && type !== "inlineStr") {
    return { col, value: null, original: { uncalculated: true } satisfies UncalculatedCell };
  }
  switch (type) {
    case "s": {
      const k = Number(text);
      const s = ctx.sharedStrings.strings[k];
      if (s === undefined || s === "") return null;
      const rich = ctx.sharedStrings.rich.get(k);
      return rich === undefined
        ? { col, value: unescapeOoxml(s) }
        : { col, value: unescapeOoxml(s), original: { richXml: rich, text: unescapeOoxml(s) } };
    }
    case "inlineStr":
    case "str":
      return text === "" ? null : { col, value: intern(ctx, unescapeOoxml(text)) };
    case "b":
      return { col, value: text === "1" || text === "true" };
    case "e":
      return { col, value: detached(text), original: { error: detached(text) } satisfies ErrorCell };
    case "d": {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text + "Z");
      return Number.isNaN(d.getTime()) ? { col, value: text } : { col, value: d, numFmt: "yyyy-mm-dd" };
    }
    default: {
      if (text === "") return null;
      const n = Number(text);
      if (!Number.isFinite(n)) return { col, value: detached(text) };
      const numFmt = ctx.styles.formats[style];
      if (ctx.styles.isDate[style]) return { col, value: serialToDate(n, ctx.date1904), numFmt };
      return { col, value: n, numFmt };
    }
  }
}
