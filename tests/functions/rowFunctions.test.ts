/** CRM.POTENTIAL, LEVEL, STRATEGY, RFM, HOLIDAY, NEXTACTION, NEXTCONTACT: hand-computed expectations. */
import { holiday, level, nextAction, nextContact, potential, rfm, strategy } from "../../src/functions/impl";
import { col, errorMessage, flat, thrownMessage } from "./helpers";

const T = 46000; // 2025-12-09 as an Excel serial

describe("CRM.POTENTIAL", () => {
  test("counts yes per row; blank, unreadable and error cells are no (§6)", () => {
    expect(potential([["是", "否", "", 1, "Y", "maybe", "#N/A"], ["", "", "", "", "", "", ""], ["有", "好", "高", "强", "多", "√", "TRUE"]])).toEqual([
      [3],
      [0],
      [7],
    ]);
  });

  test("fewer than 7 columns are fine; more than 7 is #VALUE!", () => {
    expect(potential([["是", "是", "否"]])).toEqual([[2]]);
    expect(thrownMessage(() => potential([[1, 1, 1, 1, 1, 1, 1, 1]]))).toBe(
      "参数 criteria 有 8 列，最多 7 列 / Argument criteria has 8 columns; at most 7",
    );
  });
});

describe("CRM.LEVEL", () => {
  test("the §7 table, the raise of Rising/Fading, blank ABC → 一般, English labels", () => {
    expect(
      level(col("A", "B", "C", "", "a"), col("30%", 0.2, 10, null, 0.1), col("天王巨星", "Rising", "明日黄花", "", ""), "en"),
    ).toEqual(col("Proactive", "Accountable", "Accountable", "Basic", "Accountable"));
  });

  test("margin boundaries 0.30 and 0.15 (unknown margin = medium)", () => {
    expect(flat(level(col("C", "C", "A", "A", "B"), col(0.3, "29.99%", 0.15, "14.99%", "")))).toEqual([
      "可靠",
      "反应",
      "主动",
      "可靠",
      "可靠",
    ]);
  });

  test("数据不足 is 一般 whatever the class; an unknown tier label is #VALUE! in that cell", () => {
    const out = level(col("A", "A"), col(0.5, 0.5), col("数据不足", "VIP"));
    expect(out[0]).toEqual(["一般"]);
    expect(errorMessage(out[1][0])).toBe('tier 第2行：无法识别为价值等级（"VIP"） / tier row 2: is not a tier ("VIP")');
  });

  test("an unknown ABC class is #VALUE! in that cell", () => {
    expect(errorMessage(level(col("D"), col(0.3))[0][0])).toMatch(/^abc 第1行：无法识别为ABC分类/);
  });
});

describe("CRM.STRATEGY", () => {
  test("first rule that holds (§9); all unknown → blank", () => {
    expect(
      strategy(col("是", "", "否", "", "", "no"), col("", "强", "弱", "", "平", "weak"), col("", "", "有", "", "有", "no")),
    ).toEqual(col("加强防御", "正面出击", "出其不意", "", "分而治之", "立足长远"));
  });

  test("unreadable counts as unknown (METHOD §9); English labels", () => {
    expect(strategy(col("maybe", "maybe"), col("?", "strong"), col("", ""), "en")).toEqual(col("", "Frontal"));
    expect(strategy(col(""), col("even"), col("no"), "en")).toEqual(col("Develop for future"));
  });
});

describe("CRM.RFM", () => {
  test("scores within the columns; - for an unknown metric (text guarded against formula reading)", () => {
    // R: 10 and 200 known (n = 2): 10 → k 2 → 5; 200 → k 1 → ⌈5/2⌉ = 3.
    // F: 5, 1, 3 (n = 3): 5 → k 3 → 5; 1 → k 1 → 2; 3 → k 2 → ⌈10/3⌉ = 4.
    // M: 1000, 50, 300: 5, 2, 4.
    expect(rfm(col(10, 200, null), col(5, 1, 3), col(1000, 50, 300))).toEqual(col("555", "322", "_44")); // METHOD v2: "_" for an unknown metric
  });

  test("ties share the lower score; all unknown → blank; negative recency counts as unknown", () => {
    // F: 0, 0, 0, 4 → the zeros have k 1 → ⌈5/4⌉ = 2; 4 → k 4 → 5.
    expect(flat(rfm(col(null, null, null, null, -1), col(0, 0, 0, 4, ""), col(null, null, null, null, "")))).toEqual([
      "_2_",
      "_2_",
      "_2_",
      "_5_",
      "",
    ]);
  });

  test("a bad cell is #VALUE! in its row and takes no part in the ranking", () => {
    const out = rfm(col(1, 2), col(1, 2), col(10, "abc"));
    expect(out[0]).toEqual(["555"]);
    expect(errorMessage(out[1][0])).toBe('monetary 第2行：无法识别为数字（"abc"） / monetary row 2: is not a number ("abc")');
  });

  test("mismatched sizes → #VALUE!", () => {
    expect(thrownMessage(() => rfm(col(1, 2), col(1, 2, 3), col(1, 2)))).toMatch(/frequency/);
  });
});

