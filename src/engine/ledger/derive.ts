/**
 * From a sales ledger to one row per customer (METHOD.md §12), column by column.
 *
 * Three passes over typed arrays: (1) read each line with §1's cell readers and give it a
 * customer index (or skip it, saying why); (2) sums, first/last purchase and days late;
 * (3) each customer's purchase dates, bucketed and sorted once, for the distinct dates, months
 * and orders — and kept, because the buying rhythm (§13) is computed from them.
 */
import { isBlank, readDate, readNumber, readText } from "../cells";
import { isTotalsLabel, type LedgerField } from "../headers";
import type { CellValue, DayNumber, ProblemReason } from "../types";
import { ledgerPeriods, type LedgerPeriods } from "./periods";

/** A ledger, column by column: `columns[field][line]`. Fields the ledger lacks are absent. */
export interface LedgerInput {
  rowCount: number;
  columns: Partial<Record<LedgerField, ArrayLike<CellValue>>>;
}

export interface LedgerOptions {
  today: DayNumber;
  /** P in §12 (default 12). */
  periodMonths?: number;
}

export type LedgerProblemReason =
  | Extract<ProblemReason, "excel-error" | "not-a-number" | "not-a-date">
  | "blank" // a required cell (date, amount) is empty
  | "no-key" // neither an id nor a name
  | "future-date" // the line is dated after today
  | "totals-row"; // 合计 / Total in the key: a report's totals line, not a customer

/** One thing wrong with a ledger line. `skipped`: the line takes no part (else only that cell). */
export interface LedgerProblem {
  /** 0-based ledger line (data row); the caller adds its header offset. */
  line: number;
  field: LedgerField;
  reason: LedgerProblemReason;
  /** The cell as found, as text ("" for blank). */
  found: string;
  skipped: boolean;
}

/** One row per customer; numbers are NaN where §12 says missing. */
export interface DerivedCustomers {
  count: number;
  periods: LedgerPeriods;
  /** Ledger lines read, and how many of them were skipped. */
  lines: number;
  skippedLines: number;
  problems: LedgerProblem[];
  /** Which optional ledger columns there were (they decide the derived table's columns). */
  has: { id: boolean; name: boolean; owner: boolean; region: boolean; profit: boolean; due: boolean };
  /** Text of the key's latest line (a blank there: the latest line where it is not blank). */
  id: string[];
  name: string[];
  owner: string[];
  region: string[];
  revenue: Float64Array;
  prevRevenue: Float64Array;
  profit: Float64Array;
  orders: Float64Array;
  activeMonths: Float64Array;
  firstOrder: Float64Array;
  lastOrder: Float64Array;
  overdueDays: Float64Array;
  /**
   * Distinct purchase dates (amount ≥ 0, all history up to today), ascending: customer c's are
   * `purchaseDays[purchaseStart[c] .. purchaseStart[c + 1])`.
   */
  purchaseStart: Int32Array;
  purchaseDays: Int32Array;
  /** Whether any read line is dated on or before `start` (the ledger reaches the previous period). */
  reachesPrevious: boolean;
}

const FOUND_LIMIT = 60;

function shownCell(v: CellValue): string {
  if (v === null || v === undefined) return "";
  const s = v instanceof Date ? (isNaN(v.getTime()) ? "Invalid Date" : v.toISOString().slice(0, 10)) : String(v);
  return s.length > FOUND_LIMIT ? s.slice(0, FOUND_LIMIT) + "…" : s;
}

