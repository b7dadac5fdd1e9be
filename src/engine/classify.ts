/**
 * The columnar pass over a whole table (METHOD.md §2–§10).
 *
 * Each input column is read once into a typed array with the cell readers; the population
 * rules use one stable radix sort of the values (ABC, volume percentile, RFM's M) and a
 * histogram or sort for R and F; every other rule is a per-row pass over typed arrays.
 * Nothing is allocated per row except a CellProblem for an unreadable cell, so Excel's full
 * 1,048,575 rows fit comfortably in memory. Measured by `npm run bench:engine`.
 */
import * as cells from "./cells";
import type { Report } from "./cells";
import { nextMajorHoliday } from "./holidays";
import * as rules from "./rules";
import type { ActionInput } from "./rules";
import type { Settings } from "./settings";
import { isRhythmFading, type RhythmAnalysis } from "./rhythm/analyse";
import { getCurrentSettings } from "./settingsStore";
import { isTotalsLabel } from "./text";
import * as utf8 from "./utf8Texts";
import type { TextCells, Utf8Texts } from "./utf8Texts";
import {
  checkRange,
  readCoded,
  readDates,
  readParsed,
  readNumbers,
  readRates,
  releaseReaderTables,
  type ReadContext,
  type Reader,
} from "./fast/columnReaders";
import * as types from "./types";
import type {
  CellProblem,
  CellValue,
  DayNumber,
  FieldKey,
  HolidayHit,
  KeyField,
  ProblemReason,
  TableInput,
} from "./types";

// Module-local copies of what the per-row loops use: the CommonJS output of transpilers
// (tsx/esbuild) reads an imported binding through a getter on every use.
const { Abc, ActionKind, FIELD_KEYS, NOT_CLASSIFIED, Position } = types;
const { TIER_BITS, TIER_MASK, ValueEstimate } = rules;
type ValueMeasure = rules.ValueMeasure;
const { cellAt, firstCodePoint, isUtf8Texts, lastCodePoint } = utf8;
type Abc = types.Abc;
type Position = types.Position;
const { readBirthday, readFamiliarity, readPosition, readText: text, readYesNo } = cells;
const {
  abcClasses,
  familiarityGap,
  fnv1a32Int,
  fnv1a32IntOfBytes,
  growthOf,
  hasHistory,
  jitterOfHash,
  isNewCustomer,
  keyIndex: keyIndexOf,
  marginBand,
  newActionInput,
  newActionOutput,
  nextAction,
  nextBirthday,
  potentialScore,
  relationshipLevel,
  rfmScores,
  riskFlags,
  salesStrategy,
  tierDecision,
  lastValueEstimate,
  valueMeasure,
  valueMedian,
  valueOf,
} = rules;

/**
 * The result of classifying a table: typed arrays, one entry per input row; NaN = unknown.
 * Columns that only hold whole numbers (key index 0–100, familiarity gap −4..3, day counts
 * and DayNumbers) are Float32Array: it holds every integer of magnitude up to 2^24 (a day
 * count or DayNumber within ±45,000 years) and NaN exactly. That makes the result buffer,
 * the one big fresh allocation of a call, 83 bytes a row instead of 99; V8 weighs such
 * external memory when it decides on a full GC. Fractions (value, shares, volumePct, growth,
 * and potential, which a number column may give as 3.5) stay Float64Array.
 */
export interface ClassifyResult {
  rowCount: number;
  today: DayNumber;
  settings: Settings;
  value: Float64Array;
  tier: Uint8Array;
  /** Why §4 decided the tier: TierReason bits (rules.ts); the Why line reads them. */
  tierWhy: Uint8Array;
  abc: Uint8Array;
  share: Float64Array;
  cumShare: Float64Array;
  volumePct: Float64Array;
  growth: Float64Array;
  isNew: Uint8Array;
  /** today − lastOrder in whole days. */
  recency: Float32Array;
  /** 0..100, whole. */
  keyIndex: Float32Array;
  risk: Uint8Array;
  potential: Float64Array;
  level: Uint8Array;
  /** target − familiarity: a whole number −4..3. */
  gap: Float32Array;
  action: Uint8Array;
  actionVariant: Uint8Array;
  /** A DayNumber. */
  nextContact: Float32Array;
  overdue: Int32Array;
  strategy: Uint8Array;
  rfmR: Uint8Array;
  rfmF: Uint8Array;
  rfmM: Uint8Array; // 0 = unknown
  /** The next major holiday when it is within the holiday window of `today`, else null. */
  holiday: HolidayHit | null;
  /** Sorted by row (then by field in METHOD.md order). */
  problems: CellProblem[];
  /** Problems of row i are problems[problemStart[i] .. problemStart[i+1]). Length rowCount + 1. */
  problemStart: Int32Array;
  /** Rows left out of the classification (§1 totals rows), ascending; their tier is NOT_CLASSIFIED. */
  excluded: number[];
  /** The table classified (a reference, not a copy): the summary and Worklist read names, owner, region. */
  input?: TableInput;
  /** §13 (ledger input only): each row's buying rhythm, the fit or why there is none. */
  rhythm?: RhythmAnalysis;
}

