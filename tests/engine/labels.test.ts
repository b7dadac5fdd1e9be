import {
  abcLabel,
  actionDetail,
  actionKindLabel,
  actionText,
  ALL_OUTPUT_HEADERS,
  fieldLabel,
  holidayLabel,
  langFromLocale,
  levelLabel,
  OUTPUT_COLUMNS,
  outputHeaders,
  overdueLabel,
  problemMessage,
  riskLabel,
  strategyLabel,
  tierLabel,
} from "../../src/engine/labels";
import { Abc, ActionKind, CellProblem, Level, ProblemReason, RiskFlag, Strategy, Tier } from "../../src/engine/types";

describe("enumeration labels", () => {
  test("tiers", () => {
    const tiers = [Tier.Star, Tier.Rising, Tier.Fading, Tier.Regular, Tier.Insufficient];
    expect(tiers.map((t) => tierLabel(t, "zh"))).toEqual(["天王巨星", "后起之秀", "明日黄花", "一般客户", "数据不足"]);
    expect(tiers.map((t) => tierLabel(t, "en"))).toEqual(["Star", "Rising", "Fading", "Regular", "Insufficient data"]);
  });
  test("ABC", () => {
    expect([Abc.A, Abc.B, Abc.C, Abc.None].map(abcLabel)).toEqual(["A", "B", "C", ""]);
  });
  test("levels", () => {
    const levels = [Level.Proactive, Level.Accountable, Level.Reactive, Level.Basic];
    expect(levels.map((l) => levelLabel(l, "zh"))).toEqual(["主动", "可靠", "反应", "一般"]);
    expect(levels.map((l) => levelLabel(l, "en"))).toEqual(["Proactive", "Accountable", "Reactive", "Basic"]);
  });
  test("strategies; none is empty", () => {
    const all = [Strategy.Fortify, Strategy.Frontal, Strategy.Develop, Strategy.Flank, Strategy.Divide, Strategy.None];
    expect(all.map((s) => strategyLabel(s, "zh"))).toEqual(["加强防御", "正面出击", "立足长远", "出其不意", "分而治之", ""]);
    expect(all.map((s) => strategyLabel(s, "en"))).toEqual([
      "Fortify",
      "Frontal",
      "Develop for future",
      "Flank",
      "Divide and conquer",
      "",
    ]);
  });
  test("risk flags in bit order, joined with ；", () => {
    expect(riskLabel(0, "zh")).toBe("");
    expect(riskLabel(RiskFlag.Payment, "zh")).toBe("回款风险");
    expect(riskLabel(RiskFlag.Payment | RiskFlag.OneOff, "zh")).toBe("一次性大单；回款风险");
    expect(riskLabel(7, "zh")).toBe("一次性大单；压价风险；回款风险");
    expect(riskLabel(7, "en")).toBe("One-off big order；Margin squeeze；Payment risk");
    expect(riskLabel(RiskFlag.MarginSqueeze, "en")).toBe("Margin squeeze");
  });
  test("action kinds", () => {
    const kinds = [1, 2, 3, 4, 5, 6, 7];
    expect(kinds.map((k) => actionKindLabel(k, "zh"))).toEqual([
      "生日祝福",
      "节日问候",
      "售后回访",
      "挽回",
      "定期联系",
      "请求转介绍",
      "深化关系",
    ]);
    expect(kinds.map((k) => actionKindLabel(k, "en"))).toEqual([
      "Birthday greeting",
      "Holiday greeting",
      "After-sale follow-up",
      "Win-back",
      "Regular contact",
      "Ask for referral",
      "Deepen relationship",
    ]);
    expect(actionKindLabel(ActionKind.None, "zh")).toBe("");
  });
});

describe("action details (METHOD §8 texts)", () => {
  test.each<[number, number, string]>([
    [ActionKind.Birthday, 0, "生日当天登门或致电祝福，备小礼物"],
    [ActionKind.Birthday, 1, "发送个性化生日祝福"],
    [ActionKind.Holiday, 0, "手写贺卡并送有来历的小礼品"],
    [ActionKind.Holiday, 1, "亲自致电问候"],
    [ActionKind.Holiday, 2, "发送个性化问候（勿群发）"],
    [ActionKind.AfterSale, 0, "回访使用情况和满意度"],
    [ActionKind.WinBack, 0, "登门拜访，了解下滑原因"],
    [ActionKind.WinBack, 1, "制定回购营销方案"],
    [ActionKind.WinBack, 2, "致电了解需求变化"],
    [ActionKind.Regular, 0, "实地拜访"],
    [ActionKind.Regular, 1, "情感电话"],
    [ActionKind.Regular, 2, "电话回访"],
    [ActionKind.Referral, 0, "请客户推荐同行或朋友，并给予回馈"],
    [ActionKind.Deepen, 0, "邀请参加培训或活动（同流→交流→交心）"],
  ])("kind %i variant %i", (k, v, zh) => {
    expect(actionDetail(k, v, "zh")).toBe(zh);
    const en = actionDetail(k, v, "en");
    expect(en).not.toBe("");
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });
  test("English texts", () => {
    expect(actionDetail(ActionKind.AfterSale, 0, "en")).toBe("Check how the order went and whether they are satisfied");
    expect(actionDetail(ActionKind.Regular, 0, "en")).toBe("Visit in person");
  });
  test("unknown kind or variant is empty", () => {
    expect(actionDetail(ActionKind.None, 0, "zh")).toBe("");
    expect(actionDetail(ActionKind.Birthday, 5, "en")).toBe("");
  });
  test("the cell text: kind and detail", () => {
    expect(actionText(ActionKind.WinBack, 0, "zh")).toBe("挽回：登门拜访，了解下滑原因");
    expect(actionText(ActionKind.Regular, 2, "en")).toBe("Regular contact: Follow-up call");
    expect(actionText(ActionKind.None, 0, "en")).toBe("");
  });
});

