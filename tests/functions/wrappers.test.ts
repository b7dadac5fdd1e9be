/** functions.ts wrappers: never an uncaught exception, only #VALUE! errors; CustomFunctions.Error when the runtime exists. */
import fc from "fast-check";
import { FunctionError, guard, invalidValue } from "../../src/functions/errors";
import { CRM_FUNCTIONS } from "../../src/functions/functions";
import { settingsLoaded } from "../../src/functions/settingsGate";

// The task pane has put the workbook's settings in force (see settingsGate.test.ts for the wait).
beforeAll(() => settingsLoaded());

const T = 46000;

const cellArb = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom("是", "否", "#N/A", "1.2万", "30%", "2026-03-05", "abc", "天王巨星", "Star", "A", "强", "=1+1", "12-23"),
  fc.string({ maxLength: 6 }),
  fc.constant({ code: "#REF!" }),
);
const rangeArb = fc.oneof(
  fc.array(fc.array(cellArb, { minLength: 1, maxLength: 3 }).map((r) => r), { minLength: 1, maxLength: 6 }),
  cellArb,
  fc.constant(undefined),
  fc.constant([]),
);

describe("wrappers", () => {
  test("random arguments to every function return a result or reject with #VALUE!, nothing else", async () => {
    const fns = Object.values(CRM_FUNCTIONS) as ((...a: unknown[]) => Promise<unknown>)[];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: fns.length - 1 }), fc.array(rangeArb, { minLength: 0, maxLength: 12 }), async (k, args) => {
        try {
          const out = await fns[k](...args);
          expect(Array.isArray(out)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FunctionError);
          expect((e as FunctionError).code).toBe("#VALUE!");
        }
      }),
      { numRuns: 400 },
    );
  });

  test("a wrapper returns the helper's result", async () => {
    expect(await CRM_FUNCTIONS.ABC([[50], [30], [15], [5]])).toEqual([["A"], ["A"], ["B"], ["C"]]);
    expect(await CRM_FUNCTIONS.HOLIDAY(T, "en")).toEqual([["New Year's Day", 46023]]);
  });

  test("guard turns an unexpected exception into #VALUE! with its message", () => {
    let caught: unknown;
    try {
      guard(() => {
        throw new TypeError("boom");
      });
    } catch (e) {
      caught = e;
    }
    expect((caught as FunctionError).code).toBe("#VALUE!");
    expect((caught as FunctionError).message).toBe("内部错误：boom / Internal error: boom");
  });
});

describe("with the CustomFunctions runtime present", () => {
  class FakeCfError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: FakeCfError, ErrorCode: { invalidValue: "#VALUE!" } };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  });

  test("errors are CustomFunctions.Error(invalidValue, message), thrown for shapes and returned per cell", async () => {
    const e = invalidValue("x");
    expect(e).toBeInstanceOf(FakeCfError);
    expect([e.code, e.message]).toEqual(["#VALUE!", "x"]);
    await expect(CRM_FUNCTIONS.TIER([[1], [2]], [[1]], [[1], [2], [3]])).rejects.toBeInstanceOf(FakeCfError);
    const out = await CRM_FUNCTIONS.ABC([[1], ["abc"]]);
    expect(out[1][0]).toBeInstanceOf(FakeCfError);
  });

  test("guard lets a CustomFunctions.Error through unchanged", () => {
    const e = invalidValue("keep me");
    let caught: unknown;
    try {
      guard(() => {
        throw e;
      });
    } catch (x) {
      caught = x;
    }
    expect(caught).toBe(e);
  });
});
