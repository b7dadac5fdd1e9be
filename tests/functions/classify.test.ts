/** CRM.CLASSIFY, and the per-cell functions agreeing with the engine on the same small table. */
import { classify } from "../../src/engine/classify";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { abcLabel, tierLabel } from "../../src/engine/labels";
import { abc, classifyTable, keyIndex, share, tier } from "../../src/functions/impl";
import { col, flat, thrownMessage } from "./helpers";

const T = 46000; // 2025-12-09

const ZH_TABLE: unknown[][] = [
  ["客户名称", "销售额(元)", "上期销售额", "最近下单日期", "订单数", "平均逾期天数"],
  ["甲", 500, 400, T - 10, 12, 0],
  ["乙", 300, 500, T - 40, 6, 20],
  [null, null, null, null, null, null],
  ["丙", 120, 0, T - 5, 1, 16],
  ["丁", 60, 50, T - 200, 3, 45],
  ["戊", "abc", 10, "", "", ""],
  ["己", 20, "", "", "", ""],
];

describe("CRM.CLASSIFY", () => {
  const out = classifyTable(ZH_TABLE, T);

  test("spills a header row plus one row per table row, 14 columns, Chinese for a Chinese table", () => {
    expect(out.length).toBe(8);
    for (const row of out) expect(row.length).toBe(14);
    expect(out[0]).toEqual([
      "价值等级",
      "ABC分类",
      "价值占比",
      "大客户指数",
      "潜力得分",
      "建议关系水平",
      "关系差距",
      "下一步行动",
      "下次联系日期",
      "风险提示",
      "销售策略",
      "RFM",
      "依据",
      "数据问题",
    ]);
  });

  test("tiers and classes by hand", () => {
    // Values 500, 300, 120, 60, 20: total 1000; before 0, 500, 800, 920, 980 → A, A, B, B, C.
    // 甲 Star. 乙 growth −40% → Fading. 丙 new but 16 days late → Regular. 丁 181+ days → Fading. 戊 no value.
    expect(out.slice(1).map((r) => r[0])).toEqual(["天王巨星", "明日黄花", "", "一般客户", "明日黄花", "数据不足", "一般客户"]);
    expect(out.slice(1).map((r) => r[1])).toEqual(["A", "A", "", "B", "B", "", "C"]);
    expect(out[1][2]).toBe(0.5); // share as a fraction
  });

  test("a blank row stays blank and takes no part", () => {
    expect(out[3]).toEqual(new Array(14).fill(""));
  });

  test("next contact is an Excel serial; problems name the column as the user wrote it", () => {
    expect(typeof out[1][8]).toBe("number");
    expect(out[1][8] as number).toBeGreaterThanOrEqual(T);
    expect(out[6][13]).toBe('销售额(元)：无法识别为数字（"abc"）');
  });

  test("an English table gives English headers and labels", () => {
    const en = classifyTable(
      [
        ["Customer", "Revenue"],
        ["Acme", 100],
        ["Beta", 1],
      ],
      T,
    );
    expect(en[0][0]).toBe("Tier");
    expect(en[1][0]).toBe("Star");
    expect(en[1][1]).toBe("A");
  });

  test("only a header row → only the header row", () => {
    expect(classifyTable([["客户名称", "销售额"]], T)).toEqual([classifyTable(ZH_TABLE, T)[0]]);
  });

  test("missing required columns → #VALUE! naming them in both languages", () => {
    expect(thrownMessage(() => classifyTable([["名称"], ["甲"]], T))).toBe(
      "缺少必需的列：本期销售额（或毛利）（表格第一行应为表头）/ Missing a required column: Revenue (or Gross profit) (the table's first row must be its headers)",
    );
  });
});

describe("per-cell functions agree with the engine on the same table (distinct values)", () => {
  const values = [500, 300, 120, 60, 20];
  const prev = [400, 500, 0, 50, null];
  const lastOrder = [T - 10, T - 40, T - 5, T - 200, null];
  const orders = [12, 6, 1, 3, null];
  const overdue = [0, 20, 16, 45, null];
  const result = classify(
    {
      rowCount: 5,
      columns: {
        name: ["甲", "乙", "丙", "丁", "己"],
        revenue: values,
        prevRevenue: prev,
        lastOrder: lastOrder.map((d) => (d === null ? null : d)),
        orders,
        overdueDays: overdue,
      },
    },
    { today: T - 25569, settings: DEFAULT_SETTINGS },
  );
  const pop = col(...values);

  test("TIER (spilled and per row) = classify's tier", () => {
    const expected = Array.from(result.tier, (t) => tierLabel(t, "zh"));
    expect(flat(tier(pop, pop, col(...prev), col(...lastOrder), col(...orders), col(...overdue), null, T))).toEqual(expected);
    const perRow = values.map((v, i) => tier([[v]], pop, [[prev[i]]], [[lastOrder[i]]], [[orders[i]]], [[overdue[i]]], null, T)[0][0]);
    expect(perRow).toEqual(expected);
  });

  test("ABC, SHARE (cumulative) and KEYINDEX = classify's", () => {
    expect(flat(abc(pop))).toEqual(Array.from(result.abc, (a) => abcLabel(a)));
    expect(flat(share(pop))).toEqual(Array.from(result.cumShare));
    expect(flat(keyIndex(pop, pop, col(...orders), col(...overdue), col(...prev)))).toEqual(Array.from(result.keyIndex));
  });
});