export interface ClassifyOptions {
  today: DayNumber;
  settings?: Settings;
  /** §13, for a table derived from a ledger: analyseRhythm of its rows' purchase dates. */
  rhythm?: RhythmAnalysis;
  /**
   * Where the result's arrays live (one buffer of the given size): the CLI passes shared memory,
   * so that its encoding worker reads the result without a copy. Default: the pooled buffer.
   */
  resultMemory?: (bytes: number) => ArrayBufferLike;
}

const CRITERIA = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"] as const;
/** activeMonths counts months of one year (§1: 0–12), whatever the continuity setting. */
const MAX_ACTIVE_MONTHS = 12;
const MAX_POTENTIAL = 7;
const FOUND_MAX = 40;

export function classify(input: TableInput, options: ClassifyOptions): ClassifyResult {
  const settings: Settings = options.settings ?? getCurrentSettings();
  const today = Math.floor(options.today);
  const n = Math.max(0, Math.floor(input.rowCount)) | 0;
  const cols = input.columns;

  // Two allocations for the whole table (results, and scratch kept for the next call):
  // thirty separate big typed arrays would each push V8 towards another full GC. The result
  // buffer is the one fresh allocation of a call, so it is kept small (RESULT_BYTES_PER_ROW).
  let present = 0;
  for (const f of FLOAT_FIELDS) if (cols[f]) present++;
  let hasC = false;
  for (const c of CRITERIA) if (cols[c]) hasC = true;
  const resultBytes = n * RESULT_BYTES_PER_ROW + 64;
  const r = carveOutputs(new Arena(options.resultMemory?.(resultBytes) ?? takeResultBuffer(resultBytes)), n);
  // Per row: the Float64 columns, the sort's work area (6 u32), jitter and two key hashes (3 i32),
  // one more u32, criteriaYes and the two key flags (3 u8).
  const scratchBuffer = takeScratch(n * (8 * (present + 2 + (hasC ? 1 : 0)) + 6 * 4 + 3 * 4 + 4 + 3) + 64);
  const scratch = new Arena(scratchBuffer);

  // ---- problems: one shared reporter, told the current row and field (no closure per row)
  const problems: CellProblem[] = [];
  const report: Report = (reason: ProblemReason, found: string) => {
    ctx.reports++;
    problems.push({ row: ctx.row, field: ctx.field, reason, found: truncate(found) });
  };
  const addProblem = (row: number, field: FieldKey, reason: ProblemReason, found: string): void => {
    problems.push({ row, field, reason, found: truncate(found) });
  };

  const ctx: ReadContext = { row: 0, field: "id", report, reports: 0 };
  /** Missing fields read as one shared all-NaN column (never written) so the rules need no branches. */
  let blank: Float64Array | null = null;
  const blankColumn = (): Float64Array => (blank ??= scratch.f64(n).fill(NaN));
  /**
   * Reads one field's column into a Float64Array (NaN = missing), with the checks the readers
   * cannot know about (future dates, ranges) done in the same pass; a missing field reads as
   * the shared blank column. Each kind of column has its own small loop (see readNumbers …).
   */
  const column = (
    field: Exclude<FieldKey, KeyField>,
    kind: "number" | "rate" | "date" | Reader,
    lo = -Infinity,
    hi = Infinity,
    drop = false,
  ) => {
    const col = cols[field];
    if (!col) return blankColumn();
    const out = scratch.f64(n);
    ctx.field = field;
    const len = Math.min(col.length, n);
    if (col instanceof Float64Array) {
      readParsed(col, len, out, ctx, kind, today);
      if (kind === "number" && (lo !== -Infinity || hi !== Infinity)) checkRange(out, len, ctx, lo, hi, drop);
    } else if (kind === "number") readNumbers(col, len, out, ctx, lo, hi, drop);
    else if (kind === "rate") readRates(col, len, out, ctx);
    else if (kind === "date") readDates(col, len, out, ctx, today);
    else readCoded(col, len, out, ctx, kind);
    out.fill(NaN, len); // a short column: the rest is blank
    return out;
  };

  // ---- §1 read every column once
  const revenue = column("revenue", "number");
  const prevRevenue = column("prevRevenue", "number");
  const profit = column("profit", "number");
  const marginRate = column("marginRate", "rate");
  const prevMarginRate = column("prevMarginRate", "rate");
  // A negative order or referral count is a problem and unknown; months and potential are clamped.
  const orders = column("orders", "number", 0, Infinity, true);
  const activeMonths = column("activeMonths", "number", 0, MAX_ACTIVE_MONTHS);
  const firstOrder = column("firstOrder", "date");
  const lastOrder = column("lastOrder", "date");
  const overdueDays = column("overdueDays", "number");
  const criteriaYes = scratch.u8(n).fill(0); // the scratch may be a reused buffer
  let hasCriteria = false;
  let yesColumn: Float64Array | null = null;
  for (const c of CRITERIA) {
    const col = cols[c];
    if (!col) continue;
    hasCriteria = true;
    yesColumn ??= scratch.f64(n);
    ctx.field = c;
    const len = Math.min(col.length, n);
    readCoded(col, len, yesColumn, ctx, readYesNo);
    for (let i = 0; i < len; i++) if (yesColumn[i] === 1) criteriaYes[i]++; // blank or unreadable = no
  }

  const potentialIn = column("potential", "number", 0, MAX_POTENTIAL);
  const familiarity = column("familiarity", readFamiliarity);
  const lastContact = column("lastContact", "date");
  const birthday = column("birthday", readBirthday);
  const referrals = column("referrals", "number", 0, Infinity, true);
  const incumbent = column("incumbent", readYesNo);
  const position = column("position", readPosition);
  const opportunity = column("opportunity", readYesNo);

  const inp: Inputs = {
    revenue,
    prevRevenue,
    profit,
    marginRate,
    prevMarginRate,
    orders,
    activeMonths,
    firstOrder,
    lastOrder,
    overdueDays,
    criteriaYes,
    hasCriteria,
    potentialIn,
    familiarity,
    lastContact,
    birthday,
    referrals,
    incumbent,
    position,
    opportunity,
    names: cols.name,
    ids: cols.id,
  };

  // ---- §1 totals rows (合计, Total, …): left out — their inputs read as missing, their
  // outputs are cleared below, and they take no part in any population rule.
  const excluded = totalsRows(n, cols.name, cols.id);
  for (const i of excluded) blankInputs(inp, i);

  // ---- duplicate customers (a problem; the row is still classified) and the §8 jitter, from
  // one hash of each row's key. The hash table borrows the sort's work area, which the ABC
  // sort below overwrites anyway (the table needs < 4n entries, the area holds 6n).
  const sortWork = scratch.u32(6 * n);
  const jitter = scratch.i32(n);
  duplicatePass(
    n,
    inp,
    sortWork,
    { id: scratch.i32(n), name: scratch.i32(n), hasId: scratch.u8(n), hasName: scratch.u8(n) },
    jitter,
    Math.max(0, Math.floor(settings.jitterDays)),
    addProblem,
  );

  // ---- §2 value; negatives count as 0 and are a problem
  const value = r.value;
  valuePass(n, inp, valueMeasure(!!cols.profit, !!cols.revenue, !!cols.marginRate), value, addProblem);

  abcClasses(value, settings, rules.valueOrder(value, sortWork, scratch.f64(n)), r);

  // ---- §3–§9 per row. Each pass is its own small function: the JIT optimises it whole and
  // inlines its rules (one long function with many loops kept falling back to the interpreter).
  const next = nextMajorHoliday(today);
  const holiday = next.day - today <= settings.holidayWindowDays ? next : null;

  // §13's analysis counts only when it is row for row this table's (a ledger's derived table).
  const rhythm = options.rhythm && options.rhythm.pAlive.length === n ? options.rhythm : undefined;
  tierPass(n, inp, r, today, settings, rhythm);

  keyIndexPass(n, inp, r, settings);

  levelPass(n, inp, r, settings);

  strategyPass(n, inp, r);

  actionPass(n, inp, r, today, holiday, jitter, settings);

  // ---- §10 RFM (M comes with the ABC order; R and F by histogram or sort)
  rfmScores(r.recency, false, r.rfmR, sortWork);
  rfmScores(orders, true, r.rfmF, sortWork);

  let kept = problems;
  if (excluded.length > 0) {
    const out = new Set(excluded);
    kept = problems.filter((p) => !out.has(p.row));
    for (const i of excluded) {
      clearOutputs(r, i);
      const byName = isTotalsLabel(text(cellAt(cols.name, i)));
      kept.push({ row: i, field: byName ? "name" : "id", reason: "totals-row", found: "" });
    }
  }
  const sorted = sortProblemsByRow(kept, n, r.problemStart, scratch.u32(n));

  giveBackScratch(scratchBuffer);
  return {
    rowCount: n,
    today,
    settings,
    ...r,
    holiday,
    problems: sorted,
    excluded,
    input,
    ...(rhythm ? { rhythm } : {}),
  };
}

