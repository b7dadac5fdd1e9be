import {
  DEFAULT_SETTINGS,
  SETTING_GROUPS,
  SETTING_KEYS,
  SETTING_SPECS,
  settingsFromJson,
  settingsToJson,
  validateSettings,
} from "../../src/engine/settings";
import { getCurrentSettings, onSettingsChange, setCurrentSettings } from "../../src/engine/settingsStore";

describe("defaults (METHOD.md)", () => {
  test("every default number", () => {
    expect({ ...DEFAULT_SETTINGS }).toEqual({
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
      worklistDays: 7,
      periodMonths: 12,
      forecastDays: 90,
      fadingAlive: 0.3,
      rhythmMinRepeaters: 30,
      rhythmMinRepeats: 2,
    });
  });
  test("are frozen", () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });
  test("one spec per key, each default inside its own range, groups known", () => {
    expect(SETTING_SPECS.map((s) => s.key).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    const groups = new Set(SETTING_GROUPS.map((g) => g.group));
    for (const s of SETTING_SPECS) {
      const d = DEFAULT_SETTINGS[s.key];
      expect(d).toBeGreaterThanOrEqual(s.min);
      expect(d).toBeLessThanOrEqual(s.max);
      expect(groups.has(s.group)).toBe(true);
      expect(s.zh).not.toBe("");
      expect(s.en).not.toBe("");
      if (s.unit === "days" || s.unit === "count" || s.unit === "months") expect(s.step).toBe(1);
      expect(s.help.zh).not.toBe("");
      expect(s.help.en).not.toBe("");
      expect(typeof s.advanced).toBe("boolean");
    }
  });
  test("defaults validate without errors", () => {
    expect(validateSettings({ ...DEFAULT_SETTINGS })).toEqual({ settings: { ...DEFAULT_SETTINGS }, errors: [] });
  });
});

