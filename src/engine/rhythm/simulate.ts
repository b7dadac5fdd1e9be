/**
 * Customers drawn from the BG/NBD model itself, for tests (a fit must recover the parameters)
 * and the benchmark: each customer has a purchase rate λ ~ Gamma(r, α) and a drop-out
 * probability p ~ Beta(a, b); purchases follow a Poisson process at rate λ, and after each
 * repeat purchase the customer drops out with probability p. `rand` gives numbers in [0, 1)
 * (pass a seeded generator to get the same customers every run).
 */
import type { BgnbdParams } from "./likelihood";
import type { RhythmHistories } from "./analyse";

function normal(rand: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the U^(1/shape) boost below shape 1. */
export function gammaVariate(shape: number, rand: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, rand) * Math.pow(1 - rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function betaVariate(a: number, b: number, rand: () => number): number {
  const x = gammaVariate(a, rand);
  return x / (x + gammaVariate(b, rand));
}

/**
 * n customers observed for T days each (T drawn uniformly from [minT, maxT]). With wholeDays
 * the purchase times are dropped to whole days, as dates in a ledger are (two purchases on the
 * same day are then one purchase date); otherwise t and T are exact.
 */
export function simulateHistories(
  p: BgnbdParams,
  n: number,
  rand: () => number,
  options: { minT: number; maxT: number; wholeDays: boolean },
): RhythmHistories {
  const h: RhythmHistories = { x: new Float64Array(n), t: new Float64Array(n), T: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(p.r, rand) / p.alpha;
    const drop = betaVariate(p.a, p.b, rand);
    let T = options.minT + (options.maxT - options.minT) * rand();
    if (options.wholeDays) T = Math.floor(T);
    let x = 0;
    let t = 0;
    let lastDay = 0;
    let now = 0;
    for (;;) {
      now += -Math.log(1 - rand()) / lambda;
      if (!(now <= T)) break;
      if (options.wholeDays) {
        const day = Math.floor(now);
        if (day !== lastDay) {
          x++;
          t = day;
          lastDay = day;
        }
      } else {
        x++;
        t = now;
      }
      if (rand() < drop) break;
    }
    h.x[i] = x;
    h.t[i] = t;
    h.T[i] = T;
  }
  return h;
}