describe("holidays, fields, overdue, locale", () => {
  test("holidays", () => {
    const keys = ["newYear", "springFestival", "lantern", "qingming", "dragonBoat", "midAutumn", "nationalDay"] as const;
    expect(keys.map((k) => holidayLabel(k, "zh"))).toEqual(["元旦", "春节", "元宵", "清明", "端午", "中秋", "国庆"]);
    expect(keys.map((k) => holidayLabel(k, "en"))).toEqual([
      "New Year's Day",
      "Spring Festival",
      "Lantern Festival",
      "Qingming",
      "Dragon Boat Festival",
      "Mid-Autumn Festival",
      "National Day",
    ]);
  });
  test("field labels are the first synonyms", () => {
    expect(fieldLabel("revenue", "zh")).toBe("本期销售额");
    expect(fieldLabel("revenue", "en")).toBe("Revenue");
    expect(fieldLabel("name", "zh")).toBe("客户名称");
    expect(fieldLabel("overdueDays", "en")).toBe("Days late");
    expect(fieldLabel("c7", "zh")).toBe("客户关系");
  });
  test("overdue", () => {
    expect(overdueLabel(12, "zh")).toBe("超期未联系12天"); // v1: 逾期12天, read as late payment
    expect(overdueLabel(12, "en")).toBe("contact overdue 12 days");
    expect(overdueLabel(1, "en")).toBe("contact overdue 1 day");
  });
  test("locale", () => {
    expect(["zh-CN", "zh-TW", "ZH", "en-US", "fr-FR", "", undefined].map((l) => langFromLocale(l))).toEqual([
      "zh",
      "zh",
      "zh",
      "en",
      "en",
      "en",
      "en",
    ]);
  });
});

describe("output columns (METHOD §11)", () => {
  test("order, labels and kinds", () => {
    expect(OUTPUT_COLUMNS.map((c) => [c.key, c.kind])).toEqual([
      ["tier", "text"],
      ["abc", "text"],
      ["share", "percent"],
      ["keyIndex", "integer"],
      ["potential", "number"],
      ["level", "text"],
      ["gap", "integer"],
      ["nextAction", "text"],
      ["nextContact", "date"],
      ["risk", "text"],
      ["strategy", "text"],
      ["rfm", "text"],
      ["why", "text"],
      ["problems", "text"],
    ]);
    expect(outputHeaders("zh")).toEqual([
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
    expect(outputHeaders("en")).toEqual([
      "Tier",
      "ABC",
      "Value share",
      "Key account index",
      "Potential",
      "Relationship level",
      "Familiarity gap",
      "Next action",
      "Next contact",
      "Risk flags",
      "Strategy",
      "RFM",
      "Why",
      "Problems",
    ]);
    expect(ALL_OUTPUT_HEADERS).toHaveLength(28);
  });
});

describe("problemMessage", () => {
  const p = (reason: ProblemReason, found: string, field: CellProblem["field"] = "revenue"): CellProblem => ({
    row: 3,
    field,
    reason,
    found,
  });
  test("the examples", () => {
    expect(problemMessage(p("not-a-number", "abc"), "zh", "销售额")).toBe('销售额：无法识别为数字（"abc"）');
    expect(problemMessage(p("not-a-number", "abc"), "en", "Revenue")).toBe('Revenue: not a number ("abc")');
  });
  test("the field label stands in for a missing column name", () => {
    expect(problemMessage(p("excel-error", "#N/A"), "zh")).toBe('本期销售额：单元格是错误值（"#N/A"）');
    expect(problemMessage(p("excel-error", "#N/A"), "en", "  ")).toBe('Revenue: Excel error ("#N/A")');
  });
  test("every reason has its own sentence in both languages", () => {
    const reasons: ProblemReason[] = [
      "excel-error",
      "not-a-number",
      "not-a-rate",
      "not-a-date",
      "future-date",
      "not-yes-no",
      "not-familiarity",
      "not-position",
      "out-of-range",
      "negative-value",
      "duplicate",
    ];
    for (const lang of ["zh", "en"] as const) {
      const texts = reasons.map((r) => problemMessage(p(r, "x"), lang, "C"));
      expect(new Set(texts).size).toBe(reasons.length);
      for (const t of texts) expect(t).not.toContain(lang === "zh" ? "not-" : "-");
    }
    expect(problemMessage(p("future-date", "2030-01-01", "lastOrder"), "zh")).toBe(
      '最近下单日期：日期晚于今天，按缺失处理（"2030-01-01"）',
    );
    expect(problemMessage(p("negative-value", "-5"), "en", "Profit")).toBe('Profit: negative, counted as 0 ("-5")');
  });
  test("found text is cut to about 30 characters and kept on one line", () => {
    const long = "0123456789".repeat(5);
    expect(problemMessage(p("not-a-number", long), "en", "Revenue")).toBe(
      `Revenue: not a number ("${long.slice(0, 29)}…")`,
    );
    expect(problemMessage(p("not-a-number", "a\nb"), "en", "Revenue")).toBe('Revenue: not a number ("a b")');
    expect(problemMessage(p("not-a-number", "x".repeat(30)), "en", "R")).toBe(`R: not a number ("${"x".repeat(30)}")`);
  });
  test("no found text, no brackets", () => {
    expect(problemMessage(p("out-of-range", ""), "zh", "下单月数")).toBe("下单月数：超出允许范围");
  });
});
