/** The shared output model (src/engine/report): worklist order, summary, columns, inert texts, TableInput. */
import type { ClassifyResult } from "../../../src/engine/classify";
import { classify } from "../../../src/engine/classify";
import { dayFromYmd } from "../../../src/engine/days";
import { mapHeaders } from "../../../src/engine/headers";
import {
  CORE_COLUMNS,
  findOwnColumns,
  isOwnHeader,
  outputRow,
  reportColumns,
  reportHeaders,
  rfmText,
  TIER_FILLS,
} from "../../../src/engine/report/columns";
import { csvNeedsGuard, inertText } from "../../../src/engine/report/inert";
import { summarize, topCustomers } from "../../../src/engine/report/summary";
import { worklistCells, worklistRows } from "../../../src/engine/report/worklist";
import { DEFAULT_SETTINGS } from "../../../src/engine/settings";
import { buildTableInput, columnNames } from "../../../src/engine/tableInput";
import { Tier } from "../../../src/engine/types";

const T = dayFromYmd(2026, 11, 1);

describe("Worklist (METHOD §8): next contact, tier, key index (blank last), row order", () => {
  // A hand-made result: only the fields the Worklist reads.
  const S = Tier.Star;
  const R = Tier.Regular;
  const F = Tier.Fading;
  const rows: [next: number, tier: number, keyIndex: number][] = [
    [T + 2, R, 50], // 0
    [T, R, 30], // 1
    [T, S, 80], // 2
    [T + 6, F, NaN], // 3
    [T + 7, S, 99], // 4: day 8, outside the 7 days
    [T, R, NaN], // 5
    [T, R, 30], // 6: ties row 1 → row order
    [NaN, S, 99], // 7: no action
    [T, F, 10], // 8: Fading before Regular
    [T + 6, F, 5], // 9
  ];
  const result = {
    rowCount: rows.length,
    today: T,
    settings: { ...DEFAULT_SETTINGS },
    nextContact: Float32Array.from(rows.map((r) => r[0])),
    tier: Uint8Array.from(rows.map((r) => r[1])),
    keyIndex: Float32Array.from(rows.map((r) => r[2])),
  } as unknown as ClassifyResult;

  test("default 7 days: today and the next 6", () => {
    expect(worklistRows(result)).toEqual([2, 8, 1, 6, 5, 0, 9, 3]);
  });
  test("worklistDays 1: today only; 8: day 8 joins", () => {
    expect(worklistRows(result, 1)).toEqual([2, 8, 1, 6, 5]);
    expect(worklistRows(result, 8)).toEqual([2, 8, 1, 6, 5, 0, 9, 3, 4]);
  });
});

