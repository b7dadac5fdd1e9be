/**
 * Every default number of METHOD.md, declared once in `SETTINGS_TABLE`. The `Settings` type,
 * `DEFAULT_SETTINGS`, validation, the JSON kept in the workbook, the CLI's `--set key=value`
 * and the task pane's form all come from this one table.
 *
 * Each entry says: its key, default, type, range and step, unit, a label and a one-line help
 * in a sales rep's words (zh/en), the form group it sits in, and whether it is an advanced
 * setting (folded away in the form).
 */
import { bi, type Bilingual } from "./bilingual";

/**
 * How a value is stored and shown:
 * - "percent": stored as a fraction (0.3), shown and typed as a percentage (30 %);
 * - "ratio": a plain fraction 0..1 shown as a decimal (a score);
 * - "days" / "months" / "count": whole numbers.
 * (The four key-account weights are percentages that add up to 100 %.)
 */
export type SettingUnit = "ratio" | "percent" | "days" | "months" | "count";

/** The form's groups, in display order (see SETTING_GROUPS). */
export type SettingGroup =
  "tiers" | "keyIndex" | "relationship" | "contact" | "holidays" | "ledger" | "rhythm";

interface Entry<K extends string> {
  key: K;
  default: number;
  min: number;
  max: number;
  /** 1 for whole numbers. For percentages, the step of the fraction (0.01 = one percent). */
  step: number;
  unit: SettingUnit;
  group: SettingGroup;
  label: Bilingual;
  help: Bilingual;
  advanced: boolean;
}

const DAYS = bi("天", "days");
const MONTHS = bi("个月", "months");

function entry<K extends string>(
  key: K,
  def: number,
  unit: SettingUnit,
  [min, max, step]: readonly [number, number, number],
  group: SettingGroup,
  label: Bilingual,
  help: Bilingual,
  advanced = false,
): Entry<K> {
  return { key, default: def, min, max, step, unit, group, label, help, advanced };
}

/*
 * Ranges: wide enough for any real sales policy, narrow enough that a slip (30 typed for
 * 0.30, a negative cadence) is caught. Cadences start at 7 days and the jitter stops at 6 so
 * that cadence + jitter is always at least one day after the last contact.
 */
const PCT: readonly [number, number, number] = [0, 1, 0.01];

