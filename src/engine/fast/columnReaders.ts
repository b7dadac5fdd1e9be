/**
 * The column readers of classify: fast paths over a whole column for the cell readers of
 * cells.ts (METHOD.md §1), kept apart from the rules. Each handles the common cells itself
 * (a finite number, a blank, a remembered text) and calls the rule — readNumber, readRate,
 * readDate, readYesNo … — for everything else, so the result is the rule's on every cell;
 * tests/engine/fastPaths.test.ts checks that with random columns (fast-check).
 */
import * as cells from "../cells";
import type { Report } from "../cells";
import * as days from "../days";
import type { CellValue, DayNumber, FieldKey } from "../types";

const { readDate, readNumber, readRate, scanPlainNumber, scanPercentSeen, rateOfNumber } = cells;
const formatIsoDay = days.formatIsoDay;
const serialToDay = days.dayFromExcelSerial;

/** Distinct texts remembered per column (bounded: a column of unique texts gains nothing). */
const MEMO_MAX = 4096;
/** Whole numbers 0 ≤ v < INT_MEMO are remembered in coded columns (covers date serials to 2079). */
const INT_MEMO = 65536;

export type Reader = (v: CellValue, report: Report) => number;

/** Where a reader's report goes: the row and field being read. */
export interface ReadContext {
  row: number;
  field: FieldKey;
  report: Report;
  /** How many problems have been reported (tells a silent blank from an unreadable cell). */
  reports: number;
}

/*
 * Column readers. Each is its own small function so the JIT keeps its loop tight; each
 * handles the common cells itself, with the readers' own results (a blank is missing and
 * never reported; readNumber returns a finite number as it is; readDate reads a number as
 * an Excel serial when it is one), and calls the reader for everything else.
 */

export function readNumbers(
  col: ArrayLike<CellValue>,
  len: number,
  out: Float64Array,
  ctx: ReadContext,
  lo: number,
  hi: number,
  drop: boolean,
): void {
  // The loop over the cells stays minimal (most are finite numbers or blank); the range
  // check is a second pass over the typed array, which costs next to nothing.
  for (let i = 0; i < len; i++) {
    const v = col[i];
    out[i] =
      typeof v === "number" && v - v === 0
        ? v
        : v === null || v === undefined
          ? NaN
          : numberOfCell(v, i, ctx);
  }
  if (lo === -Infinity && hi === Infinity) return;
  checkRange(out, len, ctx, lo, hi, drop);
}

/** A cell that is not a plain finite number: "¥1,234" and "1.2万" in place, the rest by readNumber. */
function numberOfCell(v: CellValue, row: number, ctx: ReadContext): number {
  if (typeof v === "string") {
    const x = scanPlainNumber(v);
    if (x === x) return x;
  }
  ctx.row = row;
  return readNumber(v, ctx.report);
}

export function readRates(col: ArrayLike<CellValue>, len: number, out: Float64Array, ctx: ReadContext): void {
  const texts = new TextMemo();
  for (let i = 0; i < len; i++) {
    const v = col[i];
    if (typeof v === "number" && v - v === 0) {
      out[i] = rateOfNumber(v, false);
    } else if (v === null || v === undefined) out[i] = NaN;
    else if (typeof v === "string") {
      // "30%" and "0.3" are read in place (each cell is a new string: a memo would hash it).
      const x = scanPlainNumber(v);
      out[i] = x === x ? rateOfNumber(x, scanPercentSeen()) : texts.read(v, i, ctx, readRate);
    } else {
      ctx.row = i;
      out[i] = readRate(v, ctx.report);
    }
  }
}

/** Dates; one after `today` is a problem and counts as missing (METHOD §1). */
export function readDates(
  col: ArrayLike<CellValue>,
  len: number,
  out: Float64Array,
  ctx: ReadContext,
  today: DayNumber,
): void {
  const texts = new TextMemo();
  for (let i = 0; i < len; i++) {
    const v = col[i];
    let day: number;
    if (typeof v === "number") day = dayOfNumber(v, i, ctx);
    else if (v === null || v === undefined) day = NaN;
    else if (typeof v === "string") day = texts.read(v, i, ctx, readDate);
    else {
      ctx.row = i;
      day = readDate(v, ctx.report);
    }
    out[i] = notAfter(today, day, i, ctx);
  }
}

/** A number in a date column: the day of its Excel serial, else readDate's verdict (reported). */
function dayOfNumber(v: number, row: number, ctx: ReadContext): number {
  const day = serialToDay(v);
  if (day === day) return day;
  ctx.row = row;
  return readDate(v, ctx.report);
}

/** §1: a date after today is a problem and counts as missing. */
function notAfter(today: DayNumber, day: number, row: number, ctx: ReadContext): number {
  if (!(day > today)) return day;
  ctx.row = row;
  ctx.report("future-date", formatIsoDay(day));
  return NaN;
}

/**
 * A column a reader already parsed (a Float64Array: numbers, dates as Excel serials, NaN for a
 * blank), read by kind as the readers above read the same numbers, with NaN a blank cell.
 */
export function readParsed(
  col: Float64Array,
  len: number,
  out: Float64Array,
  ctx: ReadContext,
  kind: "number" | "rate" | "date" | Reader,
  today: DayNumber,
): void {
  if (kind === "number") out.set(col.subarray(0, len));
  else if (kind === "rate")
    for (let i = 0; i < len; i++) out[i] = col[i] === col[i] ? rateOfNumber(col[i], false) : NaN;
  else if (kind === "date") {
    for (let i = 0; i < len; i++) {
      const v = col[i];
      out[i] = v === v ? notAfter(today, dayOfNumber(v, i, ctx), i, ctx) : NaN;
    }
  } else {
    for (let i = 0; i < len; i++) {
      const v = col[i];
      ctx.row = i;
      out[i] = v === v ? kind(v, ctx.report) : NaN;
    }
  }
}

