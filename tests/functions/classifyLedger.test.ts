/**
 * CRM.CLASSIFY handed a sales ledger (METHOD §12, §13): the derived customer table, then §11's
 * and §13's columns, header row first — what the CLI writes for the same ledger.
 */
import { dayFromYmd } from "../../src/engine/days";
import { expectedOrders } from "../../src/engine/rhythm/predict";
import { fitBgnbd } from "../../src/engine/rhythm/fit";
import { groupHistories } from "../../src/engine/rhythm/summary";
import { historiesOfDates } from "../../src/engine/rhythm/analyse";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { classifyTable } from "../../src/functions/impl";
import { CDNOW_AS_OF, cdnowLedgerRows } from "../fixtures/cdnowLedger";

beforeEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

const serial = (y: number, m: number, d: number) => dayFromYmd(y, m, d) + 25569;
const TODAY = serial(2026, 3, 15);

/** P = 12: current period (2025-03-15, 2026-03-15], previous (2024-03-15, 2025-03-15]. */
const LEDGER: unknown[][] = [
  ["客户名称", "订单日期", "金额"],
  ["甲公司", serial(2026, 3, 1), 1000],
  ["乙公司", serial(2025, 6, 10), 500],
  [null, null, null],
  ["甲公司", serial(2025, 12, 5), 2000],
  ["乙公司", serial(2024, 6, 1), 300],
  ["甲公司", serial(2024, 1, 10), 400],
];

describe("CRM.CLASSIFY on a ledger", () => {
  test("2 customers from 5 lines: derived columns, §11's 14, §13's 3 (blank: 2 repeat buyers < 30)", () => {
    const out = classifyTable(LEDGER, TODAY);
    expect(out.length).toBe(3);
    for (const row of out) expect(row.length).toBe(7 + 14 + 3);
    expect(out[0].slice(0, 7)).toEqual([
      "客户名称",
      "本期销售额",
      "上期销售额",
      "订单数",
      "活跃月数",
      "首次合作日期",
      "最近下单日期",
    ]);
    expect(out[0].slice(7, 9)).toEqual(["价值等级", "ABC分类"]);
    expect(out[0].slice(21)).toEqual(["通常间隔(天)", "活跃概率", "预计订单(90天)"]);
    // By hand (as tests/excel/ledgerSheet.test.ts): 甲 3,000 now, 0 before; 乙 500 now, 300 before.
    expect(out[1].slice(0, 7)).toEqual(["甲公司", 3000, 0, 2, 2, serial(2024, 1, 10), serial(2026, 3, 1)]);
    expect(out[2].slice(0, 7)).toEqual(["乙公司", 500, 300, 1, 1, serial(2024, 6, 1), serial(2025, 6, 10)]);
    expect(out[1].slice(21)).toEqual(["", "", ""]);
    expect(out[2].slice(21)).toEqual(["", "", ""]);
  });

  test("the ledger's classification equals CRM.CLASSIFY on the derived customer table", () => {
    const out = classifyTable(LEDGER, TODAY);
    const derived = out.map((row) => row.slice(0, 7));
    const direct = classifyTable(derived, TODAY);
    expect(out.map((row) => row.slice(7, 21))).toEqual(direct);
  });

  test("the CDNOW sample as of 1997-09-30: fitted; customer 00004 — interval 107, P(alive) 0.7266", () => {
    const asOf = dayFromYmd(CDNOW_AS_OF.y, CDNOW_AS_OF.m, CDNOW_AS_OF.d);
    const rows = cdnowLedgerRows();
    const out = classifyTable(rows, asOf + 25569);
    expect(out.length).toBe(1 + 2357);
    expect(out[0].slice(0, 1)).toEqual(["Customer ID"]);
    expect(out[0].slice(-3)).toEqual(["Typical interval (days)", "P(alive)", "Expected orders (90 days)"]);
    expect(out[1][0]).toBe("00004");
    const [interval, alive, expected] = out[1].slice(-3) as number[];
    expect(interval).toBe(107);
    expect(alive).toBeCloseTo(0.7266, 4);
    // Cross-check of the plumbing only: the engine's own fit and expectedOrders, x 2, t 213, T 272.
    const byId = new Map<string, number[]>();
    for (const [id, date] of rows.slice(1) as [string, number][]) {
      if (!byId.has(id)) byId.set(id, []);
      const days = byId.get(id)!;
      if (!days.includes(date - 25569)) days.push(date - 25569);
    }
    const h = historiesOfDates([...byId.values()], asOf);
    const fit = fitBgnbd(groupHistories(h.x, h.t, h.T));
    expect(expected).toBe(Math.round(expectedOrders(fit, 2, 213, 272, 90) * 100) / 100);
  });
});