/** The one declaration of every setting, in form order. */
export const SETTINGS_TABLE = [
  // ── §2–§4 value tiers 价值分级
  entry(
    "abcCutA",
    0.8,
    "percent",
    [0.01, 1, 0.01],
    "tiers",
    bi("A类客户：累计贡献前", "Class A: customers making up the top"),
    bi(
      "按价值从高到低累计，占总价值这个比例以内的客户算 A 类（默认前 80%）。",
      "Ranked by value, the customers making up this share of the total are class A (default the top 80 %).",
    ),
  ),
  entry(
    "abcCutB",
    0.95,
    "percent",
    [0.01, 1, 0.01],
    "tiers",
    bi("B类客户：累计贡献前", "Class B: customers making up the top"),
    bi(
      "累计到这个比例以内、又不是 A 类的客户算 B 类，其余为 C 类。",
      "Customers within this cumulative share who are not class A are class B; the rest are C.",
    ),
    true,
  ),
  entry(
    "fadingGrowth",
    -0.3,
    "percent",
    [-1, 0, 0.01],
    "tiers",
    bi("明日黄花：销售额同比下降达到", "Fading: sales down on last year by"),
    bi(
      "比上期下降到这个幅度（负数）的老客户，列为明日黄花，需要挽回。",
      "A customer whose sales fell by this much (a negative %) is Fading and needs winning back.",
    ),
  ),
  entry(
    "risingGrowth",
    0.3,
    "percent",
    [0, 10, 0.01],
    "tiers",
    bi("后起之秀：销售额同比增长达到", "Rising: sales up on last year by"),
    bi(
      "比上期增长到这个幅度的客户，可列为后起之秀。",
      "A customer whose sales grew by this much can be Rising.",
    ),
  ),
  entry(
    "lapseDays",
    180,
    "days",
    [1, 3650, 1],
    "tiers",
    bi("明日黄花：多久没下单", "Fading: no order for more than"),
    bi(
      "超过这么多天没有下单的老客户，列为明日黄花。",
      "A customer with no order for more than this many days is Fading.",
    ),
  ),
  entry(
    "newCustomerDays",
    365,
    "days",
    [1, 3650, 1],
    "tiers",
    bi("新客户：首次合作在多少天内", "New customer: first order within"),
    bi(
      "首次合作在这么多天以内、没有上期销售额的客户算新客户。",
      "A customer whose first order is this recent and has no previous sales counts as new.",
    ),
    true,
  ),
  entry(
    "risingPotential",
    5,
    "count",
    [1, 7, 1],
    "tiers",
    bi("后起之秀：潜力得分至少", "Rising: potential score at least"),
    bi(
      "七项潜力评估中达到这么多项“是”的客户，可列为后起之秀。",
      "A customer with at least this many of the seven potential criteria can be Rising.",
    ),
    true,
  ),
  entry(
    "onTimeDays",
    15,
    "days",
    [0, 365, 1],
    "tiers",
    bi("后起之秀：回款平均逾期不超过", "Rising: pays late by at most"),
    bi(
      "回款平均逾期超过这么多天的客户，不列为后起之秀。",
      "A customer who pays later than this on average is not Rising.",
    ),
    true,
  ),
  // ── §5 key-account index 大客户指数 and risk flags
  entry(
    "weightVolume",
    0.4,
    "percent",
    PCT,
    "keyIndex",
    bi("权重：销售规模", "Weight: sales volume"),
    bi(
      "大客户指数中销售规模占多少；四个权重合计应为 100%。",
      "How much sales volume counts in the key-account index; the four weights add up to 100 %.",
    ),
  ),
  entry(
    "weightContinuity",
    0.25,
    "percent",
    PCT,
    "keyIndex",
    bi("权重：持续下单", "Weight: ordering steadily"),
    bi(
      "大客户指数中持续下单（下单月数）占多少。",
      "How much steady ordering (active months) counts in the key-account index.",
    ),
  ),
  entry(
    "weightPayment",
    0.2,
    "percent",
    PCT,
    "keyIndex",
    bi("权重：按时回款", "Weight: paying on time"),
    bi("大客户指数中按时回款占多少。", "How much paying on time counts in the key-account index."),
  ),
  entry(
    "weightGrowth",
    0.15,
    "percent",
    PCT,
    "keyIndex",
    bi("权重：增长", "Weight: growth"),
    bi("大客户指数中同比增长占多少。", "How much growth on last year counts in the key-account index."),
  ),
  entry(
    "continuityMonths",
    12,
    "months",
    [1, 60, 1],
    "keyIndex",
    bi("持续下单满分：下单月数", "Full marks for steady ordering at"),
    bi(
      "一年中下单达到这么多个月，持续性得满分。",
      "Ordering in this many months gives full marks for steadiness.",
    ),
    true,
  ),
  entry(
    "paymentZeroDays",
    60,
    "days",
    [1, 3650, 1],
    "keyIndex",
    bi("回款得 0 分：平均逾期", "No marks for payment at"),
    bi(
      "平均逾期达到这么多天，回款一项得 0 分。",
      "Paying this many days late on average gives no marks for payment.",
    ),
    true,
  ),
  entry(
    "newGrowthScore",
    0.75,
    "ratio",
    [0, 1, 0.05],
    "keyIndex",
    bi("新客户的增长得分", "Growth score of a new customer"),
    bi(
      "新客户没有上期可比，增长一项按这个分数（0–1）计。",
      "A new customer has no last year to compare with; growth scores this (0–1).",
    ),
    true,
  ),
  entry(
    "paymentRiskDays",
    30,
    "days",
    [0, 3650, 1],
    "keyIndex",
    bi("回款风险：平均逾期超过", "Payment risk: pays late by more than"),
    bi("平均逾期超过这么多天，提示回款风险。", "Paying later than this on average flags a payment risk."),
  ),
  entry(
    "marginSqueeze",
    0.05,
    "percent",
    PCT,
    "keyIndex",
    bi("压价风险：毛利率下降达到", "Margin squeeze: margin down by"),
    bi(
      "A类客户毛利率比上期下降这么多，提示压价风险。",
      "A class-A customer whose margin fell this much flags a margin squeeze.",
    ),
    true,
  ),
  entry(
    "oneOffMaxOrders",
    1,
    "count",
    [0, 100, 1],
    "keyIndex",
    bi("一次性大单：订单数不超过", "One-off big order: orders at most"),
    bi(
      "A类客户订单数不超过这个数，提示一次性大单。",
      "A class-A customer with at most this many orders flags a one-off big order.",
    ),
    true,
  ),
  // ── §7 relationship 关系水平
  entry(
    "marginHigh",
    0.3,
    "percent",
    PCT,
    "relationship",
    bi("高毛利：毛利率至少", "High margin: at least"),
    bi(
      "毛利率达到这个比例算高毛利，值得更主动的关系。",
      "A margin at least this high counts as high and earns a closer relationship.",
    ),
  ),
  entry(
    "marginMedium",
    0.15,
    "percent",
    PCT,
    "relationship",
    bi("中毛利：毛利率至少", "Medium margin: at least"),
    bi(
      "毛利率达到这个比例算中毛利，低于它算低毛利。",
      "A margin at least this high counts as medium; below it is low.",
    ),
  ),
  entry(
    "deepenGap",
    2,
    "count",
    [1, 4, 1],
    "relationship",
    bi("深化关系：熟悉程度还差", "Deepen: familiarity short by"),
    bi(
      "实际熟悉程度比建议水平低这么多级时，建议深化关系。",
      "When familiarity is this many steps below the suggested level, suggest deepening the relationship.",
    ),
    true,
  ),
  entry(
    "referralMinOrders",
    2,
    "count",
    [1, 100, 1],
    "relationship",
    bi("请求转介绍：订单数至少", "Ask for referral: orders at least"),
    bi(
      "下过这么多单、还没有转介绍的熟客户，建议请他推荐。",
      "A familiar customer with this many orders and no referral yet is asked for one.",
    ),
    true,
  ),
  entry(
    "referralMinFamiliarity",
    3,
    "count",
    [1, 5, 1],
    "relationship",
    bi("请求转介绍：熟悉程度至少", "Ask for referral: familiarity at least"),
    bi(
      "熟悉程度（1–5）达到这一级才建议请客户转介绍。",
      "Only ask for a referral at this familiarity (1–5) or above.",
    ),
    true,
  ),
  // ── §8 contact rhythm 联系节奏
  entry(
    "cadenceStar",
    14,
    "days",
    [7, 3650, 1],
    "contact",
    bi("天王巨星：每隔多久联系", "Star: contact every"),
    bi("天王巨星客户两次联系之间的天数。", "Days between contacts with a Star customer."),
  ),
  entry(
    "cadenceRising",
    30,
    "days",
    [7, 3650, 1],
    "contact",
    bi("后起之秀：每隔多久联系", "Rising: contact every"),
    bi("后起之秀客户两次联系之间的天数。", "Days between contacts with a Rising customer."),
  ),
  entry(
    "cadenceRegular",
    90,
    "days",
    [7, 3650, 1],
    "contact",
    bi("一般客户：每隔多久联系", "Regular: contact every"),
    bi("一般客户两次联系之间的天数。", "Days between contacts with a Regular customer."),
  ),
  entry(
    "cadenceFading",
    30,
    "days",
    [7, 3650, 1],
    "contact",
    bi("明日黄花：每隔多久联系", "Fading: contact every"),
    bi("明日黄花客户两次联系之间的天数。", "Days between contacts with a Fading customer."),
  ),
  entry(
    "cadenceInsufficient",
    90,
    "days",
    [7, 3650, 1],
    "contact",
    bi("数据不足：每隔多久联系", "Insufficient data: contact every"),
    bi(
      "数据不足的客户两次联系之间的天数。",
      "Days between contacts with a customer we know too little about.",
    ),
    true,
  ),
  entry(
    "jitterDays",
    3,
    "days",
    [0, 6, 1],
    "contact",
    bi("联系日期前后错开最多", "Vary contact dates by up to"),
    bi(
      "每位客户的联系日固定错开几天，避免像群发一样机械。",
      "Each customer's contact day moves by a fixed few days, so calls don't feel mechanical.",
    ),
    true,
  ),
  entry(
    "afterSaleWindowDays",
    30,
    "days",
    [0, 365, 1],
    "contact",
    bi("售后回访：下单后多少天内", "After-sale call: order within"),
    bi(
      "最近一单在这么多天以内、之后还没联系过的客户，安排售后回访。",
      "A customer who ordered this recently and has not been contacted since gets an after-sale call.",
    ),
    true,
  ),
  entry(
    "afterSaleDelayDays",
    7,
    "days",
    [0, 90, 1],
    "contact",
    bi("售后回访：下单后第几天", "After-sale call: days after the order"),
    bi("售后回访安排在下单后的第几天。", "The after-sale call is due this many days after the order."),
    true,
  ),
  entry(
    "visitAfterDays",
    30,
    "days",
    [1, 365, 1],
    "contact",
    bi("天王巨星登门拜访：上次联系已过", "Visit a Star: last contact at least"),
    bi(
      "距上次联系这么多天以上，天王巨星改为实地拜访而不是电话。",
      "When the last contact is this long ago, visit a Star instead of calling.",
    ),
    true,
  ),
  entry(
    "worklistDays",
    7,
    "days",
    [1, 366, 1],
    "contact",
    bi("本周待办：包括今后几天", "Worklist: days ahead"),
    bi(
      "下次联系日期在今天起这么多天内的客户列入待办（7 = 今天和之后 6 天）。",
      "Customers due within this many days from today go on the worklist (7 = today and the next 6 days).",
    ),
  ),
  // ── §8 holidays 节日 (and birthdays)
  entry(
    "birthdayWindowDays",
    14,
    "days",
    [0, 60, 1],
    "holidays",
    bi("生日：提前多少天提醒", "Birthday: remind days ahead"),
    bi(
      "客户生日在这么多天以内时，提醒送上祝福。",
      "Remind to send greetings when a birthday is this many days away.",
    ),
  ),
  entry(
    "holidayWindowDays",
    14,
    "days",
    [0, 60, 1],
    "holidays",
    bi("节日：提前多少天提醒", "Holiday: remind days ahead"),
    bi(
      "春节、中秋等节日在这么多天以内时，提醒问候。",
      "Remind to greet when a holiday (Spring Festival, Mid-Autumn …) is this many days away.",
    ),
  ),
  entry(
    "holidayLeadDays",
    2,
    "days",
    [0, 30, 1],
    "holidays",
    bi("节日问候：节前几天", "Holiday greeting: days before"),
    bi("节日问候安排在节日前几天。", "The holiday greeting is due this many days before the holiday."),
    true,
  ),
  // ── §12 ledger 订单明细
  entry(
    "periodMonths",
    12,
    "months",
    [1, 60, 1],
    "ledger",
    bi("本期：最近多少个月", "This period: the last"),
    bi(
      "按订单明细计算时，本期销售额取最近这么多个月，上期取再往前同样长的时间。",
      "From a sales ledger, this period's sales are the last this-many months; the previous period is the same length before it.",
    ),
  ),
  // ── §13 buying rhythm 购买节奏
  entry(
    "forecastDays",
    90,
    "days",
    [1, 3650, 1],
    "rhythm",
    bi("预计订单：未来多少天", "Expected orders: over the next"),
    bi(
      "预计每位客户在未来这么多天内会下几单。",
      "How many orders each customer is expected to place over this many days.",
    ),
  ),
  entry(
    "fadingAlive",
    0.3,
    "percent",
    PCT,
    "rhythm",
    bi("明日黄花：活跃概率低于", "Fading: P(alive) below"),
    bi(
      "按自己的购买节奏看，仍在购买的概率低于这个比例的老客户，列为明日黄花。",
      "A repeat buyer whose chance of still buying, judged by their own rhythm, is below this is Fading.",
    ),
  ),
  entry(
    "rhythmMinRepeaters",
    30,
    "count",
    [1, 1_000_000, 1],
    "rhythm",
    bi("节奏模型：复购客户至少", "Rhythm model: repeat buyers at least"),
    bi(
      "至少有这么多位客户复购过，才计算购买节奏模型。",
      "The buying-rhythm model is fitted only when at least this many customers bought more than once.",
    ),
    true,
  ),
  entry(
    "rhythmMinRepeats",
    2,
    "count",
    [1, 1000, 1],
    "rhythm",
    bi("按节奏判断流失：复购次数至少", "Rhythm fading: repeat orders at least"),
    bi(
      "复购达到这么多次的客户，才按活跃概率判断是否明日黄花。",
      "Only customers with at least this many repeat orders are judged Fading by P(alive).",
    ),
    true,
  ),
] as const;