/** §1: the rows whose name or id cell is a totals label (usually none), in order. */
function totalsRows(n: number, names: TextCells | undefined, ids: TextCells | undefined): number[] {
  const byName = totalsIn(names, n);
  const byId = totalsIn(ids, n);
  if (byId.length === 0) return byName;
  if (byName.length === 0) return byId;
  return [...new Set([...byName, ...byId])].sort((a, b) => a - b);
}

/** The rows of one column whose cell is a totals label; a UTF-8 cell is decoded only when its first character could start one. */
function totalsIn(col: TextCells | undefined, n: number): number[] {
  const rows: number[] = [];
  if (col === undefined) return rows;
  const count = Math.min(col.length, n);
  if (!isUtf8Texts(col)) {
    for (let i = 0; i < count; i++) if (maybeTotals(col[i])) rows.push(i);
    return rows;
  }
  const { bytes, start, end } = col;
  for (let i = 0; i < count; i++) {
    const s = start[i];
    if (s < 0) continue;
    const c = firstCodePoint(bytes, s, end[i]);
    if (c >= 0 && c < 0x10000 && TOTALS_FIRST[c] === 1 && maybeTotals(col.cell(i))) rows.push(i);
  }
  return rows;
}

/**
 * A cheap look first — a short text whose first character could start a totals word (合 总 小
 * 汇, t s g in either case or width, or a space) — then §1's rule. A million names pass this
 * test in a few milliseconds; isTotalsLabel on each would cost a second.
 */
