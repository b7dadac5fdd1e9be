/**
 * §13's three output columns as one optional column group of the shared output model
 * (report/columns.ts): present when the result carries a rhythm analysis (ledger input).
 * 通常间隔(天) Typical interval (days), 活跃概率 P(alive), 预计订单(90天) Expected orders
 * (90 days) — the last header names the forecastDays setting.
 */
import { bi } from "../bilingual";
import type { ClassifyResult } from "../classify";
import { NUMBER_FORMATS, type ColumnKind, type ReportColumn } from "../report/columnList";
import type { ColumnGroup, OutputCell } from "../report/columns";

function column(key: string, zh: string, en: string, kind: ColumnKind, width: number): ReportColumn {
  return { key, header: bi(zh, en), kind, numberFormat: NUMBER_FORMATS[kind], width };
}

function horizon(result: ClassifyResult): number {
  return result.rhythm?.forecastDays ?? result.settings.forecastDays;
}

export function expectedHeader(days: number): { zh: string; en: string } {
  return { zh: `预计订单(${days}天)`, en: `Expected orders (${days} day${days === 1 ? "" : "s"})` };
}

const EXPECTED_HEADER = /^(预计订单\(\d+天\)|Expected orders \(\d+ days?\))$/;

function cell(x: number): OutputCell {
  return x === x ? x : null;
}

export const RHYTHM_COLUMNS: ColumnGroup = {
  key: "rhythm",
  present: (result) => result.rhythm !== undefined,
  columns: (result) => {
    const h = expectedHeader(horizon(result));
    return [
      column("typicalInterval", "通常间隔(天)", "Typical interval (days)", "integer", 10),
      column("pAlive", "活跃概率", "P(alive)", "percent", 9),
      column("expectedOrders", h.zh, h.en, "number", 12),
    ];
  },
  isHeader: (header) =>
    header === "通常间隔(天)" ||
    header === "Typical interval (days)" ||
    header === "活跃概率" ||
    header === "P(alive)" ||
    EXPECTED_HEADER.test(header),
  cells: (result, i) => {
    const r = result.rhythm!;
    // Expected orders to two decimals: a forecast, not a measurement.
    const e = r.expected[i];
    return [cell(r.interval[i]), cell(r.pAlive[i]), cell(e === e ? Math.round(e * 100) / 100 : NaN)];
  },
};
