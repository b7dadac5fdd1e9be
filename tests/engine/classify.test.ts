/**
 * classify(): the whole-table pass (METHOD.md §1–§10) on small tables computed by hand.
 */
import { classify } from "../../src/engine/classify";
import { dayFromYmd, formatIsoDay } from "../../src/engine/days";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { getCurrentSettings, setCurrentSettings } from "../../src/engine/settingsStore";
import { Abc, ActionKind, Level, RiskFlag, Strategy, Tier } from "../../src/engine/types";
import type { CellValue, FieldKey, TableInput } from "../../src/engine/types";

const T = dayFromYmd(2027, 3, 10); // no major holiday within 14 days (清明 is 04-05)
const table = (columns: Partial<Record<FieldKey, CellValue[]>>): TableInput => ({
  rowCount: Math.max(...Object.values(columns).map((c) => c!.length)),
  columns,
});
const arr = (a: ArrayLike<number>): number[] => Array.from(a);

describe("§2 ABC, share, volumePct, key index and M through classify", () => {
  const r = classify(table({ name: ["A", "B", "C", "D", "E"], profit: [500, 300, 150, 50, 0] }), { today: T });
  test("cumulative 80% → B, 95% → C, zero → C", () => {
    expect(arr(r.abc)).toEqual([Abc.A, Abc.A, Abc.B, Abc.C, Abc.C]);
    expect(arr(r.tier)).toEqual([Tier.Star, Tier.Star, Tier.Regular, Tier.Regular, Tier.Regular]);
    expect(arr(r.share)).toEqual([0.5, 0.3, 0.15, 0.05, 0]);
    expect(arr(r.cumShare)).toEqual([0.5, 0.8, 0.95, 1, 1]);
    expect(arr(r.volumePct)).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
  test("key index from volume alone (the other components are missing)", () => {
    expect(arr(r.keyIndex)).toEqual([100, 75, 50, 25, 0]);
  });
  test("unknown margin is medium: A → 主动, B → 可靠, C → 反应", () => {
    expect(arr(r.level)).toEqual([Level.Proactive, Level.Proactive, Level.Accountable, Level.Reactive, Level.Reactive]);
  });
  test("RFM: only M is known; k = 5..1 over n = 5 gives 5..1", () => {
    expect(arr(r.rfmM)).toEqual([5, 4, 3, 2, 1]);
    expect(arr(r.rfmR)).toEqual([0, 0, 0, 0, 0]);
    expect(arr(r.rfmF)).toEqual([0, 0, 0, 0, 0]);
  });
  test("no last contact: regular contact due today; a Star is visited", () => {
    expect(arr(r.action)).toEqual([5, 5, 5, 5, 5].map(() => ActionKind.Regular));
    expect(arr(r.actionVariant)).toEqual([0, 0, 2, 2, 2]);
    expect(arr(r.nextContact)).toEqual([T, T, T, T, T]);
    expect(arr(r.overdue)).toEqual([0, 0, 0, 0, 0]);
    expect(r.holiday).toBeNull();
  });
});

describe("§1 messy cells become problems, never errors", () => {
  const r = classify(
    table({
      name: ["甲", "乙", "丙", "丁", "戊", "己"],
      revenue: ["¥1,234", "1.2万", "#N/A", "", "abc", 500],
      lastOrder: ["2027-03-11", "2027-03-10", null, null, null, "2027/3/1"],
    }),
    { today: T },
  );
  test("values read: 1234, 12000, unknown ×3, 500", () => {
    expect(arr(r.value)).toEqual([1234, 12000, NaN, NaN, NaN, 500]);
    // total 13734: 12000 (before 0) A; 1234 (before 12000 ≥ 10987.2, < 13047.3) B; 500 (before 13234) C
    expect(arr(r.abc)).toEqual([Abc.B, Abc.A, Abc.None, Abc.None, Abc.None, Abc.C]);
    expect(arr(r.tier).slice(2, 5)).toEqual([Tier.Insufficient, Tier.Insufficient, Tier.Insufficient]);
    expect(r.keyIndex[2]).toBeNaN();
  });
  test("each unreadable cell is one problem naming row and field; blank is not a problem", () => {
    expect(r.problems).toEqual([
      { row: 0, field: "lastOrder", reason: "future-date", found: "2027-03-11" },
      { row: 2, field: "revenue", reason: "excel-error", found: "#N/A" },
      { row: 4, field: "revenue", reason: "not-a-number", found: "abc" },
    ]);
    expect(arr(r.problemStart)).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });
  test("a future last order counts as missing; today's counts", () => {
    expect(r.recency[0]).toBeNaN();
    expect(r.recency[1]).toBe(0);
    expect(r.recency[5]).toBe(9);
  });
  test("after-sale follow-up: ordered 9 days ago, no contact → due order + 7 = 2 days ago → today", () => {
    expect(r.action[5]).toBe(ActionKind.AfterSale);
    expect(r.nextContact[5]).toBe(T);
    expect(r.action[1]).toBe(ActionKind.Regular); // after-sale due T + 7 loses to regular due today
  });
  test("negative value: counts as 0 and is a problem on the field it came from", () => {
    const n = classify(table({ name: ["x", "y"], profit: [-100, 100], revenue: [1000, 1000] }), { today: T });
    expect(arr(n.value)).toEqual([0, 100]);
    expect(arr(n.abc)).toEqual([Abc.C, Abc.A]);
    expect(n.problems).toEqual([{ row: 0, field: "profit", reason: "negative-value", found: "-100" }]);
  });
  test("out-of-range months and potential are clamped and reported", () => {
    const n = classify(
      table({ name: ["x", "y", "z"], profit: [1, 1, 1], activeMonths: [13, 6, -1], potential: [9, 3, -2] }),
      { today: T },
    );
    expect(arr(n.potential)).toEqual([7, 3, 0]);
    expect(n.problems.map((p) => `${p.row}:${p.field}:${p.reason}`)).toEqual([
      "0:activeMonths:out-of-range",
      "0:potential:out-of-range",
      "2:activeMonths:out-of-range",
      "2:potential:out-of-range",
    ]);
  });
  test("empty tables and short columns", () => {
    const e = classify({ rowCount: 0, columns: {} }, { today: T });
    expect(e.rowCount).toBe(0);
    expect(arr(e.problemStart)).toEqual([0]);
    const s = classify({ rowCount: 3, columns: { name: ["a"], profit: [5, 7] } }, { today: T });
    expect(arr(s.value)).toEqual([5, 7, NaN]);
    // total 12: 7 (before 0) and 5 (before 7 < 9.6) are both class A
    expect(arr(s.tier)).toEqual([Tier.Star, Tier.Star, Tier.Insufficient]);
  });
});

describe("§3–§4 tiers from a table", () => {
  const r = classify(
    table({
      name: ["大", "跌", "涨", "新", "久", "边"],
      revenue: [10000, 700, 130, 50, 100, 100],
      prevRevenue: [10000, 1000, 100, null, 100, 100],
      firstOrder: [null, null, null, "2026-03-10", null, null],
      lastOrder: [null, null, null, null, "2026-09-11", "2026-09-10"],
      overdueDays: [0, 0, 16, 15, 0, 0],
    }),
    { today: T },
  );
  test("growth −30% Fading, +30% but 16 days late Regular, new and 15 days late Rising, 181 days Fading", () => {
    // recency: 2026-09-11 → 180 days (not Fading), 2026-09-10 → 181 days (Fading)
    expect(arr(r.recency).slice(4)).toEqual([180, 181]);
    expect(arr(r.tier)).toEqual([Tier.Star, Tier.Fading, Tier.Regular, Tier.Rising, Tier.Regular, Tier.Fading]);
    expect(arr(r.isNew)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(r.growth[1]).toBeCloseTo(-0.3, 12);
  });
  test("Fading is raised to 可靠 and gets a win-back today", () => {
    expect(r.level[1]).toBe(Level.Accountable);
    expect(r.action[1]).toBe(ActionKind.WinBack);
    expect(r.nextContact[1]).toBe(T);
  });
});

describe("§5 risk flags and §7 margin bands from text", () => {
  test("30% and 30 are high, 15% medium, 14.9% low, blank medium (all class C)", () => {
    const r = classify(
      table({ name: ["a", "b", "c", "d", "e", "f"], profit: [0, 0, 0, 0, 0, 0], marginRate: ["30%", "15%", "14.9%", 0.3, 30, ""] }),
      { today: T },
    );
    expect(arr(r.abc)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(arr(r.level)).toEqual([
      Level.Accountable,
      Level.Reactive,
      Level.Basic,
      Level.Accountable,
      Level.Accountable,
      Level.Reactive,
    ]);
  });
  test("one-off, margin squeeze and payment risk", () => {
    const r = classify(
      table({
        name: ["a", "b"],
        profit: [900, 100],
        orders: [1, 5],
        marginRate: ["30%", "30%"],
        prevMarginRate: ["35%", "40%"],
        overdueDays: [31, 30],
      }),
      { today: T },
    );
    expect(arr(r.risk)).toEqual([RiskFlag.OneOff | RiskFlag.MarginSqueeze | RiskFlag.Payment, 0]);
  });
});

describe("§8 actions through classify", () => {
  test("the jitter of 华安建材有限公司 is −3 days (name trimmed; the id when the name is empty)", () => {
    // 大客户 is class A; 华安建材 (before 1000 ≥ 880) is B → Regular, cadence 90
    const r = classify(
      table({
        name: ["大客户", "  华安建材有限公司 ", "", "华安建材有限公司"],
        id: ["1", "2", "华安建材有限公司", "4"],
        profit: [1000, 100, 0, 0],
        lastContact: [null, "2027-02-28", "2027-02-28", "2026-12-01"],
      }),
      { today: T },
    );
    // 2027-02-28 = T − 10 → due T − 10 + 90 − 3 = T + 77
    expect(r.nextContact[1]).toBe(T + 77);
    expect(r.nextContact[2]).toBe(T + 77);
    // 2026-12-01 = T − 99 → due T − 12: overdue 12 days, contact today
    expect(r.overdue[3]).toBe(12);
    expect(r.nextContact[3]).toBe(T);
  });
  test("birthday today, 14 and 15 days away; a full date's year is ignored", () => {
    const r = classify(
      table({
        name: ["a", "b", "c", "d"],
        profit: [0, 0, 0, 0],
        lastContact: ["2027-03-09", "2027-03-09", "2027-03-09", "2027-03-09"],
        birthday: ["3月10日", "3月24日", "3月25日", "1980-03-20"],
      }),
      { today: T },
    );
    expect(arr(r.action)).toEqual([ActionKind.Birthday, ActionKind.Birthday, ActionKind.Regular, ActionKind.Birthday]);
    expect(arr(r.actionVariant)).toEqual([1, 1, 2, 1]);
    expect(r.nextContact[0]).toBe(T);
    expect(r.nextContact[1]).toBe(T + 14);
    expect(r.nextContact[3]).toBe(T + 10);
  });
  test("29 February is celebrated on 28 February in 2027", () => {
    // (2027-02-21: the day after 元宵, so no holiday competes)
    const today = dayFromYmd(2027, 2, 21);
    const r = classify(table({ name: ["a"], profit: [0], lastContact: ["2027-02-20"], birthday: ["2月29日"] }), { today });
    expect(r.action[0]).toBe(ActionKind.Birthday);
    expect(formatIsoDay(r.nextContact[0])).toBe("2027-02-28");
  });
  const holidayTable = table({ name: ["大", "小"], profit: [900, 100], lastContact: ["2027-01-20", "2027-01-20"] });
  test("春节 (2027-02-06) 14 days away: greeting due 2 days before; 15 days away: none", () => {
    const in14 = classify(holidayTable, { today: dayFromYmd(2027, 1, 23) });
    expect(in14.holiday).toEqual({ key: "springFestival", day: dayFromYmd(2027, 2, 6) });
    // 大 is a Star (cadence 14: due 02-03 ± jitter) … the small one is Regular
    expect(in14.action[1]).toBe(ActionKind.Holiday);
    expect(in14.actionVariant[1]).toBe(2);
    expect(formatIsoDay(in14.nextContact[1])).toBe("2027-02-04");
    const in15 = classify(holidayTable, { today: dayFromYmd(2027, 1, 22) });
    expect(in15.holiday).toBeNull();
    expect(in15.action[1]).toBe(ActionKind.Regular);
  });
  test("the day before 春节 the lead date has passed: due today", () => {
    const today = dayFromYmd(2027, 2, 5);
    const r = classify(holidayTable, { today });
    expect(r.action[1]).toBe(ActionKind.Holiday);
    expect(r.nextContact[1]).toBe(today);
  });
});

describe("§6 potential, §9 strategy, §10 R and F", () => {
  test("criteria columns: yes count, blank and unreadable = no", () => {
    const r = classify(
      table({
        name: ["a", "b", "c"],
        profit: [1, 1, 1],
        c1: ["是", "否", ""],
        c2: ["有", "?", "Y"],
        c5: [1, 0, "√"],
        potential: [7, 7, 7],
      }),
      { today: T },
    );
    expect(arr(r.potential)).toEqual([3, 0, 2]);
    expect(r.problems.map((p) => `${p.row}:${p.field}:${p.reason}`)).toEqual(["1:c2:not-yes-no"]);
  });
  test("strategy columns", () => {
    const r = classify(
      table({
        name: ["a", "b", "c", "d", "e", "f"],
        profit: [1, 1, 1, 1, 1, 1],
        incumbent: ["是", "否", "否", "", "否", ""],
        position: ["弱", "强", "弱", "弱", "平", ""],
        opportunity: ["否", "否", "否", "有", "有", ""],
      }),
      { today: T },
    );
    expect(arr(r.strategy)).toEqual([
      Strategy.Fortify,
      Strategy.Frontal,
      Strategy.Develop,
      Strategy.Flank,
      Strategy.Divide,
      Strategy.None,
    ]);
  });
  test("R from recency (fewer days better) and F from orders, ties share the lower score", () => {
    const r = classify(
      table({
        name: ["a", "b", "c", "d"],
        profit: [1, 1, 1, 1],
        orders: [0, 0, 0, 9],
        lastOrder: ["2027-03-01", "2027-03-01", "2027-01-01", null],
      }),
      { today: T },
    );
    // F: n = 4, zeros k = 1 → ⌈5/4⌉ = 2; 9 → k = 4 → 5
    expect(arr(r.rfmF)).toEqual([2, 2, 2, 5]);
    // R: n = 3, 9 days (1 worse → k 2 → ⌈10/3⌉ = 4) ×2, 68 days (k 1 → 2), unknown 0
    expect(arr(r.rfmR)).toEqual([4, 4, 2, 0]);
  });
});

describe("settings", () => {
  test("default to the settings in force; an explicit object wins", () => {
    const before = getCurrentSettings();
    try {
      setCurrentSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.5 });
      const t = table({ name: ["a", "b"], profit: [60, 40] });
      expect(arr(classify(t, { today: T }).abc)).toEqual([Abc.A, Abc.B]); // before 60 ≥ 50
      expect(arr(classify(t, { today: T, settings: { ...DEFAULT_SETTINGS } }).abc)).toEqual([Abc.A, Abc.A]);
      expect(classify(t, { today: T }).settings.abcCutA).toBe(0.5);
    } finally {
      setCurrentSettings({ ...before });
    }
  });
});
