/**
 * The engine's public vocabulary: field keys, enumerations and the shapes of a
 * classification's input and result. Pure TypeScript: no Office.js, no DOM, no Node.
 *
 * Enumerations are plain numeric constants (not `const enum`) so that typed arrays can
 * hold them and isolated-module compilers (ts-jest, webpack) see real values.
 */

import type { TextCells } from "./utf8Texts";

export type Lang = "zh" | "en";

/** What a cell may hold: Office.js values (dates are serial numbers), exceljs/CSV values. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** A calendar day as whole days since 1970-01-01 (no time zone, no time of day). */
export type DayNumber = number;

/** Excel's serial for 1970-01-01 (1900 date system): serial = day + EXCEL_EPOCH_OFFSET. */
export const EXCEL_EPOCH_OFFSET = 25569;

/** The input fields of METHOD.md §1, in the order of its table. */
export const FIELD_KEYS = [
  "id",
  "name",
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
  "c1",
  "c2",
  "c3",
  "c4",
  "c5",
  "c6",
  "c7",
  "potential",
  "familiarity",
  "lastContact",
  "birthday",
  "referrals",
  "incumbent",
  "position",
  "opportunity",
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** 价值等级 (METHOD.md §4). */
export const Tier = { Insufficient: 0, Fading: 1, Star: 2, Rising: 3, Regular: 4 } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

/**
 * The tier cell of a row left out of the classification (§1: a totals row): every output
 * cell but Problems is blank. Not a Tier: no label, no fill, never counted per tier.
 */
export const NOT_CLASSIFIED = 255;

/** ABC class (§2); None for rows without a value measure. */
export const Abc = { None: 0, A: 1, B: 2, C: 3 } as const;
export type Abc = (typeof Abc)[keyof typeof Abc];

/** 建议关系水平 (§7), ordered so that target familiarity = level + 1. */
export const Level = { Basic: 0, Reactive: 1, Accountable: 2, Proactive: 3 } as const;
export type Level = (typeof Level)[keyof typeof Level];

/** Next-action candidates (§8), numbered as in METHOD.md (lower wins ties). */
export const ActionKind = {
  None: 0,
  Birthday: 1,
  Holiday: 2,
  AfterSale: 3,
  WinBack: 4,
  Regular: 5,
  Referral: 6,
  Deepen: 7,
} as const;
export type ActionKind = (typeof ActionKind)[keyof typeof ActionKind];

/** 销售策略 (§9). */
export const Strategy = { None: 0, Fortify: 1, Frontal: 2, Develop: 3, Flank: 4, Divide: 5 } as const;
export type Strategy = (typeof Strategy)[keyof typeof Strategy];

/** 风险提示 (§5) as bit flags. */
export const RiskFlag = { OneOff: 1, MarginSqueeze: 2, Payment: 4 } as const;

/** 竞争地位 (§1). */
export const Position = { Unknown: 0, Strong: 1, Even: 2, Weak: 3 } as const;
export type Position = (typeof Position)[keyof typeof Position];

/** Why a cell could not be used; the message is built from it in the user's language. */
export type ProblemReason =
  | "excel-error" // #N/A, #VALUE!, …
  | "not-a-number"
  | "not-a-rate"
  | "not-a-date"
  | "future-date" // lastOrder / firstOrder / lastContact after today
  | "not-yes-no"
  | "not-familiarity"
  | "not-position"
  | "out-of-range" // e.g. activeMonths 13, potential 9 (clamped or dropped, see engine docs)
  | "negative-value" // value < 0 counts as 0
  | "estimated-profit-rate" // §2: profit missing, estimated as revenue × marginRate
  | "estimated-profit-median" // §2: profit missing, estimated at the median profit/revenue (found: "23%")
  | "estimated-margin-median" // §2: marginRate missing, estimated at the median (found: "23%")
  | "totals-row" // §1: a 合计/Total row, not classified
  | "duplicate"; // the customer key (id, else name) repeats an earlier row's; the row still counts

/** One unreadable cell (or a repeated customer): the run goes on, the row says what was found. */
export interface CellProblem {
  /** 0-based index of the data row (the caller adds its header/sheet offset). */
  row: number;
  field: FieldKey;
  reason: ProblemReason;
  /** The cell as found, as text (truncated to a readable length). */
  found: string;
}

/** The fields that name a customer: given as texts, perhaps as UTF-8 bytes (utf8Texts.ts). */
export type KeyField = "id" | "name";

/** Columns read for summaries only (§1: owner and region), never classified. */
export type GroupKey = "owner" | "region";

/** A whole table, column by column: `columns[field][row]`. Missing fields are absent. */
export interface TableInput {
  rowCount: number;
  /**
   * Each field's cells. A reader that parsed a number or date field itself (FIELD_READS: the
   * CLI's CSV reader) may give a Float64Array: numbers (dates as Excel serials), NaN for a blank.
   */
  columns: Partial<Record<Exclude<FieldKey, KeyField>, ArrayLike<CellValue>>> & {
    /** The customer key: cells, or the file's UTF-8 bytes (the CLI's CSV reader: utf8Texts.ts). */
    id?: TextCells;
    name?: TextCells;
  };
  /** Owner and region columns when the table has them (summaries and the Worklist). */
  groups?: Partial<Record<GroupKey, ArrayLike<CellValue>>>;
}

/** A major holiday (§8): its key and the day it falls on. */
export interface HolidayHit {
  key: "newYear" | "springFestival" | "lantern" | "qingming" | "dragonBoat" | "midAutumn" | "nationalDay";
  day: DayNumber;
}