type TableEntry = (typeof SETTINGS_TABLE)[number];

export type SettingKey = TableEntry["key"];

/** Every setting as a number, keyed as in SETTINGS_TABLE. */
export type Settings = { [K in SettingKey]: number };

/** One setting's declaration (an entry of SETTINGS_TABLE). */
export type SettingSpec = Entry<SettingKey> & {
  /** The label (kept for callers of the v1 spec shape). */
  readonly zh: string;
  readonly en: string;
};

/** Group titles for a form, in display order. */
export const SETTING_GROUPS: readonly { group: SettingGroup; zh: string; en: string }[] = [
  { group: "tiers", zh: "价值分级", en: "Value tiers" },
  { group: "keyIndex", zh: "大客户指数", en: "Key-account index" },
  { group: "relationship", zh: "关系水平", en: "Relationship" },
  { group: "contact", zh: "联系节奏", en: "Contact rhythm" },
  { group: "holidays", zh: "节日与生日", en: "Holidays and birthdays" },
  { group: "ledger", zh: "订单明细", en: "Sales ledger" },
  { group: "rhythm", zh: "购买节奏", en: "Buying rhythm" },
];

export const SETTING_SPECS: readonly SettingSpec[] = Object.freeze(
  SETTINGS_TABLE.map((e) => Object.freeze({ ...e, zh: e.label.zh, en: e.label.en }) as SettingSpec),
);