function maybeTotals(v: CellValue): boolean {
  if (typeof v !== "string" || v.length === 0 || v.length > 40) return false;
  const c = v.charCodeAt(0);
  return c < 0x10000 && TOTALS_FIRST[c] === 1 && isTotalsLabel(text(v));
}

const TOTALS_FIRST = new Uint8Array(0x10000);
for (const c of "合总小汇tTsSgGｔＴｓＳｇＧ \t\u3000\u00a0") TOTALS_FIRST[c.charCodeAt(0)] = 1;

/** Row i's inputs as missing (the shared blank column stays blank: it is NaN already). */
function blankInputs(inp: Inputs, i: number): void {
  for (const key of FLOAT_INPUTS) inp[key][i] = NaN;
  inp.criteriaYes[i] = 0;
}

const FLOAT_INPUTS = [
  "revenue",
  "prevRevenue",
  "profit",
  "marginRate",
  "prevMarginRate",
  "orders",
  "activeMonths",
  "firstOrder",
  "lastOrder",
  "overdueDays",
  "potentialIn",
  "familiarity",
  "lastContact",
  "birthday",
  "referrals",
  "incumbent",
  "position",
  "opportunity",
] as const satisfies readonly (keyof Inputs)[];

/** A row left out of the classification: every output blank (Problems says why). */
function clearOutputs(r: Outputs, i: number): void {
  r.value[i] = r.share[i] = r.cumShare[i] = r.volumePct[i] = r.growth[i] = r.potential[i] = NaN;
  r.recency[i] = r.keyIndex[i] = r.gap[i] = r.nextContact[i] = NaN;
  r.overdue[i] = 0;
  r.tier[i] = NOT_CLASSIFIED;
  r.level[i] = NOT_CLASSIFIED;
  r.tierWhy[i] = r.abc[i] = r.isNew[i] = r.risk[i] = r.action[i] = r.actionVariant[i] = 0;
  r.strategy[i] = r.rfmR[i] = r.rfmF[i] = r.rfmM[i] = 0;
}

/**
 * Bytes per row of the result buffer: value, share, cumShare, volumePct, growth, potential
 * (Float64); recency, keyIndex, gap, nextContact (Float32); overdue, problemStart (Int32);
 * twelve Uint8 columns.
 */
const RESULT_BYTES_PER_ROW = 6 * 8 + 4 * 4 + 2 * 4 + 12;

/** The result arrays, carved from one buffer (Float64, then 4-byte, then byte columns: aligned). */
function carveOutputs(arena: Arena, n: number): Outputs {
  return {
    value: arena.f64(n),
    share: arena.f64(n),
    cumShare: arena.f64(n),
    volumePct: arena.f64(n),
    growth: arena.f64(n),
    potential: arena.f64(n),
    recency: arena.f32(n),
    keyIndex: arena.f32(n),
    gap: arena.f32(n),
    nextContact: arena.f32(n),
    overdue: arena.i32(n),
    problemStart: arena.i32(n + 1),
    tier: arena.u8(n),
    tierWhy: arena.u8(n),
    abc: arena.u8(n),
    isNew: arena.u8(n),
    risk: arena.u8(n),
    level: arena.u8(n),
    action: arena.u8(n),
    actionVariant: arena.u8(n),
    strategy: arena.u8(n),
    rfmR: arena.u8(n),
    rfmF: arena.u8(n),
    rfmM: arena.u8(n),
  };
}

