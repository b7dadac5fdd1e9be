/**
 * Per-row formulas (=CRM.SHARE(B2, B$2:B$6) filled down): each call gets a fresh array of the same
 * population; the prepared population is reused only when every cell is the same value.
 */
import { share, abc } from "../../src/functions/impl";
import { preparePopulation, samePopulationCells } from "../../src/functions/population";

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
    expect(
      share(
        [[30]],
        [
          [50, 30],
          [15, 5],
        ],
      ),
    ).toEqual([[0.8]]);
    expect(share([[30]], [[50, 30, 15, 5, 100]])).toEqual([[0.9]]);
  });
});

describe("recognising the same population (population.ts samePopulationCells)", () => {
  // Kept from the column 50, 30, "", 15, 5, 8, 2 (7 cells: first index 0, middle 3, last 6).
  const base: unknown[] = [50, 30, "", 15, 5, 8, 2];
  const kept = preparePopulation(fresh(base)).cells;
  const withCell = (k: number, v: unknown) => fresh(base.map((x, i) => (i === k ? v : x)));

  test("the same cells in fresh arrays are the same population", () => {
    expect(samePopulationCells(fresh(base), kept)).toBe(true);
    expect(samePopulationCells(fresh([50, 30, "", 15, 5, 8, 2]), kept)).toBe(true);
  });

  test("one different cell anywhere is another population: first, middle, last (O(1) probes) or in between (the full pass)", () => {
    expect(samePopulationCells(withCell(0, 51), kept)).toBe(false);
    expect(samePopulationCells(withCell(3, 16), kept)).toBe(false);
    expect(samePopulationCells(withCell(6, 3), kept)).toBe(false);
    expect(samePopulationCells(withCell(1, 31), kept)).toBe(false);
    expect(samePopulationCells(withCell(5, 8.000000000000002), kept)).toBe(false);
  });

  test('another type is another cell: 1 vs "1", a number vs text, blank vs empty text, true vs 1', () => {
    const ones = preparePopulation(fresh([1, 2, 3])).cells;
    expect(samePopulationCells(fresh(["1", 2, 3]), ones)).toBe(false);
    expect(samePopulationCells(fresh([1, "2", 3]), ones)).toBe(false);
    expect(samePopulationCells(fresh([true, 2, 3]), ones)).toBe(false);
    expect(samePopulationCells(withCell(2, null), kept)).toBe(false);
    expect(samePopulationCells(withCell(2, undefined), kept)).toBe(false);
    expect(samePopulationCells(withCell(4, "5"), kept)).toBe(false);
  });

  test("an error value is compared by its text, which is all the population reads from it", () => {
    const na = preparePopulation(fresh([50, { code: "#N/A" }, 15, 5])).cells;
    expect(samePopulationCells(fresh([50, { code: "#N/A" }, 15, 5]), na)).toBe(true);
    expect(samePopulationCells(fresh([50, { error: "#N/A" }, 15, 5]), na)).toBe(true);
    expect(samePopulationCells(fresh([50, { code: "#REF!" }, 15, 5]), na)).toBe(false);
    expect(samePopulationCells(fresh([50, 30, 15, 5]), na)).toBe(false);
    expect(samePopulationCells(withCell(1, { code: "#N/A" }), kept)).toBe(false);
  });

  test("another size or shape, or a row that is not an array, is never the same population", () => {
    expect(samePopulationCells(fresh(base.slice(0, 6)), kept)).toBe(false);
    expect(samePopulationCells(fresh([...base, 1]), kept)).toBe(false);
    expect(samePopulationCells([base], kept)).toBe(false);
    expect(samePopulationCells(base, kept)).toBe(false);
    expect(samePopulationCells(50, kept)).toBe(false);
    const rows = fresh(base);
    rows[1] = [30, 0];
    expect(samePopulationCells(rows, kept)).toBe(false);
    rows[1] = null as unknown as unknown[];
    expect(samePopulationCells(rows, kept)).toBe(false);
    const text = preparePopulation([["a"], ["b"], ["c"]]).cells;
    expect(samePopulationCells([["a"], "b", ["c"]], text)).toBe(false);
  });

  test("in a column compared four rows a step, a change in any row, unrolled or left over, is seen", () => {
    // 11 rows: rows 0–7 in the four-a-step loop, 8–10 in the one-a-step tail; text in both parts.
    const cells = [5, 1.5, "x", 7, 0, 9, 2.25, 3, "y", 4, 8];
    const kept = preparePopulation(fresh(cells)).cells;
    expect(samePopulationCells(fresh(cells), kept)).toBe(true);
    for (let k = 0; k < cells.length; k++) {
      const other = typeof cells[k] === "number" ? (cells[k] as number) + 0.5 : "z";
      const changed = fresh(cells);
      changed[k] = [other];
      expect([k, samePopulationCells(changed, kept)]).toEqual([k, false]);
      const asText = fresh(cells);
      asText[k] = [String(cells[k]) + (typeof cells[k] === "number" ? "" : "!")];
      expect([k, samePopulationCells(asText, kept)]).toEqual([k, false]);
      const nullRow = fresh(cells);
      nullRow[k] = null as unknown as unknown[];
      expect([k, samePopulationCells(nullRow, kept)]).toEqual([k, false]);
      const wide = fresh(cells);
      wide[k] = [cells[k], 1];
      expect([k, samePopulationCells(wide, kept)]).toEqual([k, false]);
    }
    // A row that is a string of one character is not a row, even when that character is the cell.
    const bare = fresh(cells) as unknown[];
    bare[2] = "x";
    expect(samePopulationCells(bare, kept)).toBe(false);
    bare[2] = ["x"];
    bare[8] = "y";
    expect(samePopulationCells(bare, kept)).toBe(false);
  });

  test("a block of several columns is compared cell by cell, row-major", () => {
    const block = preparePopulation([
      [50, 30],
      [15, 5],
      [8, 2],
    ]).cells;
    expect(
      samePopulationCells(
        [
          [50, 30],
          [15, 5],
          [8, 2],
        ],
        block,
      ),
    ).toBe(true);
    expect(
      samePopulationCells(
        [
          [50, 30],
          [15, 5],
          [2, 8],
        ],
        block,
      ),
    ).toBe(false);
    expect(
      samePopulationCells(
        [
          [50, 30],
          [15, 6],
          [8, 2],
        ],
        block,
      ),
    ).toBe(false);
    expect(
      samePopulationCells(
        [
          [50, 31],
          [15, 5],
          [8, 2],
        ],
        block,
      ),
    ).toBe(false);
    expect(
      samePopulationCells(
        [
          [50, 30, 15],
          [5, 8, 2],
        ],
        block,
      ),
    ).toBe(false);
  });
});

