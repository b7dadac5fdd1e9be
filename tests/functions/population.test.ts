import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { Abc } from "../../src/engine/types";
import { abcOf, buildPopulation, countGreater, cumShareOf, place, volumePctOf } from "../../src/functions/population";

describe("population lookups", () => {
  // Population 50, 30, 15, 5 (total 100), with a blank (NaN) and a negative (counts as 0).
  const pop = buildPopulation(Float64Array.from([30, NaN, 5, 50, -2, 15]));

  test("sorted largest first with prefix sums; negative counts as 0, unknown left out", () => {
    expect(Array.from(pop.sorted)).toEqual([50, 30, 15, 5, 0]);
    expect(Array.from(pop.prefix)).toEqual([0, 50, 80, 95, 100, 100]);
    expect(pop.total).toBe(100);
  });

  test("countGreater is strict", () => {
    expect(countGreater(pop, 50)).toBe(0);
    expect(countGreater(pop, 30)).toBe(1);
    expect(countGreater(pop, 29)).toBe(2);
    expect(countGreater(pop, 0)).toBe(4);
    expect(countGreater(pop, 1000)).toBe(0);
  });

  test("a value present in the population is located in it (total unchanged)", () => {
    expect(place(pop, 30)).toEqual({ before: 50, total: 100, rank: 2, n: 5, value: 30 });
  });

  test("a value absent from the population is added to it (joins the total and the count)", () => {
    expect(place(pop, 20)).toEqual({ before: 80, total: 120, rank: 3, n: 6, value: 20 });
  });

  test("ABC at the cut points: before exactly 80% of the total is B, exactly 95% is C", () => {
    const s = DEFAULT_SETTINGS;
    expect(abcOf(50, place(pop, 50), s)).toBe(Abc.A); // before 0
    expect(abcOf(30, place(pop, 30), s)).toBe(Abc.A); // before 50 < 80
    expect(abcOf(15, place(pop, 15), s)).toBe(Abc.B); // before 80 = 0.80 × 100 → not A
    expect(abcOf(5, place(pop, 5), s)).toBe(Abc.C); // before 95 = 0.95 × 100 → not B
    expect(abcOf(0, place(pop, 0), s)).toBe(Abc.C); // 0 is always C
  });

  test("total 0 makes everyone C", () => {
    const zero = buildPopulation(Float64Array.from([0, 0]));
    expect(abcOf(0, place(zero, 0), DEFAULT_SETTINGS)).toBe(Abc.C);
    expect(cumShareOf(0, place(zero, 0))).toBe(0);
  });

  test("cumulative share: this value and all bigger ones over the total", () => {
    expect(cumShareOf(50, place(pop, 50))).toBe(0.5);
    expect(cumShareOf(30, place(pop, 30))).toBe(0.8);
    expect(cumShareOf(5, place(pop, 5))).toBe(1);
    expect(cumShareOf(20, place(pop, 20))).toBe(100 / 120); // added: (80 + 20) / 120
  });

  test("volumePct: 1 − (rank − 1)/(n − 1), equal values share the better rank, n = 1 gives 1", () => {
    expect(volumePctOf(place(pop, 50))).toBe(1);
    expect(volumePctOf(place(pop, 15))).toBe(0.5); // rank 3 of 5
    expect(volumePctOf(place(pop, 0))).toBe(0); // rank 5 of 5
    const ties = buildPopulation(Float64Array.from([10, 10, 5]));
    expect(volumePctOf(place(ties, 10))).toBe(1);
    expect(volumePctOf(place(buildPopulation(Float64Array.from([7])), 7))).toBe(1);
  });

  test("empty population: an added value is alone (A, share 1, volume 1)", () => {
    const empty = buildPopulation(new Float64Array(0));
    const at = place(empty, 10);
    expect(at).toEqual({ before: 0, total: 10, rank: 1, n: 1, value: 10 });
    expect(abcOf(10, at, DEFAULT_SETTINGS)).toBe(Abc.A);
    expect(cumShareOf(10, at)).toBe(1);
    expect(volumePctOf(at)).toBe(1);
  });
});