/** readNumbers' range check, for a column read otherwise (readParsed). */
export function checkRange(
  out: Float64Array,
  len: number,
  ctx: ReadContext,
  lo: number,
  hi: number,
  drop: boolean,
): void {
  for (let i = 0; i < len; i++) {
    const x = out[i];
    if (x < lo || x > hi) {
      ctx.row = i;
      ctx.report("out-of-range", String(x));
      out[i] = drop ? NaN : x < lo ? lo : hi;
    }
  }
}

/** Coded columns (yes/no, familiarity, position, birthday): few distinct cells, remembered. */
export function readCoded(
  col: ArrayLike<CellValue>,
  len: number,
  out: Float64Array,
  ctx: ReadContext,
  reader: Reader,
): void {
  const texts = new TextMemo();
  // Whole numbers repeat too: 1/0, familiarity 1–5, birthdays as date serials. Remembered in
  // a table allocated on first use (NaN = not yet read); an unreadable number is never
  // remembered, so it is reported on every row.
  let ints: Float64Array | null = null;
  // A one-character text already read (是, 否, 强 …) is looked up here, in the loop itself.
  const { charSeen, charValue } = texts;
  for (let i = 0; i < len; i++) {
    const v = col[i];
    if (typeof v === "string") {
      if (v.length <= 1) {
        const c = v.length === 0 ? EMPTY_SLOT : v.charCodeAt(0);
        if (charSeen[c] === 1) {
          out[i] = charValue[c];
          continue;
        }
      }
      out[i] = texts.read(v, i, ctx, reader);
    } else if (v === null || v === undefined) out[i] = NaN;
    else if (typeof v === "number" && v >= 0 && v < INT_MEMO && (v | 0) === v) {
      ints ??= (intMemoTable ??= new Float64Array(INT_MEMO)).fill(NaN);
      let x = ints[v];
      if (x !== x) {
        ctx.row = i;
        const before = ctx.reports;
        x = reader(v, ctx.report);
        if (ctx.reports === before) ints[v] = x;
      }
      out[i] = x;
    } else {
      ctx.row = i;
      out[i] = reader(v, ctx.report);
    }
  }
}

/** readCoded's table of whole numbers, kept between calls (one column is read at a time). */
let intMemoTable: Float64Array | null = null;

/**
 * What each text of a column read as (是/否, 强/平/弱, 30%, 3月5日 repeat). One-character
 * texts and "" by character code; others in a small direct-mapped cache (by a hash of the
 * text's characters, checked with ===), then a bounded map. Good reads and blanks are
 * remembered; an unreadable text is not, so it is reported on every row.
 */
class TextMemo {
  private readonly cacheKey: (string | null)[] = new Array<string | null>(CACHE_SLOTS).fill(null);
  private readonly cacheValue = new Float64Array(CACHE_SLOTS);
  private readonly map = new Map<string, number>();
  /** One-character texts (是 否 Y N 强 平 弱 √ ×: most coded cells) by character code, and "". */
  readonly charSeen: Uint8Array;
  readonly charValue: Float64Array;

  constructor() {
    const tables = (charTables ??= {
      seen: new Uint8Array(EMPTY_SLOT + 1),
      value: new Float64Array(EMPTY_SLOT + 1),
    });
    this.charSeen = tables.seen.fill(0); // shared: one column is read at a time
    this.charValue = tables.value;
  }

  read(v: string, row: number, ctx: ReadContext, reader: Reader): number {
    const len = v.length;
    const short = len <= 1;
    let slot = -1;
    if (short) {
      const c = len === 0 ? EMPTY_SLOT : v.charCodeAt(0);
      if (this.charSeen[c] === 1) return this.charValue[c];
    } else if (len <= CACHE_MAX_LENGTH) {
      // A hash of every character: "3月5日" and "3月15日" must not share a slot.
      let h = len;
      for (let k = 0; k < len; k++) h = Math.imul(h ^ v.charCodeAt(k), 0x9e3779b1);
      slot = (h >>> 22) & (CACHE_SLOTS - 1);
      if (this.cacheKey[slot] === v) return this.cacheValue[slot];
    }
    let x = this.map.get(v);
    if (x === undefined) {
      ctx.row = row;
      const before = ctx.reports;
      x = reader(v, ctx.report);
      // Unreadable (readPosition gives Unknown, the others NaN): not remembered, so it is
      // reported on every row. A good read or a blank ("", " ") is remembered.
      if (ctx.reports !== before) return x;
      if (short) {
        const c = len === 0 ? EMPTY_SLOT : v.charCodeAt(0);
        this.charSeen[c] = 1;
        this.charValue[c] = x;
        return x;
      }
      if (this.map.size < MEMO_MAX) this.map.set(v, x);
    }
    if (slot >= 0) {
      this.cacheKey[slot] = v;
      this.cacheValue[slot] = x;
    }
    return x;
  }
}

/** TextMemo's direct-mapped cache: 1,024 slots, for texts up to 24 characters (dates, rates, 3月5日). */
const CACHE_SLOTS = 1024;
const CACHE_MAX_LENGTH = 24;

/** Where the empty text is remembered in those tables: after every UTF-16 code unit. */
const EMPTY_SLOT = 0x10000;

/** TextMemo's tables of one-character texts, kept between calls (one column is read at a time). */
let charTables: { seen: Uint8Array; value: Float64Array } | null = null;

/** Frees the tables kept between calls. */
export function releaseReaderTables(): void {
  intMemoTable = null;
  charTables = null;
}
