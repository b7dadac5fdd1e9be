/**
 * Every default number of METHOD.md as a named, flat setting, so that the workbook's JSON,
 * the task-pane form and the CLI's `--set key=value` share one shape.
 *
 * `SETTING_SPECS` describes each setting (group, labels, range, step, unit) so that a UI can
 * render the form from data; `validateSettings` is the single gate every source goes through.
 */

export interface Settings {
  // §2 ABC class
  abcCutA: number;
  abcCutB: number;
  // §3–§4 tiers
  fadingGrowth: number;
  risingGrowth: number;
  lapseDays: number;
  newCustomerDays: number;
  risingPotential: number;
  onTimeDays: number;
  // §5 key-account index
  weightVolume: number;
  weightContinuity: number;
  weightPayment: number;
  weightGrowth: number;
  continuityMonths: number;
  paymentZeroDays: number;
  newGrowthScore: number;
  // §5 risk flags
  paymentRiskDays: number;
  marginSqueeze: number;
  oneOffMaxOrders: number;
  // §7 relationship level
  marginHigh: number;
  marginMedium: number;
  // §8 next action
  cadenceStar: number;
  cadenceRising: number;
  cadenceRegular: number;
  cadenceFading: number;
  cadenceInsufficient: number;
  jitterDays: number;
  birthdayWindowDays: number;
  holidayWindowDays: number;
  holidayLeadDays: number;
  afterSaleWindowDays: number;
  afterSaleDelayDays: number;
  visitAfterDays: number;
  deepenGap: number;
  referralMinOrders: number;
  referralMinFamiliarity: number;
}

export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  abcCutA: 0.8,
  abcCutB: 0.95,
  fadingGrowth: -0.3,
  risingGrowth: 0.3,
  lapseDays: 180,
  newCustomerDays: 365,
  risingPotential: 5,
  onTimeDays: 15,
  weightVolume: 0.4,
  weightContinuity: 0.25,
  weightPayment: 0.2,
  weightGrowth: 0.15,
  continuityMonths: 12,
  paymentZeroDays: 60,
  newGrowthScore: 0.75,
  paymentRiskDays: 30,
  marginSqueeze: 0.05,
  oneOffMaxOrders: 1,
  marginHigh: 0.3,
  marginMedium: 0.15,
  cadenceStar: 14,
  cadenceRising: 30,
  cadenceRegular: 90,
  cadenceFading: 30,
  cadenceInsufficient: 90,
  jitterDays: 3,
  birthdayWindowDays: 14,
  holidayWindowDays: 14,
  holidayLeadDays: 2,
  afterSaleWindowDays: 30,
  afterSaleDelayDays: 7,
  visitAfterDays: 30,
  deepenGap: 2,
  referralMinOrders: 2,
  referralMinFamiliarity: 3,
});

export type SettingGroup = "abc" | "tier" | "keyIndex" | "risk" | "level" | "contact";

/**
 * How a value is stored and shown:
 * - "percent": stored as a fraction (0.3), shown as a percentage (30%);
 * - "ratio": a plain fraction 0..1 shown as a decimal (a score);
 * - "days" / "count": whole numbers;
 * - "weight": a relative weight (only the proportions matter).
 */
export type SettingUnit = "ratio" | "percent" | "days" | "count" | "weight";

export interface SettingSpec {
  key: SettingKey;
  group: SettingGroup;
  zh: string;
  en: string;
  min: number;
  max: number;
  step: number;
  unit: SettingUnit;
}

/** Group titles for a form, in display order. */
export const SETTING_GROUPS: readonly { group: SettingGroup; zh: string; en: string }[] = [
  { group: "abc", zh: "ABC 分类（80/20）", en: "ABC class (80/20)" },
  { group: "tier", zh: "价值等级", en: "Value tier" },
  { group: "keyIndex", zh: "大客户指数", en: "Key account index" },
  { group: "risk", zh: "风险提示", en: "Risk flags" },
  { group: "level", zh: "建议关系水平", en: "Relationship level" },
  { group: "contact", zh: "下一步行动与联系周期", en: "Next action and contact cadence" },
];

function spec(
  key: SettingKey,
  group: SettingGroup,
  zh: string,
  en: string,
  min: number,
  max: number,
  step: number,
  unit: SettingUnit,
): SettingSpec {
  return Object.freeze({ key, group, zh, en, min, max, step, unit });
}

/*
 * Ranges: wide enough for any real sales policy, narrow enough that a slip (30 typed for
 * 0.30, a negative cadence) is caught. Cadences start at 7 days and the jitter stops at 6 so
 * that cadence + jitter is always at least one day after the last contact.
 */
