/**
 * Per-row formulas (=CRM.SHARE(B2, B$2:B$6) filled down): each call gets a fresh array of the same
 * population; the prepared population is reused only when every cell is the same value.
 */
import { share, abc } from "../../src/functions/impl";

const fresh = (cells: unknown[]) => cells.map((v) => [v]);

describe("reusing the prepared population between per-row calls", () => {
  test("filled down, each row agrees with the spilled form", () => {
    const cells = [50, 30, "", 15, 5];
    const spilled = share(fresh(cells));
    const perRow = cells.map((v) => share([[v]], fresh(cells))[0][0]);
    expect(perRow).toEqual(spilled.map((r) => r[0]));
    expect(perRow).toEqual([0.5, 0.8, "", 0.95, 1]);
  });

  test("a population that differs in one cell (last, same length) is prepared again", () => {
    expect(share([[30]], fresh([50, 30, 15, 5]))).toEqual([[0.8]]);
    expect(share([[30]], fresh([50, 30, 15, 105]))).toEqual([[(105 + 50 + 30) / 200]]);
  });

  test("equal-looking cells of another type are different cells", () => {
    // "50" is text that reads as 50, so the population is the same: the answer is too.
    expect(abc([[30]], fresh([50, 30, 15, 5]))).toEqual([["A"]]);
    expect(abc([[30]], fresh(["50", 30, 15, 5]))).toEqual([["A"]]);
    // An error value in place of 50 is left out: 30 is now the largest.
    expect(share([[30]], fresh([{ code: "#N/A" }, 30, 15, 5]))).toEqual([[0.6]]);
    expect(share([[30]], fresh([{ code: "#N/A" }, 30, 15, 5]))).toEqual([[0.6]]);
    expect(share([[30]], fresh([{ code: "#REF!" }, 30, 15, 5]))).toEqual([[0.6]]);
    expect(share([[30]], fresh([50, 30, 15, 5]))).toEqual([[0.8]]);
  });

  test("a population of another shape is prepared again", () => {
    expect(share([[30]], [[50, 30], [15, 5]])).toEqual([[0.8]]);
    expect(share([[30]], [[50, 30, 15, 5, 100]])).toEqual([[0.9]]);
  });
});
