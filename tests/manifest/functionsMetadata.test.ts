/**
 * The en and zh-CN custom-functions metadata the manifest points at must describe the same
 * functions. Generated here exactly as the build does (custom-functions-metadata reads the
 * JSDoc of src/functions/functions.ts; scripts/functions-zh-cn.js translates), so no build is needed.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const ROOT = path.resolve(__dirname, "../..");

interface FnMeta {
  id: string;
  name: string;
  description?: string;
  parameters?: { name: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result?: unknown;
  options?: unknown;
}
interface Metadata {
  functions: FnMeta[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translateMetadata } = require("../../scripts/functions-zh-cn.js") as {
  translateMetadata: (m: Metadata) => Metadata;
};

let en: Metadata;
let zh: Metadata;

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"), false);
  expect(result.errors).toEqual([]);
  en = JSON.parse(result.metadataJson) as Metadata;
  zh = translateMetadata(en);
}, 60_000);

describe("custom-functions metadata, en and zh-CN", () => {
  test("there are functions, with unique upper-case ids", () => {
    expect(en.functions.length).toBeGreaterThan(0);
    const ids = en.functions.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
  });

  test("zh-CN has the same ids, in the same order", () => {
    expect(zh.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
  });

  test("zh-CN has the same parameters: count, type, shape and optionality", () => {
    const shape = (m: Metadata) =>
      m.functions.map((f) => ({
        id: f.id,
        params: (f.parameters ?? []).map((p) => [p.type, p.dimensionality, p.optional ?? false]),
        result: f.result,
        options: f.options,
      }));
    expect(shape(zh)).toEqual(shape(en));
  });

  test("zh-CN names are Chinese and unique", () => {
    const names = zh.functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/[\u4e00-\u9fff]/);
  });

  test("translation does not change the en metadata it is given", () => {
    const before = JSON.stringify(en);
    translateMetadata(en);
    expect(JSON.stringify(en)).toBe(before);
  });

  test("a function without a translation is an error, not a silent English fallback", () => {
    const extra: Metadata = { functions: [...en.functions, { id: "NOT_TRANSLATED", name: "NOT_TRANSLATED", parameters: [] }] };
    expect(() => translateMetadata(extra)).toThrow(/NOT_TRANSLATED/);
  });
});