export const SETTING_SPECS: readonly SettingSpec[] = Object.freeze([
  spec("abcCutA", "abc", "A类累计占比上限", "Class A cumulative share", 0.01, 1, 0.01, "percent"),
  spec("abcCutB", "abc", "B类累计占比上限", "Class B cumulative share", 0.01, 1, 0.01, "percent"),
  spec(
    "fadingGrowth",
    "tier",
    "明日黄花：同比下降达到",
    "Fading: growth at or below",
    -1,
    0,
    0.01,
    "percent",
  ),
  spec(
    "risingGrowth",
    "tier",
    "后起之秀：同比增长达到",
    "Rising: growth at or above",
    0,
    10,
    0.01,
    "percent",
  ),
  spec(
    "lapseDays",
    "tier",
    "明日黄花：未下单超过（天）",
    "Fading: no order for more than (days)",
    1,
    3650,
    1,
    "days",
  ),
  spec(
    "newCustomerDays",
    "tier",
    "新客户：首次合作在（天）以内",
    "New customer: first order within (days)",
    1,
    3650,
    1,
    "days",
  ),
  spec("risingPotential", "tier", "后起之秀：潜力得分至少", "Rising: potential at least", 1, 8, 1, "count"),
  spec(
    "onTimeDays",
    "tier",
    "后起之秀：平均逾期不超过（天）",
    "Rising: days late at most",
    0,
    365,
    1,
    "days",
  ),
  spec("weightVolume", "keyIndex", "权重：销售规模", "Weight: volume", 0, 1, 0.05, "weight"),
  spec("weightContinuity", "keyIndex", "权重：持续性", "Weight: continuity", 0, 1, 0.05, "weight"),
  spec("weightPayment", "keyIndex", "权重：回款", "Weight: payment", 0, 1, 0.05, "weight"),
  spec("weightGrowth", "keyIndex", "权重：成长", "Weight: growth", 0, 1, 0.05, "weight"),
  spec("continuityMonths", "keyIndex", "持续性满分所需月数", "Months for full continuity", 1, 60, 1, "count"),
  spec(
    "paymentZeroDays",
    "keyIndex",
    "回款得分为 0 的逾期天数",
    "Days late for a payment score of 0",
    1,
    3650,
    1,
    "days",
  ),
  spec(
    "newGrowthScore",
    "keyIndex",
    "新客户的成长得分",
    "Growth score of a new customer",
    0,
    1,
    0.05,
    "ratio",
  ),
  spec(
    "paymentRiskDays",
    "risk",
    "回款风险：平均逾期超过（天）",
    "Payment risk: days late above",
    0,
    3650,
    1,
    "days",
  ),
  spec(
    "marginSqueeze",
    "risk",
    "压价风险：毛利率下降达到",
    "Margin squeeze: margin drop at least",
    0,
    1,
    0.01,
    "percent",
  ),
  spec(
    "oneOffMaxOrders",
    "risk",
    "一次性大单：订单数不超过",
    "One-off big order: orders at most",
    0,
    100,
    1,
    "count",
  ),
  spec(
    "marginHigh",
    "level",
    "高毛利：毛利率至少",
    "High margin: margin rate at least",
    0,
    1,
    0.01,
    "percent",
  ),
  spec(
    "marginMedium",
    "level",
    "中毛利：毛利率至少",
    "Medium margin: margin rate at least",
    0,
    1,
    0.01,
    "percent",
  ),
  spec("cadenceStar", "contact", "联系周期：天王巨星（天）", "Cadence: Star (days)", 7, 3650, 1, "days"),
  spec("cadenceRising", "contact", "联系周期：后起之秀（天）", "Cadence: Rising (days)", 7, 3650, 1, "days"),
  spec(
    "cadenceRegular",
    "contact",
    "联系周期：一般客户（天）",
    "Cadence: Regular (days)",
    7,
    3650,
    1,
    "days",
  ),
  spec("cadenceFading", "contact", "联系周期：明日黄花（天）", "Cadence: Fading (days)", 7, 3650, 1, "days"),
  spec(
    "cadenceInsufficient",
    "contact",
    "联系周期：数据不足（天）",
    "Cadence: Insufficient data (days)",
    7,
    3650,
    1,
    "days",
  ),
  spec(
    "jitterDays",
    "contact",
    "联系日期随机错开（±天）",
    "Spread contact dates by (± days)",
    0,
    6,
    1,
    "days",
  ),
  spec(
    "birthdayWindowDays",
    "contact",
    "生日提前提醒（天）",
    "Birthday: remind within (days)",
    0,
    60,
    1,
    "days",
  ),
  spec(
    "holidayWindowDays",
    "contact",
    "节日提前提醒（天）",
    "Holiday: remind within (days)",
    0,
    60,
    1,
    "days",
  ),
  spec("holidayLeadDays", "contact", "节日问候提前（天）", "Holiday: greet days before", 0, 30, 1, "days"),
  spec(
    "afterSaleWindowDays",
    "contact",
    "售后回访：下单后（天）以内",
    "After-sale: order within (days)",
    0,
    365,
    1,
    "days",
  ),
  spec(
    "afterSaleDelayDays",
    "contact",
    "售后回访：下单后第几天",
    "After-sale: days after the order",
    0,
    90,
    1,
    "days",
  ),
  spec(
    "visitAfterDays",
    "contact",
    "巨星实地拜访：距上次联系至少（天）",
    "Star visit: last contact at least (days) ago",
    1,
    365,
    1,
    "days",
  ),
  spec(
    "deepenGap",
    "contact",
    "深化关系：关系差距至少",
    "Deepen: familiarity gap at least",
    1,
    4,
    1,
    "count",
  ),
  spec(
    "referralMinOrders",
    "contact",
    "请求转介绍：订单数至少",
    "Referral: orders at least",
    1,
    100,
    1,
    "count",
  ),
  spec(
    "referralMinFamiliarity",
    "contact",
    "请求转介绍：熟悉程度至少",
    "Referral: familiarity at least",
    1,
    5,
    1,
    "count",
  ),
]);

export const SETTING_KEYS: readonly SettingKey[] = Object.freeze(SETTING_SPECS.map((s) => s.key));

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

const WEIGHT_KEYS: readonly SettingKey[] = [
  "weightVolume",
  "weightContinuity",
  "weightPayment",
  "weightGrowth",
];

/**
 * Checks any value (parsed JSON, a form's state, CLI pairs) against SETTING_SPECS.
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
  if (WEIGHT_KEYS.every((k) => settings[k] === 0)) {
    errors.push({
      key: "weightVolume",
      zh: "大客户指数的四个权重不能全为 0；已使用默认权重 0.4/0.25/0.2/0.15",
      en: "The four key-account weights cannot all be 0; using the default weights 0.4/0.25/0.2/0.15",
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