/** The input columns as read (NaN = missing; a missing field is a shared all-NaN column). */
interface Inputs {
  revenue: Float64Array;
  prevRevenue: Float64Array;
  profit: Float64Array;
  marginRate: Float64Array;
  prevMarginRate: Float64Array;
  orders: Float64Array;
  activeMonths: Float64Array;
  firstOrder: Float64Array;
  lastOrder: Float64Array;
  overdueDays: Float64Array;
  criteriaYes: Uint8Array;
  hasCriteria: boolean;
  potentialIn: Float64Array;
  familiarity: Float64Array;
  lastContact: Float64Array;
  birthday: Float64Array;
  referrals: Float64Array;
  incumbent: Float64Array;
  position: Float64Array;
  opportunity: Float64Array;
  names: TextCells | undefined;
  ids: TextCells | undefined;
}

type Outputs = Omit<
  ClassifyResult,
  "rowCount" | "today" | "settings" | "holiday" | "problems" | "input" | "excluded"
>;
type AddProblem = (row: number, field: FieldKey, reason: ProblemReason, found: string) => void;

/**
 * §2 value per row under the table's one measure; an estimated value is a problem saying how
 * it was estimated, a negative value counts as 0 and is a problem on the field it came from.
 */
function valuePass(
  n: number,
  inp: Inputs,
  measure: ValueMeasure,
  value: Float64Array,
  addProblem: AddProblem,
): void {
  const { revenue, profit, marginRate } = inp;
  const mid = valueMedian(measure, revenue, profit, marginRate);
  const midText = mid === mid ? percentText(mid) : "";
  for (let i = 0; i < n; i++) {
    let v = valueOf(measure, revenue[i], profit[i], marginRate[i], mid);
    const estimate = lastValueEstimate();
    if (estimate !== ValueEstimate.None) {
      if (estimate === ValueEstimate.FromRate) addProblem(i, "profit", "estimated-profit-rate", "");
      else if (estimate === ValueEstimate.MedianRatio)
        addProblem(i, "profit", "estimated-profit-median", midText);
      else addProblem(i, "marginRate", "estimated-margin-median", midText);
    }
    if (v < 0) {
      addProblem(i, profit[i] === profit[i] ? "profit" : "revenue", "negative-value", String(v));
      v = 0;
    }
    value[i] = v;
  }
}