export const SETTING_KEYS: readonly SettingKey[] = Object.freeze(SETTING_SPECS.map((s) => s.key));

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(
  Object.fromEntries(SETTINGS_TABLE.map((e) => [e.key, e.default])) as Settings,
);

/** The unit shown after a field: "%" for percentages, else days/months (blank for counts). */
export function settingUnitText(spec: SettingSpec): Bilingual {
  if (spec.unit === "percent") return bi("%", "%");
  if (spec.unit === "days") return DAYS;
  if (spec.unit === "months") return MONTHS;
  return bi("", "");
}

const SPEC_BY_KEY: ReadonlyMap<string, SettingSpec> = new Map(SETTING_SPECS.map((s) => [s.key, s]));

export function settingSpec(key: SettingKey): SettingSpec {
  return SPEC_BY_KEY.get(key)!;
}

export interface SettingsError {
  /** The setting concerned ("" for the input as a whole). */
  key: string;
  zh: string;
  en: string;
}

export interface SettingsValidation {
  settings: Settings;
  errors: SettingsError[];
}

/** Shortest decimal text of a number (no 0.30000000000000004). */
function fmt(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function rangeText(s: SettingSpec): { zh: string; en: string } {
  const zhRange = `${fmt(s.min)}–${fmt(s.max)}`;
  const enRange = `${fmt(s.min)} to ${fmt(s.max)}`;
  if (s.unit === "percent") {
    const lo = `${fmt(s.min * 100)}%`;
    const hi = `${fmt(s.max * 100)}%`;
    return { zh: `${zhRange} 之间的数（即 ${lo}–${hi}）`, en: `a number from ${enRange} (${lo} to ${hi})` };
  }
  if (s.step === 1) return { zh: `${zhRange} 之间的整数`, en: `a whole number from ${enRange}` };
  return { zh: `${zhRange} 之间的数`, en: `a number from ${enRange}` };
}

function shownValue(v: unknown): string {
  let text: string;
  try {
    text = typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    text = String(v);
  }
  return text.length > 40 ? text.slice(0, 39) + "…" : text;
}

/** Accepts numbers and plain decimal text (form fields and `--set` give text). */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const t = v.trim();
    return PLAIN_NUMBER.test(t) ? Number(t) : NaN;
  }
  return NaN;
}

