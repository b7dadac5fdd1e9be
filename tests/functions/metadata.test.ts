/**
 * The custom-functions metadata (generated from functions.ts JSDoc, as the webpack plugin does)
 * and its zh-CN translation (scripts/functions-zh-cn.js) describe the same functions.
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translateMetadata } = require("../../scripts/functions-zh-cn.js") as {
  translateMetadata: (m: unknown, map?: unknown) => Metadata;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zhMap = require("../../src/functions/zh-CN.json") as Record<string, { name: string; parameters: Record<string, { name: string }> }>;

interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result?: { dimensionality?: string };
}
interface Metadata {
  functions: Fn[];
}

const CJK = /[\u4e00-\u9fff]/;
const EXPECTED_IDS = [
  "CLASSIFY",
  "TIER",
  "ABC",
  "SHARE",
  "KEYINDEX",
  "POTENTIAL",
  "LEVEL",
  "NEXTACTION",
  "NEXTCONTACT",
  "STRATEGY",
  "RFM",
  "HOLIDAY",
  "FROMORDERS",
  "PALIVE",
  "RHYTHMFIT",
];

let en: Metadata;
let zh: Metadata;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(path.join(__dirname, "../../src/functions/functions.ts"));
  expect(generated.errors).toEqual([]);
  en = JSON.parse(generated.metadataJson) as Metadata;
  zh = translateMetadata(en);
}, 60_000);

describe("generated metadata", () => {
  test("declares exactly the CRM functions, each returning a matrix", () => {
    expect(en.functions.map((f) => f.id)).toEqual(EXPECTED_IDS);
    for (const f of en.functions) expect(f.result?.dimensionality).toBe("matrix");
  });

  test("parameter counts as designed", () => {
    const counts = Object.fromEntries(en.functions.map((f) => [f.id, f.parameters.length]));
    expect(counts).toEqual({
      CLASSIFY: 2,
      TIER: 9,
      ABC: 2,
      SHARE: 2,
      KEYINDEX: 6,
      POTENTIAL: 1,
      LEVEL: 4,
      NEXTACTION: 12,
      NEXTCONTACT: 11,
      STRATEGY: 4,
      RFM: 3,
      HOLIDAY: 2,
      FROMORDERS: 7,
      PALIVE: 7,
      RHYTHMFIT: 3,
    });
  });

  test("today and language are optional scalars wherever they appear", () => {
    for (const f of en.functions) {
      for (const p of f.parameters.filter((q) => q.name === "today" || q.name === "language")) {
        expect([f.id, p.name, p.optional, p.dimensionality]).toEqual([f.id, p.name, true, undefined]);
      }
    }
  });
});

describe("zh-CN metadata (translateMetadata)", () => {
  test("same ids, parameter counts, types, dimensionality and optionality as the en metadata", () => {
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    zh.functions.forEach((f, k) => {
      const e = en.functions[k];
      expect(f.parameters.length).toBe(e.parameters.length);
      expect(f.result).toEqual(e.result);
      f.parameters.forEach((p, j) => {
        const q = e.parameters[j];
        expect([f.id, p.type, p.dimensionality, p.optional]).toEqual([f.id, q.type, q.dimensionality, q.optional]);
      });
    });
  });

  test("every function name, description and parameter name is Chinese", () => {
    for (const f of zh.functions) {
      expect([f.id, CJK.test(f.name)]).toEqual([f.id, true]);
      expect([f.id, CJK.test(f.description ?? "")]).toEqual([f.id, true]);
      for (const p of f.parameters) expect([f.id, p.name, CJK.test(p.name)]).toEqual([f.id, p.name, true]);
    }
  });

  test("the names asked for", () => {
    const names = Object.fromEntries(zh.functions.map((f) => [f.id, f.name]));
    expect(names).toEqual({
      CLASSIFY: "客户分级",
      TIER: "客户等级",
      ABC: "ABC分类",
      SHARE: "累计占比",
      KEYINDEX: "大客户指数",
      POTENTIAL: "潜力得分",
      LEVEL: "关系水平",
      NEXTACTION: "下一步行动",
      NEXTCONTACT: "下次联系日期",
      STRATEGY: "销售策略",
      RFM: "RFM评分",
      HOLIDAY: "下个节日",
      FROMORDERS: "订单汇总",
      PALIVE: "活跃概率",
      RHYTHMFIT: "购买节奏拟合",
    });
  });

  test("function names are unique and parameter names unique within a function", () => {
    const names = zh.functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of zh.functions) {
      const ps = f.parameters.map((p) => p.name);
      expect([f.id, new Set(ps).size]).toEqual([f.id, ps.length]);
    }
  });

  test("every zh-CN map entry's name matches /[\\u4e00-\\u9fff]/ and names a real function", () => {
    for (const [id, t] of Object.entries(zhMap)) {
      expect([id, CJK.test(t.name)]).toEqual([id, true]);
      expect(EXPECTED_IDS).toContain(id);
    }
  });

  test("does not modify its input", () => {
    expect(en.functions[0].name).toBe("CLASSIFY");
    expect(en.functions[0].parameters[0].name).toBe("table");
  });

  test("accepts the JSON text as well as the object", () => {
    expect(translateMetadata(JSON.stringify(en))).toEqual(zh);
  });

  test("throws naming the function when one has no translation", () => {
    const extra: Metadata = {
      functions: [...en.functions, { id: "NEWFN", name: "NEWFN", parameters: [{ name: "x", type: "number" }] }],
    };
    expect(() => translateMetadata(extra)).toThrow(/NEWFN/);
  });

  test("throws naming the parameter when one has no translation", () => {
    const tierFn = en.functions.find((f) => f.id === "TIER")!;
    const extra: Metadata = {
      functions: [{ ...tierFn, parameters: [...tierFn.parameters, { name: "region", type: "any" }] }],
    };
    expect(() => translateMetadata(extra)).toThrow(/region.*TIER/);
  });

  test("throws when a translated name has no Chinese characters", () => {
    const map = { ABC: { name: "ABC", description: "x", parameters: {} } };
    expect(() => translateMetadata({ functions: [{ id: "ABC", name: "ABC", parameters: [] }] }, map)).toThrow(/ABC/);
  });

  test("throws on metadata without a functions array", () => {
    expect(() => translateMetadata({})).toThrow(/functions/);
  });
});
