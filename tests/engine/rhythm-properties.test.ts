/**
 * §13 on made-up data: a fit on customers drawn from known parameters recovers them, and
 * P(alive) and expected orders stay in range for any history (fast-check).
 */
import fc from "fast-check";
import { mulberry32 } from "../../scripts/prng";
import {
  analyseRhythm,
  DEFAULT_RHYTHM_SETTINGS,
  expectedOrders,
  fitBgnbd,
  groupHistories,
  pAlive,
  simulateHistories,
} from "../../src/engine/rhythm";

describe("a fit on simulated customers recovers the parameters", () => {
  const truth = { r: 0.25, alpha: 30, a: 0.8, b: 2.5 };

  test("50,000 customers (exact times), seed 2026: r and α within 5 %, a and b within 15 %", () => {
    const h = simulateHistories(truth, 50_000, mulberry32(2026), { minT: 270, maxT: 365, wholeDays: false });
    const fit = fitBgnbd(groupHistories(h.x, h.t, h.T));
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.r / truth.r - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.alpha / truth.alpha - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.a / truth.a - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.b / truth.b - 1)).toBeLessThan(0.15);
  });

  test("whole days, as a ledger gives them, 20,000 customers: a fit with r within 10 %", () => {
    const h = simulateHistories(truth, 20_000, mulberry32(7), { minT: 270, maxT: 365, wholeDays: true });
    const a = analyseRhythm(h, DEFAULT_RHYTHM_SETTINGS);
    expect(a.blankReason).toBeNull();
    expect(Math.abs(a.fit!.r / truth.r - 1)).toBeLessThan(0.1);
  });
});

describe("properties for any x, t ≤ T (days, up to ten years)", () => {
  // x distinct purchase dates after the first fit in t days, so x ≤ t when x ≥ 1.
  const history = fc
    .record({ x: fc.integer({ min: 0, max: 100 }), extraT: fc.integer({ min: 0, max: 3550 }), gap: fc.integer({ min: 0, max: 3650 }) })
    .map(({ x, extraT, gap }) => {
      const t = x === 0 ? 0 : x + extraT;
      return { x, t, T: Math.min(t + gap, 3650 + 100) };
    });
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.5, max: 500, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 10, noNaN: true }),
  });

  test("P(alive) is in (0, 1], and 1 when x = 0", () => {
    fc.assert(
      fc.property(params, history, (p, { x, t, T }) => {
        const v = pAlive(p, x, t, T);
        return v > 0 && v <= 1 && (x > 0 || v === 1);
      }),
      { numRuns: 500 },
    );
  });

  test("expected orders are finite and ≥ 0, for horizons from a day to ten years", () => {
    fc.assert(
      fc.property(params, history, fc.integer({ min: 1, max: 3650 }), (p, { x, t, T }, H) => {
        const e = expectedOrders(p, x, t, T, H);
        return Number.isFinite(e) && e >= 0;
      }),
      { numRuns: 500 },
    );
  });
});
