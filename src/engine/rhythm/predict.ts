/**
 * What a fitted BG/NBD model says about one customer (METHOD.md §13): P(alive) and the
 * expected number of orders in the next H days (Fader, Hardie & Lee 2005, eq. 10).
 */
import type { BgnbdParams } from "./likelihood";
import { hyp2f1 } from "./special";

/**
 * ln of the odds a/(b+x−1) · ((α+T)/(α+t))^(r+x) that the customer has dropped out; −Infinity
 * for x = 0 (no repeat purchase: the model says nobody drops out before buying again).
 */
function logDropOdds(p: BgnbdParams, x: number, t: number, T: number): number {
  if (x <= 0) return -Infinity;
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + t));
}

/** P(alive) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t))^(r+x)). */
export function pAlive(p: BgnbdParams, x: number, t: number, T: number): number {
  const z = logDropOdds(p, x, t, T);
  // 1/(1+e^z) written so that neither branch overflows.
  return z > 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/** Within this distance of a = 1 or of a+b+x−1 = 0 the formula is 0/0 (a removable singularity). */
const SINGULAR = 1e-5;

function expectedRaw(p: BgnbdParams, x: number, t: number, T: number, H: number): number {
  const { r, alpha, a, b } = p;
  const c = a + b + x - 1;
  const z = H / (alpha + T + H);
  // ((α+T)/(α+T+H))^(r+x) · ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; c; z) (Euler's
  // transformation): the right side has small upper parameters, so its series never overflows.
  const tail = Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  return (c / (a - 1)) * (1 - tail) * pAlive(p, x, t, T);
}

/**
 * Expected orders in the next H days:
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+H))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; H/(α+T+H))] · P(alive).
 * Valid for a < 1 as well (both factors turn negative). At a = 1 (and at a+b+x−1 = 0, possible
 * only for x = 0) the expression is 0/0 with a finite limit: we average a ± 2e-5 there
 * (b ± 2e-5 for the second).
 * Never negative (rounding below 0 is clipped) and never NaN for finite inputs.
 */
export function expectedOrders(p: BgnbdParams, x: number, t: number, T: number, H: number): number {
  if (!(H > 0)) return 0;
  const c = p.a + p.b + x - 1;
  let e: number;
  const h = 2 * SINGULAR;
  if (Math.abs(p.a - 1) < SINGULAR) {
    e = 0.5 * (expectedRaw({ ...p, a: p.a - h }, x, t, T, H) + expectedRaw({ ...p, a: p.a + h }, x, t, T, H));
  } else if (Math.abs(c) < SINGULAR) {
    // x = 0 and a + b = 1: b (not a, which may be tiny) moves.
    e = 0.5 * (expectedRaw({ ...p, b: p.b - h }, x, t, T, H) + expectedRaw({ ...p, b: p.b + h }, x, t, T, H));
  } else e = expectedRaw(p, x, t, T, H);
  return e > 0 ? e : 0;
}