/** A fraction as a percentage with at most one decimal: 0.23 → "23%", 0.2345 → "23.5%". */
function percentText(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** §3 growth, new, recency; §6 potential; §4 tier. */
function tierPass(
  n: number,
  inp: Inputs,
  r: Outputs,
  today: DayNumber,
  settings: Settings,
  rhythm: RhythmAnalysis | undefined,
): void {
  const rhythmX = rhythm?.fit ? rhythm.histories.x : null;
  const {
    revenue,
    prevRevenue,
    firstOrder,
    lastOrder,
    orders,
    overdueDays,
    criteriaYes,
    hasCriteria,
    potentialIn,
  } = inp;
  const { value, abc, growth, isNew, recency, potential, tier, tierWhy } = r;
  for (let i = 0; i < n; i++) {
    const g = growthOf(revenue[i], prevRevenue[i]);
    const fresh = isNewCustomer(revenue[i], prevRevenue[i], firstOrder[i], today, settings);
    const rec = today - lastOrder[i];
    const pot = potentialScore(hasCriteria, criteriaYes[i], potentialIn[i]);
    growth[i] = g;
    isNew[i] = fresh ? 1 : 0;
    recency[i] = rec;
    potential[i] = pot;
    const decided = tierDecision(
      value[i] === value[i],
      abc[i] as Abc,
      hasHistory(prevRevenue[i], orders[i], lastOrder[i]),
      g,
      fresh,
      rec,
      pot,
      overdueDays[i],
      settings,
      rhythmX !== null && isRhythmFading(rhythmX[i], rhythm!.pAlive[i], settings),
    );
    tier[i] = decided & TIER_MASK;
    tierWhy[i] = decided >>> TIER_BITS;
  }
}

/** §5 key-account index (blank for 数据不足). */
function keyIndexPass(n: number, inp: Inputs, r: Outputs, settings: Settings): void {
  const { activeMonths, orders, overdueDays } = inp;
  const { value, volumePct, growth, isNew, keyIndex } = r;
  for (let i = 0; i < n; i++) {
    keyIndex[i] =
      value[i] === value[i]
        ? keyIndexOf(
            volumePct[i],
            activeMonths[i],
            orders[i],
            overdueDays[i],
            growth[i],
            isNew[i] === 1,
            settings,
          )
        : NaN;
  }
}

/** §5 risk flags, §7 relationship level and familiarity gap. */
function levelPass(n: number, inp: Inputs, r: Outputs, settings: Settings): void {
  const { orders, activeMonths, marginRate, prevMarginRate, overdueDays, familiarity } = inp;
  const { abc, tier, risk, level, gap } = r;
  for (let i = 0; i < n; i++) {
    const a = abc[i] as Abc;
    risk[i] = riskFlags(
      a,
      orders[i],
      activeMonths[i],
      marginRate[i],
      prevMarginRate[i],
      overdueDays[i],
      settings,
    );
    const lv = relationshipLevel(a, marginBand(marginRate[i], settings), tier[i] as types.Tier);
    level[i] = lv;
    gap[i] = familiarityGap(lv, familiarity[i]);
  }
}

/** §9 sales strategy. */
function strategyPass(n: number, inp: Inputs, r: Outputs): void {
  const { incumbent, position, opportunity } = inp;
  const strategy = r.strategy;
  for (let i = 0; i < n; i++) {
    const pos = position[i];
    strategy[i] = salesStrategy(
      incumbent[i],
      (pos === pos ? pos : Position.Unknown) as Position,
      opportunity[i],
    );
  }
}

/** actionPass's month×100+day → next occurrence, kept between calls. */
let birthdayTable: Float64Array | null = null;

/** §8 next action, next contact and overdue days. */
function actionPass(
  n: number,
  inp: Inputs,
  r: Outputs,
  today: DayNumber,
  holiday: HolidayHit | null,
  jitter: Int32Array,
  settings: Settings,
): void {
  const { orders, birthday, lastOrder, lastContact, familiarity, referrals } = inp;
  const { tier, abc, gap, action, actionVariant, nextContact, overdue } = r;
  const birthdayCache = (birthdayTable ??= new Float64Array(1232)).fill(NaN); // month×100+day → next occurrence
  const act: ActionInput = newActionInput(today, holiday);
  const out = newActionOutput();
  for (let i = 0; i < n; i++) {
    const md = birthday[i];
    let bd = NaN;
    if (md === md && md >= 0 && md < 1232) {
      bd = birthdayCache[md];
      if (bd !== bd) bd = birthdayCache[md] = nextBirthday(md, today);
    }
    act.tier = tier[i] as types.Tier;
    act.abc = abc[i] as Abc;
    act.orders = orders[i];
    act.birthdayDay = bd;
    act.lastOrder = lastOrder[i];
    act.lastContact = lastContact[i];
    act.familiarity = familiarity[i];
    act.referrals = referrals[i];
    act.gap = gap[i];
    act.jitter = jitter[i]; // from duplicatePass
    nextAction(act, settings, out);
    action[i] = out.kind;
    actionVariant[i] = out.variant;
    nextContact[i] = out.kind === ActionKind.None ? NaN : out.due;
    overdue[i] = out.overdue;
  }
}

/** The fields read into Float64 columns (everything but id, name and c1..c7): FLOAT_INPUTS by field name. */
const FLOAT_FIELDS: readonly FieldKey[] = FLOAT_INPUTS.map((k) => (k === "potentialIn" ? "potential" : k));

/*
 * The scratch memory of the last classify is kept for the next one (up to SPARE_MAX_BYTES):
 * the task pane re-classifies after every remap or setting, and a fresh buffer of a few
 * hundred MB costs more in page faults and GC than the rules themselves. Every part of it is
 * written before it is read, so no clearing is needed. releaseClassifyWorkspace() frees it.
 */
const SPARE_MAX_BYTES = 512 * 1024 * 1024;
let spareScratch: ArrayBuffer | null = null;

function takeScratch(bytes: number): ArrayBuffer {
  const spare = spareScratch;
  if (spare && spare.byteLength >= bytes) {
    spareScratch = null;
    return spare;
  }
  return new ArrayBuffer(bytes);
}

function giveBackScratch(buffer: ArrayBuffer): void {
  if (buffer.byteLength > SPARE_MAX_BYTES) return;
  if (!spareScratch || spareScratch.byteLength < buffer.byteLength) spareScratch = buffer;
}

/*
 * A one-slot pool for the result buffer. The result arrays of a million rows are ~87 MB of
 * fresh external memory per call, over V8's 64 MB trigger for a full GC; a caller that
 * re-classifies (the pane after every remap or setting, the benchmark) hands the previous
 * result back with releaseResult and the next classify writes into the same buffer. Every
 * result array is written in full by the passes, so no clearing is needed.
 */
let pooledResult: ArrayBuffer | null = null;

/**
 * Hands a result back for reuse by the next classify: after this call the caller must not
 * read `result` (its arrays will be overwritten).
 */
export function releaseResult(result: ClassifyResult): void {
  const buffer = result.value.buffer;
  if (!(buffer instanceof ArrayBuffer)) return;
  if (!pooledResult || pooledResult.byteLength < buffer.byteLength) pooledResult = buffer;
}

function takeResultBuffer(bytes: number): ArrayBuffer {
  const pooled = pooledResult;
  pooledResult = null;
  // A much larger buffer (a million rows, then a small table) is let go rather than pinned.
  if (pooled && pooled.byteLength >= bytes && pooled.byteLength <= 4 * bytes + (1 << 20)) return pooled;
  return new ArrayBuffer(bytes);
}

/** Frees the memory kept from the last classify (e.g. when the task pane closes). */
export function releaseClassifyWorkspace(): void {
  pooledResult = null;
  spareScratch = null;
  releaseReaderTables();
  birthdayTable = null;
}

/** Typed arrays carved out of one ArrayBuffer, in the order f64 → f32/i32/u32 → u8 (aligned). */
class Arena {
  private offset = 0;
  constructor(private readonly buffer: ArrayBufferLike) {}
  private take(bytes: number, align: number): number {
    const at = Math.ceil(this.offset / align) * align;
    this.offset = at + bytes;
    return at;
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(8 * n, 8), n);
  }
  f32(n: number): Float32Array {
    return new Float32Array(this.buffer, this.take(4 * n, 4), n);
  }
  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(4 * n, 4), n);
  }
  u32(n: number): Uint32Array {
    return new Uint32Array(this.buffer, this.take(4 * n, 4), n);
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n, 1), n);
  }
}