describe("summary: computed once, per owner and region when present", () => {
  const input = buildTableInput(
    {
      rowCount: 4,
      column: (c) =>
        [
          ["甲", "乙", "丙", "丁"],
          [100, 50, 30, 20],
          ["张三", "李四", " 张三 ", ""],
          ["华东", "华东", "华南", "华南"],
        ][c],
    },
    mapHeaders(["客户名称", "销售额", "负责销售", "区域"]),
    { owner: 2, region: 3 },
  );
  const result = classify(input, { today: T });
  const s = summarize(result);

  test("headline: 4 customers, Stars 180 of 200 = 90 %, nothing overdue, no problems", () => {
    // values 100, 50, 30 start below 0.8 × 200 = 160 → class A → Star; 20 starts at 180 → B → Regular
    expect(s.headline).toEqual({
      customers: 4,
      starShare: 0.9,
      overdue: 0,
      problemRows: 0,
      problems: 0,
      today: T,
    });
    expect(s.tiers.map((t) => [t.tier, t.count, t.share])).toEqual([
      [Tier.Star, 3, 0.9],
      [Tier.Rising, 0, 0],
      [Tier.Regular, 1, 0.1],
      [Tier.Fading, 0, 0],
      [Tier.Insufficient, 0, 0],
    ]);
  });
  test("per owner: by value, trimmed names, the blank owner last", () => {
    expect(s.owners).toEqual([
      { name: "张三", count: 2, value: 130, share: 0.65, stars: 2, fading: 0, overdue: 0 },
      { name: "李四", count: 1, value: 50, share: 0.25, stars: 1, fading: 0, overdue: 0 },
      { name: "", count: 1, value: 20, share: 0.1, stars: 0, fading: 0, overdue: 0 },
    ]);
    expect(s.regions.map((r) => [r.name, r.count, r.value])).toEqual([
      ["华东", 2, 150],
      ["华南", 2, 50],
    ]);
  });
  test("top by key-account index: volume only, 1 − (rank − 1)/(n − 1) → 100, 67, 33, 0", () => {
    expect(s.top.map((t) => [t.row, t.name, t.keyIndex])).toEqual([
      [0, "甲", 100],
      [1, "乙", 67],
      [2, "丙", 33],
      [3, "丁", 0],
    ]);
  });
  test("top N: highest index first, ties in row order, unknown left out, at most N", () => {
    // Rows:        0    1   2   3    4   5   6    7   8
    const index = [50, NaN, 90, 50, 100, 90, 10, 50, 70];
    const fake = {
      rowCount: index.length,
      keyIndex: Float64Array.from(index),
      tier: new Uint8Array(index.length),
      share: new Float64Array(index.length),
    } as unknown as ClassifyResult;
    expect(topCustomers(fake, 4).map((t) => t.row)).toEqual([4, 2, 5, 8]);
    expect(topCustomers(fake, 6).map((t) => t.row)).toEqual([4, 2, 5, 8, 0, 3]);
    expect(topCustomers(fake, 20).map((t) => t.row)).toEqual([4, 2, 5, 8, 0, 3, 7, 6]);
    expect(topCustomers(fake, 1).map((t) => t.row)).toEqual([4]);
  });
  test("without owner/region columns the groups are empty", () => {
    const plain = summarize(classify({ rowCount: 1, columns: { name: ["x"], revenue: [1] } }, { today: T }));
    expect(plain.owners).toEqual([]);
    expect(plain.regions).toEqual([]);
  });
  test("the Worklist row names the customer and owner", () => {
    expect(worklistCells(result, 0, "zh").slice(0, 4)).toEqual([null, "甲", "张三", "天王巨星"]);
  });
});

describe("output columns: one description", () => {
  test("formats by kind, one palette", () => {
    const fmt = Object.fromEntries(CORE_COLUMNS.map((c) => [c.key, c.numberFormat]));
    expect(fmt).toMatchObject({
      share: "0.0%",
      nextContact: "yyyy-mm-dd",
      keyIndex: "0",
      gap: "0",
      rfm: "@",
      potential: "General",
    });
    expect(TIER_FILLS).toEqual({ 0: "#D9D9D9", 1: "#F8CBAD", 2: "#FFE699", 3: "#C6EFCE", 4: null });
    expect(CORE_COLUMNS.filter((c) => c.fillByTier).map((c) => c.key)).toEqual(["tier"]);
  });
  test("headers and cells line up", () => {
    const r = classify({ rowCount: 1, columns: { name: ["x"], revenue: [1] } }, { today: T });
    expect(reportColumns(r)).toHaveLength(14);
    expect(reportHeaders("en", r)[0]).toBe("Tier");
    expect(outputRow(r, 0, "en")).toHaveLength(14);
  });
  test("RFM (METHOD v2 §10): `_` for unknown, blank when all unknown", () => {
    expect(rfmText(0, 4, 5)).toBe("_45");
    expect(rfmText(5, 0, 5)).toBe("5_5");
    expect(rfmText(0, 0, 0)).toBe(null);
  });
  test("our own columns: all 14 headers, adjacent and in order, zh or en", () => {
    const zh = CORE_COLUMNS.map((c) => c.header.zh);
    const en = CORE_COLUMNS.map((c) => c.header.en);
    expect(findOwnColumns(["客户名称", "销售额", ...zh, "备注"])).toEqual({ start: 2, count: 14 });
    expect(findOwnColumns(["Customer", ...en])).toEqual({ start: 1, count: 14 });
    expect(findOwnColumns(["Customer", ` ${en[0]} `, ...en.slice(1)])).toEqual({ start: 1, count: 14 });
    // Three of ours (the v1 pane's rule) or one missing: the user's columns.
    expect(findOwnColumns(["客户名称", "价值等级", "ABC分类", "价值占比"])).toBe(null);
    expect(findOwnColumns(zh.slice(1))).toBe(null);
    expect(findOwnColumns([...zh.slice(0, 7), ...en.slice(7)])).toBe(null);
    expect(isOwnHeader("潜力得分")).toBe(true);
    expect(isOwnHeader("销售额")).toBe(false);
  });
});

