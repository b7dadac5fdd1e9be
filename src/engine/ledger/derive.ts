/**
 * From a sales ledger to one row per customer (METHOD.md §12), column by column.
 *
 * Three passes over typed arrays: (1) read each line with §1's cell readers and give it a
 * customer index (or skip it, saying why); (2) sums, first/last purchase and days late;
 * (3) each customer's purchase dates, bucketed and sorted once, for the distinct dates, months
 * and orders — and kept, because the buying rhythm (§13) is computed from them.
 */
import { isBlank, readDate, readNumber, readText } from "../cells";
import { packedYmdOfDay } from "../days";
import type { LedgerField } from "../headers";
import { isTotalsLabel } from "../text";
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
  const s =
    v instanceof Date ? (isNaN(v.getTime()) ? "Invalid Date" : v.toISOString().slice(0, 10)) : String(v);
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

/**
 * readDate with a one-cell memory: the lines of one order repeat the same date text, and
 * reading "2026-03-05" once per order instead of once per line halves a CSV ledger's time.
 */
class DateReader {
  private cell: CellValue = undefined;
  private day = NaN;
  read(v: CellValue, report: Parameters<typeof readDate>[1]): DayNumber {
    if (v === this.cell) return this.day;
    const d = readDate(v, report);
    if (d === d) {
      this.cell = v;
      this.day = d;
    }
    return d;
  }
}