describe("CRM.HOLIDAY", () => {
  test("the next major holiday and its date, spilled as one row", () => {
    expect(holiday(T)).toEqual([["元旦", 46023]]); // 2026-01-01
    expect(holiday(T, "en")).toEqual([["New Year's Day", 46023]]);
    expect(holiday("2026-02-01")).toEqual([["春节", 46070]]); // 2026-02-17
  });

  test("today counts", () => {
    expect(holiday(46023)).toEqual([["元旦", 46023]]);
  });

  test("a bad today → #VALUE!", () => {
    expect(thrownMessage(() => holiday("next week"))).toMatch(/^参数 today 不是有效日期/);
  });
});

describe("CRM.NEXTACTION / CRM.NEXTCONTACT", () => {
  // jitter = (FNV-1a(name) mod 7) − 3; FNV-1a("华安建材有限公司") = 1535487709 → 1535487709 mod 7 = 0 → −3
  // (computed independently over the UTF-8 bytes with Node's Buffer).
  test("regular contact: Star called 10 days ago → 情感电话, due lastContact + 14 − 3", () => {
    const args = { name: col("华安建材有限公司"), tier: col("天王巨星"), lastContact: col(T - 10) };
    expect(nextAction(args, T)).toEqual([["定期联系：情感电话"]]);
    expect(nextContact(args, T)).toEqual([[T + 1]]);
  });

  test("no last contact → due today; blank name and tier → blank row", () => {
    const args = { name: col("乙公司", ""), tier: col("一般客户", "") };
    expect(nextAction(args, T, "en")).toEqual(col("Regular contact: Follow-up call", ""));
    expect(nextContact(args, T)).toEqual(col(T, ""));
  });

  test("win-back variants by class and orders", () => {
    const args = { name: col("a", "b", "c"), tier: col("明日黄花", "明日黄花", "明日黄花"), abc: col("A", "C", "C"), orders: col(5, 1, 2) };
    expect(flat(nextAction(args, T))).toEqual(["挽回：登门拜访，了解下滑原因", "挽回：制定回购营销方案", "挽回：致电了解需求变化"]);
  });

  test("birthday 14 days away wins over a later regular contact; 15 days away does not count", () => {
    // 2025-12-09 + 14 = 2025-12-23. Regular due: lastContact T − 5 + 90 + jitter ≥ T + 82.
    const args = { name: col("a", "a"), tier: col("一般客户", "一般客户"), lastContact: col(T - 5, T - 5), birthday: col("12-23", "12-24") };
    expect(flat(nextAction(args, T))[0]).toBe("生日祝福：发送个性化生日祝福");
    expect(flat(nextContact(args, T))[0]).toBe(T + 14);
    expect(flat(nextAction(args, T))[1]).toBe("定期联系：电话回访");
  });

  test("after-sale follow-up: ordered 10 days ago, not contacted since → due order + 7, clamped to today", () => {
    const args = { name: col("a"), tier: col("一般客户"), lastOrder: col(T - 10), lastContact: col(T - 20) };
    expect(nextAction(args, T)).toEqual([["售后回访：回访使用情况和满意度"]]);
    expect(nextContact(args, T)).toEqual([[T]]);
  });

  test("referral and deepen replace the regular contact", () => {
    const args = {
      name: col("a", "b"),
      tier: col("一般客户", "一般客户"),
      orders: col(3, 3),
      familiarity: col("比较熟悉", 1),
      referrals: col(0, 1),
      level: col("主动", "主动"),
    };
    expect(flat(nextAction(args, T))).toEqual(["请求转介绍：请客户推荐同行或朋友，并给予回馈", "深化关系：邀请参加培训或活动（同流→交流→交心）"]);
  });

  test("holiday greeting: 春节 2026-02-17 is 7 days after 2026-02-10 → due 2 days before", () => {
    const day = 46063; // 2026-02-10
    const args = { name: col("a"), tier: col("一般客户"), lastContact: col(day - 3) };
    expect(nextAction(args, day)).toEqual([["节日问候：发送个性化问候（勿群发）"]]);
    expect(nextContact(args, day)).toEqual([[46068]]);
  });

  test("an unknown tier is #VALUE! in its row; a missing tier argument or a size mismatch is #VALUE! for the formula", () => {
    const out = nextAction({ name: col("a", "b"), tier: col("一般客户", "VIP") }, T);
    expect(out[0]).toEqual(["定期联系：电话回访"]);
    expect(errorMessage(out[1][0])).toMatch(/tier row 2/);
    expect(thrownMessage(() => nextAction({ name: col("a"), tier: undefined }, T))).toMatch(/tier/);
    expect(thrownMessage(() => nextContact({ name: col("a", "b"), tier: col("x", "y", "z") }, T))).toMatch(/3×1/);
  });
});
