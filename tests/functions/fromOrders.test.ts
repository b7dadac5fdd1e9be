/** CRM.FROMORDERS (METHOD.md §12 as a formula): hand-checked on a ten-line ledger, today 2026-03-31. */
import { fromOrders } from "../../src/functions/impl";
import { classifyTable } from "../../src/functions/impl";
import { col, thrownMessage } from "./helpers";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";

const TODAY = 46112; // 2026-03-31

// customer, date (serials and text, as a sheet holds them), amount, order no
const LINES: [string | null, number | string | null, number | string | null, string | null][] = [
  ["甲", 45747, 500, "A1"], // 2025-03-31 = start (P 12): previous period
  ["甲", "2025-04-01", 2000, "A2"],
  ["甲", "2025-04-01", 300, "A2"], // the same order
  ["甲", "2026-01-05", -300, "A3"], // a return
  ["乙", 45971, 800, "B1"], // 2025-11-10: first bought in the current period
  [null, null, null, null], // a blank row in the selected range
  ["乙", 46114, 100, "B2"], // 2026-04-02: after today, left out
  ["丙", 45092, 5000, "C1"], // 2023-06-15: bought long before the previous period
  ["丙", 46042, 600, "C2"], // 2026-01-20
  ["丁", 45992, 0, null], // 2025-12-01: a free sample is still an order
  ["丁", 46082, 150, null], // 2026-03-01
];
const customers = col(...LINES.map((l) => l[0]));
const dates = col(...LINES.map((l) => l[1]));
const amounts = col(...LINES.map((l) => l[2]));
const orderIds = col(...LINES.map((l) => l[3]));

describe("CRM.FROMORDERS", () => {
  test("P = 12 with order numbers: the customer table with its header row", () => {
    expect(fromOrders(customers, dates, amounts, orderIds, TODAY)).toEqual([
      ["客户名称", "本期销售额", "上期销售额", "订单数", "活跃月数", "首次合作日期", "最近下单日期"],
      ["甲", 2000, 500, 1, 1, 45747, 45748],
      ["乙", 800, "", 1, 1, 45971, 45971],
      ["丙", 600, 0, 1, 1, 45092, 46042],
      ["丁", 150, "", 2, 2, 45992, 46082],
    ]);
  });

  test("P = 6, in English", () => {
    expect(fromOrders(customers, dates, amounts, orderIds, TODAY, 6, "en")).toEqual([
      ["Customer", "Revenue", "Previous revenue", "Orders", "Active months", "First order", "Last order"],
      ["甲", -300, 2300, 0, 0, 45747, 45748], // only the return is in the current period
      ["乙", 800, "", 1, 1, 45971, 45971],
      ["丙", 600, 0, 1, 1, 45092, 46042],
      ["丁", 150, "", 2, 2, 45992, 46082],
    ]);
  });

  test("without order numbers orders are distinct dates; a blank [periodMonths] is 12", () => {
    const out = fromOrders(customers, dates, amounts, undefined, TODAY, [[""]]);
    expect(out.map((r) => r[3])).toEqual(["订单数", 1, 1, 1, 2]);
  });

  test("an omitted [periodMonths] is the workbook's setting", () => {
    setCurrentSettings({ ...DEFAULT_SETTINGS, periodMonths: 24 });
    try {
      // 24 months (from 2024-03-31): 甲's 500 of 2025-03-31 joins the current period, 500 + 2,000 + 300 − 300,
      // and 甲 bought nothing before it: no previous revenue.
      expect(fromOrders(customers, dates, amounts, orderIds, TODAY)[1].slice(0, 3)).toEqual(["甲", 2500, ""]);
    } finally {
      setCurrentSettings({ ...DEFAULT_SETTINGS });
    }
  });

  test("the spill feeds CRM.CLASSIFY", () => {
    const table = fromOrders(customers, dates, amounts, orderIds, TODAY);
    const result = classifyTable(table, TODAY);
    expect(result.length).toBe(5);
    expect(result[1][1]).toBe("A"); // 甲: 2,000 of 3,550
  });

  test("nothing but blank rows: only the header row", () => {
    expect(fromOrders(col(null, null), col(null, null), col(null, null), undefined, TODAY)).toEqual([
      ["客户名称", "本期销售额", "上期销售额", "订单数", "活跃月数", "首次合作日期", "最近下单日期"],
    ]);
  });

  test("bad arguments are #VALUE! with a message", () => {
    expect(thrownMessage(() => fromOrders(customers, col(1, 2), amounts, undefined, TODAY))).toMatch(/dates/);
    expect(thrownMessage(() => fromOrders(customers, dates, amounts, undefined, TODAY, 0))).toMatch(/periodMonths/);
    expect(thrownMessage(() => fromOrders(customers, dates, amounts, undefined, TODAY, 2.5))).toMatch(/1–120/);
    expect(thrownMessage(() => fromOrders(customers, dates, amounts, undefined, "not a date"))).toMatch(/today/);
  });
});