describe("validateSettings", () => {
  test("absent keys take defaults; nothing given means all defaults", () => {
    expect(validateSettings({}).settings).toEqual({ ...DEFAULT_SETTINGS });
    expect(validateSettings(undefined)).toEqual({ settings: { ...DEFAULT_SETTINGS }, errors: [] });
    expect(validateSettings(null)).toEqual({ settings: { ...DEFAULT_SETTINGS }, errors: [] });
    const r = validateSettings({ abcCutA: 0.7, cadenceStar: 21 });
    expect(r.errors).toEqual([]);
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, abcCutA: 0.7, cadenceStar: 21 });
  });

  test("numeric text is accepted (form fields and --set give text)", () => {
    const r = validateSettings({ abcCutA: " 0.7 ", lapseDays: "120" });
    expect(r.errors).toEqual([]);
    expect(r.settings.abcCutA).toBe(0.7);
    expect(r.settings.lapseDays).toBe(120);
  });

  test("range boundaries are inclusive", () => {
    const r = validateSettings({ abcCutB: 1, abcCutA: 0.01, jitterDays: 6, cadenceStar: 7, fadingGrowth: -1, weightGrowth: 0, weightVolume: 0.55 });
    expect(r.errors).toEqual([]);
    expect(r.settings).toMatchObject({ abcCutB: 1, abcCutA: 0.01, jitterDays: 6, cadenceStar: 7, fadingGrowth: -1 });
  });

  test("an out-of-range value keeps the default, with a message in both languages", () => {
    const r = validateSettings({ abcCutB: 1.2 });
    expect(r.settings.abcCutB).toBe(0.95);
    expect(r.errors).toEqual([
      {
        key: "abcCutB",
        zh: "设置“B类客户：累计贡献前”（abcCutB）的值 1.2 无效：应为 0.01–1 之间的数（即 1%–100%）；已使用默认值 0.95",
        en: 'Setting "Class B: customers making up the top" (abcCutB) has an invalid value 1.2: expected a number from 0.01 to 1 (1% to 100%); using the default 0.95',
      },
    ]);
  });

  test("days must be whole numbers within range", () => {
    const r = validateSettings({ lapseDays: 90.5, jitterDays: 7, cadenceStar: 6 });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS });
    expect(r.errors.map((e) => e.key)).toEqual(["lapseDays", "jitterDays", "cadenceStar"]);
    expect(r.errors[0].zh).toBe(
      "设置“明日黄花：多久没下单”（lapseDays）的值 90.5 无效：应为 1–3650 之间的整数；已使用默认值 180",
    );
    expect(r.errors[1].en).toBe(
      'Setting "Vary contact dates by up to" (jitterDays) has an invalid value 7: expected a whole number from 0 to 6; using the default 3',
    );
  });

  test("wrong types keep the default", () => {
    const r = validateSettings({ abcCutA: "abc", lapseDays: true, cadenceStar: null, marginHigh: [0.3], onTimeDays: "1e999" });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS });
    expect(r.errors.map((e) => e.key)).toEqual(["abcCutA", "lapseDays", "cadenceStar", "marginHigh", "onTimeDays"]);
    expect(r.errors[0].en).toContain('invalid value "abc"');
    expect(r.errors[0].zh).toContain('的值 "abc" 无效');
  });

  test("NaN and Infinity are invalid", () => {
    const r = validateSettings({ weightVolume: NaN, weightPayment: Infinity });
    expect(r.errors.map((e) => e.key)).toEqual(["weightVolume", "weightPayment"]);
  });

  test("unknown keys are reported and ignored", () => {
    const r = validateSettings({ abcCutC: 0.99 });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS });
    expect(r.errors).toEqual([{ key: "abcCutC", zh: "未知的设置项“abcCutC”，已忽略", en: 'Unknown setting "abcCutC" ignored' }]);
  });

  test("not an object", () => {
    for (const bad of [42, "x", [1, 2], true]) {
      const r = validateSettings(bad);
      expect(r.settings).toEqual({ ...DEFAULT_SETTINGS });
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].key).toBe("");
    }
  });

  describe("consistency", () => {
    test("A must be below B: equal is refused, both back to defaults", () => {
      const r = validateSettings({ abcCutA: 0.9, abcCutB: 0.9 });
      expect(r.settings.abcCutA).toBe(0.8);
      expect(r.settings.abcCutB).toBe(0.95);
      expect(r.errors).toEqual([
        {
          key: "abcCutA",
          zh: "设置“A类客户：累计贡献前”（abcCutA = 0.9）必须小于“B类客户：累计贡献前”（abcCutB = 0.9）；两项都已使用默认值",
          en: 'Setting "Class A: customers making up the top" (abcCutA = 0.9) must be less than "Class B: customers making up the top" (abcCutB = 0.9); both use their defaults',
        },
      ]);
    });
    test("A just below B is fine", () => {
      const r = validateSettings({ abcCutA: 0.89, abcCutB: 0.9 });
      expect(r.errors).toEqual([]);
      expect(r.settings).toMatchObject({ abcCutA: 0.89, abcCutB: 0.9 });
    });
    test("a lone B below the default A", () => {
      const r = validateSettings({ abcCutB: 0.7 });
      expect(r.settings).toMatchObject({ abcCutA: 0.8, abcCutB: 0.95 });
      expect(r.errors.map((e) => e.key)).toEqual(["abcCutA"]);
    });
    test("medium margin must be below high", () => {
      const r = validateSettings({ marginMedium: 0.3 });
      expect(r.settings).toMatchObject({ marginMedium: 0.15, marginHigh: 0.3 });
      expect(r.errors[0].en).toContain("(marginMedium = 0.3) must be less than");
      expect(validateSettings({ marginMedium: 0.29 }).errors).toEqual([]);
    });
    test("fading growth must be below rising growth", () => {
      const r = validateSettings({ fadingGrowth: 0, risingGrowth: 0 });
      expect(r.settings).toMatchObject({ fadingGrowth: -0.3, risingGrowth: 0.3 });
      expect(r.errors.map((e) => e.key)).toEqual(["fadingGrowth"]);
    });
    test("weights are percentages that must add up to 100 %; some zeros are fine", () => {
      const r = validateSettings({ weightVolume: 0, weightContinuity: 0, weightPayment: 0, weightGrowth: 0 });
      expect(r.settings).toMatchObject({ weightVolume: 0.4, weightContinuity: 0.25, weightPayment: 0.2, weightGrowth: 0.15 });
      expect(r.errors).toEqual([
        {
          key: "weightVolume",
          zh: "大客户指数的四个权重合计应为 100%，现为 0%；已使用默认权重 40%/25%/20%/15%",
          en: "The four key-account weights must add up to 100 %, they add up to 0%; using the default weights 40 %/25 %/20 %/15 %",
        },
      ]);
      const over = validateSettings({ weightVolume: 0.5 });
      expect(over.errors.map((e) => e.zh)).toEqual([
        "大客户指数的四个权重合计应为 100%，现为 110%；已使用默认权重 40%/25%/20%/15%",
      ]);
      expect(over.settings.weightVolume).toBe(0.4);
      // 0.1 + 0.2 style binary fractions still add up to 100 %.
      expect(validateSettings({ weightVolume: 0.1, weightContinuity: 0.2, weightPayment: 0.3, weightGrowth: 0.4 }).errors).toEqual([]);
      const ok = validateSettings({ weightVolume: 1, weightContinuity: 0, weightPayment: 0, weightGrowth: 0 });
      expect(ok.errors).toEqual([]);
      expect(ok.settings.weightVolume).toBe(1);
    });
  });
});