describe("per-row results after a population that differs in one cell", () => {
  // Population 50, 30, 15, 5, 8, 2 (total 110): 30 has 50 above it, so its share is 80/110.
  const base: unknown[] = [50, 30, 15, 5, 8, 2];
  const withCell = (k: number, v: unknown) => fresh(base.map((x, i) => (i === k ? v : x)));

  test("in its last cell", () => {
    expect(share([[30]], fresh(base))).toEqual([[80 / 110]]);
    expect(share([[30]], withCell(5, 62))).toEqual([[(62 + 50 + 30) / 170]]);
    expect(share([[30]], fresh(base))).toEqual([[80 / 110]]);
  });

  test("in a middle cell, and in a cell between the probes", () => {
    expect(share([[30]], fresh(base))).toEqual([[80 / 110]]);
    expect(share([[30]], withCell(3, 45))).toEqual([[(50 + 45 + 30) / 150]]);
    expect(share([[30]], withCell(4, 48))).toEqual([[(50 + 48 + 30) / 150]]);
    expect(share([[30]], fresh(base))).toEqual([[80 / 110]]);
  });

  test('by type: "15" reads as 15 (same answer), true does not read as a number (left out)', () => {
    expect(share([[30]], withCell(2, "15"))).toEqual([[80 / 110]]);
    expect(share([[30]], withCell(2, 15))).toEqual([[80 / 110]]);
    // 8 has 50 + 30 + 15 = 95 of 110 above it (86.4 %, at least 80 %, under 95 %): B.
    expect(abc([[8]], withCell(2, "15"))).toEqual([["B"]]);
    expect(abc([[8]], withCell(2, 15))).toEqual([["B"]]);
    expect(share([[30]], withCell(2, true))).toEqual([[80 / 95]]);
  });

  test("by an error value, which is left out", () => {
    expect(share([[30]], fresh(base))).toEqual([[80 / 110]]);
    expect(share([[30]], withCell(0, { code: "#N/A" }))).toEqual([[30 / 60]]);
    expect(share([[30]], withCell(0, { code: "#DIV/0!" }))).toEqual([[30 / 60]]);
    expect(share([[30]], fresh(base))).toEqual([[80 / 110]]);
  });
});