function truncate(s: string): string {
  return s.length > FOUND_MAX ? s.slice(0, FOUND_MAX - 1) + "…" : s;
}

/** Each row's key hashes and whether it has an id / a name key (1) — duplicatePass's work arrays. */
interface KeyHashes {
  id: Int32Array;
  name: Int32Array;
  hasId: Uint8Array;
  hasName: Uint8Array;
}

/**
 * Duplicate customers and the §8 jitter (docs/METHOD-NOTES.md, "Duplicate customers").
 * A row's key is its trimmed id, or its trimmed name when it has no id; a row whose key
 * repeats an earlier row's key of the same kind gets a "duplicate" problem on that field
 * (blank keys never repeat). The jitter hashes the name (the id when the name is blank):
 * the key's own hash unless a row has both (equal texts hash the same, so a name equal to
 * the id gives the id's hash either way).
 *
 * Separate loops: hashing each row's id, then its name (sequential reads of the texts; UTF-8
 * bytes are hashed without being decoded, see hashKeys); choosing each row's key hash and jitter;
 * then looking the hashes up in an open-addressing table of row+1 (a power of two ≥ 2n entries,
 * so probes stay short), comparing texts only on equal hashes. Kept apart, the lookup loop is
 * tight enough for the CPU to overlap its random reads of the table; one combined loop measured
 * about three times slower.
 */
function duplicatePass(
  n: number,
  inp: Inputs,
  table: Uint32Array,
  hashes: KeyHashes,
  jitter: Int32Array,
  maxJitter: number,
  addProblem: AddProblem,
): void {
  const keys = new RowKeys(inp, n);
  const lastContact = inp.lastContact;
  const { hasId, hasName } = hashes;
  hashKeys(inp.ids, keys.idCount, n, hashes.id, hasId, null, lastContact);
  // A name is needed where there is no id, and for the jitter of a known last contact.
  hashKeys(inp.names, keys.nameCount, n, hashes.name, hasName, hasId, lastContact);
  const keyHash = hashes.id; // becomes each row's key hash
  const nameHash = hashes.name;
  for (let i = 0; i < n; i++) {
    const byId = hasId[i] === 1;
    const h = byId ? keyHash[i] : hasName[i] === 1 ? nameHash[i] : BLANK_HASH;
    keyHash[i] = h;
    // The jitter only moves a known last contact's due date.
    jitter[i] =
      lastContact[i] === lastContact[i]
        ? jitterOfHash(byId && hasName[i] === 1 ? nameHash[i] : h, maxJitter)
        : 0;
  }

  let size = 2;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  table.fill(0, 0, size); // the scratch may be a reused buffer
  for (let i = 0; i < n; i++) {
    if (hasId[i] === 0 && hasName[i] === 0) continue;
    const h = keyHash[i];
    let slot = h & mask;
    let seen = table[slot];
    while (seen !== 0) {
      if (keyHash[seen - 1] === h && hasId[seen - 1] === hasId[i] && keys.key(seen - 1) === keys.key(i))
        break;
      slot = (slot + 1) & mask;
      seen = table[slot];
    }
    if (seen === 0) table[slot] = i + 1;
    else addProblem(i, hasId[i] ? "id" : "name", "duplicate", keys.key(i));
  }
}

