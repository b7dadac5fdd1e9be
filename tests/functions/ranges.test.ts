import { FunctionError } from "../../src/functions/errors";
import { alignArg, baseCells, cellPlace, mapShape, normalizeCell, toMatrix } from "../../src/functions/ranges";

describe("argument shapes", () => {
  test("scalars become 1×1, a 1-D array one row", () => {
    expect(toMatrix(5, "x")).toEqual([[5]]);
    expect(toMatrix([1, 2], "x")).toEqual([[1, 2]]);
    expect(toMatrix([[1], [2]], "x")).toEqual([[1], [2]]);
  });

  test("ragged or empty ranges are #VALUE! naming the argument", () => {
    expect(() => toMatrix([[1, 2], [3]], "orders")).toThrow(/orders/);
    expect(() => toMatrix([], "orders")).toThrow(FunctionError);
  });

  test("an aligned argument of the same shape reads cell by cell (row-major)", () => {
    const base = baseCells([[1, 2], [3, 4]], "values");
    const at = alignArg([["a", "b"], ["c", "d"]], base.shape, "tier", "values")!;
    expect([at(0), at(1), at(2), at(3)]).toEqual(["a", "b", "c", "d"]);
  });

  test("a single cell applies to every row; omitted is null", () => {
    const shape = { rows: 3, cols: 1 };
    const at = alignArg([[7]], shape, "orders", "values")!;
    expect([at(0), at(2)]).toEqual([7, 7]);
    expect(alignArg(undefined, shape, "orders", "values")).toBeNull();
    expect(alignArg(null, shape, "orders", "values")).toBeNull();
  });

  test("a mismatched size is #VALUE! with both sizes in the message", () => {
    const shape = { rows: 3, cols: 1 };
    let err: unknown;
    try {
      alignArg([[1], [2]], shape, "orders", "values");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FunctionError);
    expect((err as FunctionError).code).toBe("#VALUE!");
    expect((err as FunctionError).message).toBe(
      "参数 orders 的大小（2×1）与 values（3×1）不同，应相同或为一个单元格 / Argument orders is 2×1 but values is 3×1: use the same size or a single cell",
    );
  });

  test("error objects become their error text; other objects are unreadable", () => {
    expect(normalizeCell({ code: "#N/A", message: "x" })).toBe("#N/A");
    expect(normalizeCell({ error: "#REF!" })).toBe("#REF!");
    expect(normalizeCell({ type: "String", basicValue: "abc" })).toBe("abc");
    expect(normalizeCell({ foo: 1 })).toBe("#VALUE!");
    expect(normalizeCell(undefined)).toBeNull();
    expect(normalizeCell(true)).toBe(true);
  });

  test("mapShape and cellPlace", () => {
    expect(mapShape({ rows: 2, cols: 2 }, (i) => i * 10)).toEqual([[0, 10], [20, 30]]);
    expect(cellPlace(2, { rows: 5, cols: 1 })).toEqual({ zh: "第3行", en: "row 3" });
    expect(cellPlace(3, { rows: 2, cols: 2 })).toEqual({ zh: "第2行第2列", en: "row 2, column 2" });
  });

});