/** Pairs that must be ordered (`lower` < `upper`); on a clash both go back to their defaults. */
const ORDERED_PAIRS: readonly { lower: SettingKey; upper: SettingKey }[] = [
  { lower: "abcCutA", upper: "abcCutB" },
  { lower: "marginMedium", upper: "marginHigh" },
  { lower: "fadingGrowth", upper: "risingGrowth" },
];

/** Weights typed as whole percentages add up exactly; this absorbs binary fractions (0.1 + 0.2). */
const WEIGHT_SUM_TOLERANCE = 1e-6;

const WEIGHT_KEYS: readonly SettingKey[] = [
  "weightVolume",
  "weightContinuity",
  "weightPayment",
  "weightGrowth",
];

/**
 * Checks any value (parsed JSON, a form's state, CLI pairs) against SETTINGS_TABLE.
 * Absent keys take their default; a wrong or out-of-range value keeps its default and adds an
 * error naming the setting and the allowed range; null/undefined input means "all defaults".
 * Never throws.
 */
export function validateSettings(input: unknown): SettingsValidation {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const errors: SettingsError[] = [];
  if (input === null || input === undefined) return { settings, errors };
  if (typeof input !== "object" || Array.isArray(input)) {
    errors.push({
      key: "",
      zh: `设置应为“名称: 数值”的对象，实际为 ${shownValue(input)}；已使用全部默认值`,
      en: `Settings must be an object of name: value pairs, found ${shownValue(input)}; using all defaults`,
    });
    return { settings, errors };
  }
  const given = input as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    const s = SPEC_BY_KEY.get(name);
    if (!s) {
      errors.push({
        key: name,
        zh: `未知的设置项“${name}”，已忽略`,
        en: `Unknown setting "${name}" ignored`,
      });
      continue;
    }
    const raw = given[name];
    if (raw === undefined) continue;
    const n = toNumber(raw);
    const integral = s.step === 1;
    if (!Number.isFinite(n) || n < s.min || n > s.max || (integral && !Number.isInteger(n))) {
      const range = rangeText(s);
      const def = fmt(DEFAULT_SETTINGS[s.key]);
      errors.push({
        key: s.key,
        zh: `设置“${s.zh}”（${s.key}）的值 ${shownValue(raw)} 无效：应为 ${range.zh}；已使用默认值 ${def}`,
        en: `Setting "${s.en}" (${s.key}) has an invalid value ${shownValue(raw)}: expected ${range.en}; using the default ${def}`,
      });
      continue;
    }
    settings[s.key] = n;
  }
  for (const { lower, upper } of ORDERED_PAIRS) {
    if (settings[lower] < settings[upper]) continue;
    const lo = settingSpec(lower);
    const up = settingSpec(upper);
    errors.push({
      key: lower,
      zh: `设置“${lo.zh}”（${lower} = ${fmt(settings[lower])}）必须小于“${up.zh}”（${upper} = ${fmt(settings[upper])}）；两项都已使用默认值`,
      en: `Setting "${lo.en}" (${lower} = ${fmt(settings[lower])}) must be less than "${up.en}" (${upper} = ${fmt(settings[upper])}); both use their defaults`,
    });
    settings[lower] = DEFAULT_SETTINGS[lower];
    settings[upper] = DEFAULT_SETTINGS[upper];
  }
  const weightSum = WEIGHT_KEYS.reduce((sum, k) => sum + settings[k], 0);
  if (Math.abs(weightSum - 1) > WEIGHT_SUM_TOLERANCE) {
    const shown = `${fmt(weightSum * 100)}%`;
    errors.push({
      key: "weightVolume",
      zh: `大客户指数的四个权重合计应为 100%，现为 ${shown}；已使用默认权重 40%/25%/20%/15%`,
      en: `The four key-account weights must add up to 100 %, they add up to ${shown}; using the default weights 40 %/25 %/20 %/15 %`,
    });
    for (const k of WEIGHT_KEYS) settings[k] = DEFAULT_SETTINGS[k];
  }
  return { settings, errors };
}

/** Pretty JSON holding exactly the known keys, in SETTING_SPECS order. */
export function settingsToJson(s: Settings): string {
  const out: Record<string, number> = {};
  for (const key of SETTING_KEYS) out[key] = s[key];
  return JSON.stringify(out, null, 2);
}

/** Parses and validates; bad JSON gives the defaults and one error. Never throws. */
export function settingsFromJson(text: string): SettingsValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      settings: { ...DEFAULT_SETTINGS },
      errors: [
        {
          key: "",
          zh: `设置不是有效的 JSON（${why}）；已使用全部默认值`,
          en: `Settings are not valid JSON (${why}); using all defaults`,
        },
      ],
    };
  }
  return validateSettings(parsed);
}

/** True when two settings objects hold the same numbers. */
export function sameSettings(a: Settings, b: Settings): boolean {
  return SETTING_KEYS.every((k) => a[k] === b[k]);
}