describe("JSON", () => {
  test("round trip, known keys only, in spec order", () => {
    const s = { ...DEFAULT_SETTINGS, abcCutA: 0.75, cadenceStar: 10 };
    const text = settingsToJson({ ...s, extra: 1 } as any);
    expect(Object.keys(JSON.parse(text))).toEqual([...SETTING_KEYS]);
    expect(text).toContain('\n  "abcCutA": 0.75,\n');
    expect(settingsFromJson(text)).toEqual({ settings: s, errors: [] });
  });
  test("bad JSON gives defaults and one error", () => {
    const r = settingsFromJson("{ abcCutA: 0.7");
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].key).toBe("");
    expect(r.errors[0].zh).toMatch(/^设置不是有效的 JSON（.+）；已使用全部默认值$/);
    expect(r.errors[0].en).toMatch(/^Settings are not valid JSON \(.+\); using all defaults$/);
  });
  test("valid JSON with a bad value", () => {
    const r = settingsFromJson('{"abcCutA": 0.7, "lapseDays": -3}');
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, abcCutA: 0.7 });
    expect(r.errors.map((e) => e.key)).toEqual(["lapseDays"]);
  });
});

describe("settingsStore", () => {
  afterEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

  test("starts at the defaults", () => {
    expect(getCurrentSettings()).toEqual({ ...DEFAULT_SETTINGS });
  });

  test("set, listen, unsubscribe", () => {
    const heard: number[] = [];
    const off = onSettingsChange((s) => heard.push(s.abcCutA));
    setCurrentSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.7 });
    expect(getCurrentSettings().abcCutA).toBe(0.7);
    setCurrentSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.7 }); // no change: no event
    off();
    setCurrentSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.6 });
    expect(heard).toEqual([0.7]);
  });

  test("the stored copy cannot be changed behind the store's back", () => {
    const mine = { ...DEFAULT_SETTINGS, lapseDays: 100 };
    setCurrentSettings(mine);
    mine.lapseDays = 5;
    expect(getCurrentSettings().lapseDays).toBe(100);
    expect(Object.isFrozen(getCurrentSettings())).toBe(true);
  });

  test("a failing listener does not stop the others", () => {
    const heard: string[] = [];
    const off1 = onSettingsChange(() => {
      throw new Error("boom");
    });
    const off2 = onSettingsChange(() => heard.push("second"));
    setCurrentSettings({ ...DEFAULT_SETTINGS, lapseDays: 200 });
    expect(heard).toEqual(["second"]);
    off1();
    off2();
  });
});