/**
 * For rows [0, count) of a key column: has[i] = 1 and hash[i] = fnv1a32Int(keyText(cell)) when
 * the cell's key text is not blank, has[i] = 0 otherwise (and for rows [count, n)). With `skipIf`,
 * a row with skipIf[i] = 1 and no known last contact is not looked at (its name is not needed).
 */
function hashKeys(
  col: TextCells | undefined,
  count: number,
  n: number,
  hash: Int32Array,
  has: Uint8Array,
  skipIf: Uint8Array | null,
  lastContact: Float64Array,
): void {
  has.fill(0, 0, n); // the scratch may be a reused buffer
  if (col === undefined) return;
  if (isUtf8Texts(col)) return hashUtf8Keys(col, count, hash, has, skipIf, lastContact);
  for (let i = 0; i < count; i++) {
    if (skipIf !== null && skipIf[i] === 1 && lastContact[i] !== lastContact[i]) continue;
    const key = keyText(col[i]);
    if (key === "") continue;
    has[i] = 1;
    hash[i] = fnv1a32Int(key);
  }
}

/**
 * hashKeys over UTF-8 bytes: a cell that plainly needs no trimming (keyText's test on its first
 * and last characters) is its own key, hashed from its bytes (the same hash: fnv1a32Int hashes
 * UTF-8); any other is decoded and read as keyText reads it.
 */
function hashUtf8Keys(
  col: Utf8Texts,
  count: number,
  hash: Int32Array,
  has: Uint8Array,
  skipIf: Uint8Array | null,
  lastContact: Float64Array,
): void {
  const { bytes, start, end, escaped } = col;
  for (let i = 0; i < count; i++) {
    if (skipIf !== null && skipIf[i] === 1 && lastContact[i] !== lastContact[i]) continue;
    const s = start[i];
    const e = end[i];
    if (s < 0 || s === e) continue;
    if (escaped[i] === 0 && plain(firstCodePoint(bytes, s, e)) && plain(lastCodePoint(bytes, s, e))) {
      has[i] = 1;
      hash[i] = fnv1a32IntOfBytes(bytes, s, e);
      continue;
    }
    const key = keyText(col.cell(i));
    if (key === "") continue;
    has[i] = 1;
    hash[i] = fnv1a32Int(key);
  }
}

/** The hash of the blank key. */
const BLANK_HASH = fnv1a32Int("");

/** The customer key of a row, read again from the cells (for the rare rows that need it). */
class RowKeys {
  readonly names: TextCells | undefined;
  readonly ids: TextCells | undefined;
  readonly nameCount: number;
  readonly idCount: number;
  constructor(inp: Inputs, n: number) {
    this.names = inp.names;
    this.ids = inp.ids;
    this.nameCount = this.names ? Math.min(this.names.length, n) : 0;
    this.idCount = this.ids ? Math.min(this.ids.length, n) : 0;
  }
  /** The trimmed id, else the trimmed name; "" for none. */
  key(i: number): string {
    const id = i < this.idCount ? keyText(cellAt(this.ids, i)) : "";
    if (id !== "") return id;
    return i < this.nameCount ? keyText(cellAt(this.names, i)) : "";
  }
}

/** readText, with a fast path: a text that plainly needs no trimming and is no Excel error is itself. */
function keyText(v: CellValue): string {
  return typeof v === "string" && v.length > 0 && plain(v.charCodeAt(0)) && plain(v.charCodeAt(v.length - 1))
    ? v
    : text(v);
}

/** A character that is certainly not trimmed and does not start an Excel error: CJK or printable ASCII but '#'. */
function plain(c: number): boolean {
  return (c > 0x20 && c < 0x7f && c !== 0x23) || (c >= 0x4e00 && c <= 0x9fff);
}

/** Stable counting sort of the problems by row; also returns each row's start index. */
function sortProblemsByRow(
  problems: CellProblem[],
  n: number,
  start: Int32Array,
  fill: Uint32Array,
): CellProblem[] {
  start.fill(0);
  for (const p of problems) start[p.row + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  fill.set(start.subarray(0, n));
  const sorted: CellProblem[] = new Array(problems.length);
  for (const p of problems) sorted[fill[p.row]++] = p;
  // Within a row, fields in METHOD.md order (the range checks above run after all reading).
  for (let i = 0; i < n; i++) {
    const a = start[i];
    const b = start[i + 1];
    if (b - a > 1) sortRange(sorted, a, b);
  }
  return sorted;
}

const FIELD_ORDER: Record<string, number> = {};
FIELD_KEYS.forEach((f, k) => (FIELD_ORDER[f] = k));

function sortRange(a: CellProblem[], from: number, to: number): void {
  // Few problems per row: insertion sort, stable.
  for (let i = from + 1; i < to; i++) {
    const p = a[i];
    let j = i - 1;
    while (j >= from && FIELD_ORDER[a[j].field] > FIELD_ORDER[p.field]) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = p;
  }
}