/** Growable Int32 storage (customers are discovered as lines are read). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Sums of money without float noise: 0.1 + 0.2 is shown as 0.3 (15 significant digits). */
function money(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

function monthIndex(day: number): number {
  // civil-from-days, month and year only (see days.ts)
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = era * 400 + yoe + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

/** The customer key of a line (§12): "i" + trimmed id when there is one, else "n" + trimmed name. */
export function ledgerKey(idCell: CellValue, nameCell: CellValue, hasId: boolean): string {
  if (hasId) {
    const id = readText(idCell);
    if (id) return "i" + id;
  }
  const name = readText(nameCell);
  return name ? "n" + name : "";
}

/** Aggregates a ledger into one row per customer (METHOD.md §12). Pure; never throws on a cell. */
export function deriveCustomers(input: LedgerInput, options: LedgerOptions): DerivedCustomers {
  const periods = ledgerPeriods(options.today, options.periodMonths);
  const { today, start, prevStart } = periods;
  const n = input.rowCount;
  const col = input.columns;
  const idCol = col.id;
  const nameCol = col.name;
  const dateCol = col.orderDate;
  const amountCol = col.amount;
  const profitCol = col.lineProfit;
  const orderCol = col.orderId;
  const dueCol = col.dueDate;
  const paidCol = col.paidDate;
  const ownerCol = col.owner;
  const regionCol = col.region;
  const has = {
    id: idCol !== undefined,
    name: nameCol !== undefined,
    owner: ownerCol !== undefined,
    region: regionCol !== undefined,
    profit: profitCol !== undefined,
    due: dueCol !== undefined,
  };

  const problems: LedgerProblem[] = [];
  const customerOf = new Int32Array(n).fill(-1);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const profit = profitCol ? new Float64Array(n) : null;
  /** 1 where the line's profit cell is not blank (a readable or unreadable profit). */
  const profitGiven = profitCol ? new Uint8Array(n) : null;
  const orderOf = orderCol ? new Int32Array(n).fill(-1) : null;
  const lateDays = dueCol ? new Float64Array(n).fill(NaN) : null;

  const keys = new Map<string, number>();
  const orderIds = new Map<string, number>();
  // Per customer and text field: the line whose text is shown, and its date.
  const textFields = [idCol, nameCol, ownerCol, regionCol];
  const shownLine = textFields.map(() => new IntList());
  const shownDay = textFields.map(() => new IntList());
  let reachesPrevious = false;
  let skippedLines = 0;

  for (let i = 0; i < n; i++) {
    let skip = false;
    const note = (field: LedgerField, reason: LedgerProblemReason, found: string, skipped: boolean) => {
      problems.push({ line: i, field, reason, found, skipped });
      if (skipped) skip = true;
    };

    // Key: the trimmed id, else the trimmed name.
    const key = ledgerKey(idCol?.[i], nameCol?.[i], has.id);
    if (!key) {
      note(has.id ? "id" : "name", "no-key", shownCell(has.id ? idCol![i] : nameCol?.[i]), true);
    } else if (isTotalsLabel(key.slice(1)) || (has.name && key[0] === "i" && isTotalsLabel(readText(nameCol![i])))) {
      note(key[0] === "i" ? "id" : "name", "totals-row", key.slice(1), true);
    }

    const dv = dateCol?.[i];
    let d = NaN;
    if (isBlank(dv)) note("orderDate", "blank", "", true);
    else {
      d = readDate(dv, (reason, found) => note("orderDate", reason as LedgerProblemReason, found, true));
      if (d === d && d > today) note("orderDate", "future-date", shownCell(dv), true);
    }

    const av = amountCol?.[i];
    let a = NaN;
    if (isBlank(av)) note("amount", "blank", "", true);
    else a = readNumber(av, (reason, found) => note("amount", reason as LedgerProblemReason, found, true));

    if (skip) {
      skippedLines++;
      continue;
    }

    let c = keys.get(key);
    if (c === undefined) {
      c = keys.size;
      keys.set(key, c);
      for (let f = 0; f < textFields.length; f++) {
        shownLine[f].push(-1);
        shownDay[f].push(0);
      }
    }
    customerOf[i] = c;
    day[i] = d;
    amount[i] = a;
    if (d <= start) reachesPrevious = true;

    for (let f = 0; f < textFields.length; f++) {
      const tc = textFields[f];
      if (!tc || isBlank(tc[i])) continue;
      // Lines come in ledger order, so "≥" keeps the last line among those of the latest date.
      if (shownLine[f].data[c] < 0 || d >= shownDay[f].data[c]) {
        shownLine[f].data[c] = i;
        shownDay[f].data[c] = d;
      }
    }

    if (profitCol) {
      const pv = profitCol[i];
      if (!isBlank(pv)) {
        profitGiven![i] = 1;
        const p = readNumber(pv, (reason, found) => note("lineProfit", reason as LedgerProblemReason, found, false));
        profit![i] = p === p ? p : 0;
      }
    }
    if (orderCol) {
      const o = readText(orderCol[i]);
      if (o) {
        let k = orderIds.get(o);
        if (k === undefined) {
          k = orderIds.size;
          orderIds.set(o, k);
        }
        orderOf![i] = k;
      }
    }
    if (dueCol && d > start) {
      const dv2 = dueCol[i];
      if (!isBlank(dv2)) {
        const due = readDate(dv2, (reason, found) => note("dueDate", reason as LedgerProblemReason, found, false));
        if (due === due) {
          let paid = NaN;
          const pv = paidCol?.[i];
          if (paidCol && !isBlank(pv)) {
            paid = readDate(pv, (reason, found) => note("paidDate", reason as LedgerProblemReason, found, false));
          }
          // Paid after today has not been paid yet as of today.
          const end = paid === paid && paid <= today ? paid : today;
          lateDays![i] = Math.max(0, end - due);
        }
      }
    }
  }

  // Pass 2: sums and first/last purchase.
  const count = keys.size;
  const revenue = new Float64Array(count);
  const prevSum = new Float64Array(count);
  const profitSum = new Float64Array(count);
  const profitSeen = new Uint8Array(count);
  const currentLines = new Uint8Array(count);
  const lateSum = new Float64Array(count);
  const lateCount = new Int32Array(count);
  const firstOrder = new Float64Array(count).fill(NaN);
  const lastOrder = new Float64Array(count).fill(NaN);
  const purchases = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const c = customerOf[i];
    if (c < 0) continue;
    const d = day[i];
    const a = amount[i];
    if (d > start) {
      revenue[c] += a;
      currentLines[c] = 1;
      if (profit && profitGiven![i]) {
        profitSum[c] += profit[i];
        profitSeen[c] = 1;
      }
      if (lateDays) {
        const late = lateDays[i];
        if (late === late) {
          lateSum[c] += late;
          lateCount[c]++;
        }
      }
    } else if (d > prevStart) {
      prevSum[c] += a;
    }
    if (a >= 0) {
      purchases[c + 1]++;
      if (!(d >= firstOrder[c])) firstOrder[c] = d;
      if (!(d <= lastOrder[c])) lastOrder[c] = d;
    }
  }

  const prevRevenue = new Float64Array(count);
  const profitOut = new Float64Array(count);
  const overdueDays = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    revenue[c] = money(revenue[c]);
    // No previous period for a customer who first bought in the current one (or never bought).
    prevRevenue[c] = firstOrder[c] <= start ? money(prevSum[c]) : NaN;
    // Current lines that all leave profit blank: unknown (§2 estimates it), not 0.
    profitOut[c] = currentLines[c] && !profitSeen[c] ? NaN : money(profitSum[c]);
    overdueDays[c] = lateCount[c] > 0 ? lateSum[c] / lateCount[c] : NaN;
  }

  // Pass 3: each customer's purchases bucketed, dates sorted, then distinct dates/months/orders.
  for (let c = 0; c < count; c++) purchases[c + 1] += purchases[c];
  const total = purchases[count];
  const bucketDay = new Int32Array(total);
  const bucketOrder = orderOf ? new Int32Array(total) : null;
  const fill = purchases.slice(0, count);
  for (let i = 0; i < n; i++) {
    const c = customerOf[i];
    if (c < 0 || amount[i] < 0) continue;
    const at = fill[c]++;
    bucketDay[at] = day[i];
    if (bucketOrder) bucketOrder[at] = day[i] > start ? orderOf![i] : -2; // -2: not in the period
  }

  const orders = new Float64Array(count);
  const activeMonths = new Float64Array(count);
  const purchaseStart = new Int32Array(count + 1);
  const purchaseDays = new Int32Array(total);
  const orderSeen = orderOf ? new Int32Array(orderIds.size) : null; // stamp = c + 1
  let out = 0;
  for (let c = 0; c < count; c++) {
    const from = purchases[c];
    const to = purchases[c + 1];
    purchaseStart[c] = out;
    if (bucketOrder) {
      // Distinct order ids among current purchases; one order per distinct date without an id.
      let distinct = 0;
      let noIdDays: Set<number> | null = null;
      for (let j = from; j < to; j++) {
        const o = bucketOrder[j];
        if (o === -2) continue;
        if (o === -1) (noIdDays ??= new Set()).add(bucketDay[j]);
        else if (orderSeen![o] !== c + 1) {
          orderSeen![o] = c + 1;
          distinct++;
        }
      }
      orders[c] = distinct + (noIdDays ? noIdDays.size : 0);
    }
    const days = bucketDay.subarray(from, to);
    days.sort();
    let dates = 0;
    let months = 0;
    let lastMonth = NaN;
    let prev = NaN;
    for (let j = 0; j < days.length; j++) {
      const d = days[j];
      if (d === prev) continue;
      prev = d;
      purchaseDays[out++] = d;
      if (d > start) {
        dates++;
        const m = monthIndex(d);
        if (m !== lastMonth) {
          months++;
          lastMonth = m;
        }
      }
    }
    if (!bucketOrder) orders[c] = dates;
    activeMonths[c] = Math.min(months, 12);
  }
  purchaseStart[count] = out;

  const texts = shownLine.map((lines, f) => {
    const tc = textFields[f];
    const arr: string[] = new Array(count);
    for (let c = 0; c < count; c++) arr[c] = tc && lines.data[c] >= 0 ? readText(tc[lines.data[c]]) : "";
    return arr;
  });

  return {
    count,
    periods,
    lines: n,
    skippedLines,
    problems,
    has,
    id: texts[0],
    name: texts[1],
    owner: texts[2],
    region: texts[3],
    revenue,
    prevRevenue,
    profit: profitOut,
    orders,
    activeMonths,
    firstOrder,
    lastOrder,
    overdueDays,
    purchaseStart,
    purchaseDays: purchaseDays.slice(0, out),
    reachesPrevious,
  };
}