/** Sums of money without float noise: 0.1 + 0.2 is shown as 0.3 (15 significant digits). */
function money(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

function monthIndex(day: number): number {
  const p = packedYmdOfDay(day);
  const y = Math.floor(p / 10000);
  return y * 12 + Math.floor((p - y * 10000) / 100) - 1;
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

  const idKeys = new Map<string, number>();
  const nameKeys = new Map<string, number>();
  const orderIds = new Map<string, number>();
  // Per customer: its latest line (the last in ledger order among those of the latest date).
  const latestLine = new IntList();
  const latestDay = new IntList();
  // The previous line's key and customer: lines of one order usually follow each other.
  let prevKeyText = "";
  let prevKeyMap: Map<string, number> | null = null;
  let prevCustomer = -1;
  let prevOrderText = "";
  let prevOrder = -1;
  let reachesPrevious = false;
  let skippedLines = 0;
  let customerCount = 0;

  // One report per field, set up once: the hot loop allocates no closure per line.
  let line = 0;
  let skip = false;
  const note = (field: LedgerField, reason: LedgerProblemReason, found: string, skipped: boolean) => {
    problems.push({ line, field, reason, found, skipped });
    if (skipped) skip = true;
  };
  const reportDate = (reason: ProblemReason, found: string) =>
    note("orderDate", reason as LedgerProblemReason, found, true);
  const reportAmount = (reason: ProblemReason, found: string) =>
    note("amount", reason as LedgerProblemReason, found, true);
  const reportProfit = (reason: ProblemReason, found: string) =>
    note("lineProfit", reason as LedgerProblemReason, found, false);
  const reportDue = (reason: ProblemReason, found: string) =>
    note("dueDate", reason as LedgerProblemReason, found, false);
  const reportPaid = (reason: ProblemReason, found: string) =>
    note("paidDate", reason as LedgerProblemReason, found, false);
  const orderDates = new DateReader();
  const dueDates = new DateReader();
  const paidDates = new DateReader();
  /** Keys already judged to be totals labels (合计 …): checked once per distinct key. */
  const TOTALS = -2;

  for (let i = 0; i < n; i++) {
    line = i;
    skip = false;

    // Key: the trimmed id, else the trimmed name (two maps: an id and a name never collide,
    // and the cell's own string is looked up, with no concatenated key per line).
    let keyText = has.id ? readText(idCol![i]) : "";
    let keyMap = idKeys;
    if (!keyText) {
      keyText = nameCol ? readText(nameCol[i]) : "";
      keyMap = nameKeys;
    }
    let known =
      keyText === prevKeyText && keyMap === prevKeyMap
        ? prevCustomer
        : keyText
          ? keyMap.get(keyText)
          : undefined;
    if (!keyText) {
      note(has.id ? "id" : "name", "no-key", shownCell(has.id ? idCol![i] : nameCol?.[i]), true);
    } else {
      if (known === undefined && isTotalsLabel(keyText)) {
        keyMap.set(keyText, TOTALS);
        known = TOTALS;
      }
      if (known === TOTALS) {
        // A totals row gets its totals message only (its blank date is no news).
        note(keyMap === idKeys ? "id" : "name", "totals-row", keyText, true);
        skippedLines++;
        continue;
      }
    }

    const dv = dateCol?.[i];
    let d = NaN;
    if (isBlank(dv)) note("orderDate", "blank", "", true);
    else {
      d = orderDates.read(dv, reportDate);
      if (d === d && d > today) note("orderDate", "future-date", shownCell(dv), true);
    }

    const av = amountCol?.[i];
    let a = NaN;
    if (isBlank(av)) note("amount", "blank", "", true);
    else a = readNumber(av, reportAmount);

    if (skip) {
      skippedLines++;
      continue;
    }

    let c = known as number | undefined;
    if (c === undefined) {
      c = customerCount++;
      keyMap.set(keyText, c);
      latestLine.push(i);
      latestDay.push(d);
    } else if (d >= latestDay.data[c]) {
      // Lines come in ledger order, so "≥" keeps the last line among those of the latest date.
      latestLine.data[c] = i;
      latestDay.data[c] = d;
    }
    prevKeyText = keyText;
    prevKeyMap = keyMap;
    prevCustomer = c;
    customerOf[i] = c;
    day[i] = d;
    amount[i] = a;
    if (d <= start) reachesPrevious = true;

    if (profitCol) {
      const pv = profitCol[i];
      if (!isBlank(pv)) {
        profitGiven![i] = 1;
        const p = readNumber(pv, reportProfit);
        profit![i] = p === p ? p : 0;
      }
    }
    // Only current-period purchases count orders: only their order numbers are looked up.
    if (orderCol && d > start && a >= 0) {
      const o = readText(orderCol[i]);
      if (o) {
        let k = o === prevOrderText ? prevOrder : orderIds.get(o);
        if (k === undefined) {
          k = orderIds.size;
          orderIds.set(o, k);
        }
        orderOf![i] = k;
        prevOrderText = o;
        prevOrder = k;
      }
    }
    if (dueCol && d > start) {
      const dv2 = dueCol[i];
      if (!isBlank(dv2)) {
        const due = dueDates.read(dv2, reportDue);
        if (due === due) {
          let paid = NaN;
          const pv = paidCol?.[i];
          if (paidCol && !isBlank(pv)) {
            paid = paidDates.read(pv, reportPaid);
          }
          // Paid after today has not been paid yet as of today.
          const end = paid === paid && paid <= today ? paid : today;
          lateDays![i] = Math.max(0, end - due);
        }
      }
    }
  }

  // Pass 2: sums and first/last purchase.
  const count = customerCount;
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

  // Id, name, owner and region from the latest line; where that cell is blank, from the latest
  // line of the customer where it is not (one more pass, only for such fields).
  const texts = [idCol, nameCol, ownerCol, regionCol].map((tc) => {
    const arr: string[] = new Array(count).fill("");
    if (!tc) return arr;
    let blanks = 0;
    for (let c = 0; c < count; c++) {
      arr[c] = readText(tc[latestLine.data[c]]);
      if (!arr[c]) blanks++;
    }
    if (blanks === 0) return arr;
    const bestLine = new Int32Array(count).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = customerOf[i];
      if (c < 0 || arr[c] || isBlank(tc[i])) continue;
      if (bestLine[c] < 0 || day[i] >= day[bestLine[c]]) bestLine[c] = i;
    }
    for (let c = 0; c < count; c++) if (bestLine[c] >= 0) arr[c] = readText(tc[bestLine[c]]);
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