describe("inert texts: one rule per medium", () => {
  test.each([
    ["=1+1", "'=1+1", "'=1+1"],
    ["-45", "'-45", "-45"], // a plain number in CSV evaluates to itself
    ["+86 138 0000 0000", "'+86 138 0000 0000", "+86 138 0000 0000"], // phone number
    ["+1-202-555-0100", "'+1-202-555-0100", "+1-202-555-0100"],
    ["+44 (20) 7946 0958", "'+44 (20) 7946 0958", "+44 (20) 7946 0958"],
    ["+1+2", "'+1+2", "'+1+2"], // a second plus is not a phone number
    ["+", "'+", "'+"], // no digit
    ["+86 138 SUM(1)", "'+86 138 SUM(1)", "'+86 138 SUM(1)"],
    ["@SUM(1)", "'@SUM(1)", "'@SUM(1)"],
    ["'abc", "''abc", "'abc"],
    ["\tx", "'\tx", "'\tx"],
    ["天王巨星", "天王巨星", "天王巨星"],
  ])("%j → Excel range %j, CSV %j", (text, excel, csv) => {
    expect(inertText(text, "excelRange")).toBe(excel);
    expect(inertText(text, "csv")).toBe(csv);
    expect(csvNeedsGuard(text)).toBe(csv !== text);
    expect(inertText(text, "xlsxFile")).toBe(text);
    expect(inertText(text, "customFunction")).toBe(text);
  });
});

describe("TableInput: one builder, one column-name fallback", () => {
  test("mapped columns by reference; problems name the header as found, else the field label", () => {
    const names = ["a"];
    const mapping = mapHeaders(["客户名称", " 销售额 ", "其他"]);
    const input = buildTableInput({ rowCount: 1, column: (c) => [names, [1], ["x"]][c] }, mapping);
    expect(input.columns.name).toBe(names);
    expect(Object.keys(input.columns).sort()).toEqual(["name", "revenue"]);
    expect(input.groups).toBeUndefined();
    const name = columnNames(mapping);
    expect(name("revenue")).toBe("销售额");
    expect(name("orders")).toBe("");
  });
});

describe("§1 totals rows (v2): left out, cells kept, a Problem", () => {
  const names = ["甲", "合  计", "乙", "Total:", "丙", "", "Grand Total", "小计："];
  const ids = ["K1", "", "K2", "", "K3", "汇总", "", ""];
  const revenue = [100, 999, 50, 999, 25, 999, 999, 999];
  const input = {
    rowCount: 8,
    columns: {
      name: names,
      id: ids,
      revenue,
      lastOrder: [null, "2099-01-01", null, null, null, null, null, null],
    },
  };
  const r = classify(input, { today: T });
  const totals = [1, 3, 5, 6, 7];

  test("the totals rows are found by name or id, spaces, case and a trailing colon ignored", () => {
    expect(r.excluded).toEqual(totals);
  });
  test("they take no part: ABC over 100, 50, 25 only", () => {
    expect([r.share[0], r.share[2], r.share[4]]).toEqual([100 / 175, 50 / 175, 25 / 175]);
    expect(summarize(r).headline.customers).toBe(3);
    expect(summarize(r).totalValue).toBe(175);
  });
  test("every output cell blank but Problems, whatever else the row held", () => {
    for (const i of totals) {
      const zh = outputRow(r, i, "zh");
      expect(zh.slice(0, 13)).toEqual(Array(13).fill(null));
      expect(zh[13]).toBe("合计行，未参与分级");
      expect(outputRow(r, i, "en")[13]).toBe("totals row, not classified");
    }
    expect(worklistRows(r, 366).filter((i) => totals.includes(i))).toEqual([]);
  });
  test("a customer whose name merely contains the word is a customer", () => {
    const c = classify(
      { rowCount: 2, columns: { name: ["合计贸易公司", "Total Foods"], revenue: [1, 2] } },
      { today: T },
    );
    expect(c.excluded).toEqual([]);
  });
});
