/**
 * The special functions the BG/NBD model needs: log-gamma (with its sign, for negative
 * arguments), digamma, log-beta and the Gaussian hypergeometric function ₂F₁ on z < 1.
 * Written here (a few dozen lines each) because no npm package may be added and the engine
 * must stay pure TypeScript.
 */

const LN_SQRT_2PI = 0.9189385332046727; // ln √(2π)

/** Stirling's series for ln Γ(x), x ≥ 10 (error below 1e-16 relative there). */
function lgammaStirling(x: number): number {
  const x2 = 1 / (x * x);
  const series =
    (1 / 12 -
      x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) /
    x;
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series;
}

/** ln |Γ(x)|; +Infinity at the poles (0, −1, −2, …). */
export function logAbsGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logAbsGamma(1 - x);
  }
  if (x >= 10) return lgammaStirling(x);
  // Recurrence up to 10: ln Γ(x) = ln Γ(x+n) − ln(x (x+1) … (x+n−1)).
  let product = 1;
  let y = x;
  while (y < 10) {
    product *= y;
    y += 1;
  }
  return lgammaStirling(y) - Math.log(product);
}

/** ln Γ(x) for x > 0 (the name the formulas use). */
export function logGamma(x: number): number {
  return logAbsGamma(x);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the poles below 0; 0 at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b), a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ψ(x) = d/dx ln Γ(x), x > 0 (recurrence up to 10, then the asymptotic series). */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const y2 = 1 / (y * y);
  const series =
    y2 *
    (1 / 12 -
      y2 * (1 / 120 - y2 * (1 / 252 - y2 * (1 / 240 - y2 * (1 / 132 - y2 * (691 / 32760 - y2 / 12))))));
  return acc + Math.log(y) - 0.5 / y - series;
}

const SERIES_EPS = 1e-17;

/**
 * Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, summed until two successive terms are negligible; NaN when
 * that has not happened within maxTerms (the caller then transforms).
 */
function hypSeries(a: number, b: number, c: number, z: number, maxTerms: number): number {
  let sum = 1;
  let term = 1;
  let small = 0;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0) return sum; // a or b a non-positive integer: a polynomial
    if (!Number.isFinite(sum)) return NaN;
    if (Math.abs(term) <= SERIES_EPS * Math.abs(sum)) {
      if (++small >= 2) return sum;
    } else small = 0;
  }
  return NaN;
}

/** Γ(p)Γ(q) / (Γ(u)Γ(v)) in logs with signs; 0 when u or v is a pole (1/Γ there is 0). */
function gammaRatio(p: number, q: number, u: number, v: number): number {
  const su = gammaSign(u);
  const sv = gammaSign(v);
  if (su === 0 || sv === 0) return 0;
  const sign = gammaSign(p) * gammaSign(q) * su * sv;
  return sign * Math.exp(logAbsGamma(p) + logAbsGamma(q) - logAbsGamma(u) - logAbsGamma(v));
}

/** Below this distance from an integer, c − a − b counts as an integer (the degenerate case). */
const DEGENERATE = 1e-5;

/**
 * The connection formula at 1 − z (Abramowitz & Stegun 15.3.6), for z close to 1, where the
 * series in z converges too slowly. When c − a − b is (nearly) an integer both terms blow up
 * and cancel; ₂F₁ is analytic in c, so we average c ± 2·DEGENERATE (an O(h²) error, about
 * 1e-9 relative), the usual way round the limiting formulas with digamma sums.
 */
function hypNearOne(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  if (Math.abs(s - Math.round(s)) < DEGENERATE) {
    const h = 2 * DEGENERATE;
    return 0.5 * (hypNearOne(a, b, c - h, z) + hypNearOne(a, b, c + h, z));
  }
  const w = 1 - z;
  const first = gammaRatio(c, s, c - a, c - b);
  const second = gammaRatio(c, -s, a, b);
  const f1 = first === 0 ? 0 : first * hypSeries(a, b, 1 - s, w, 100000);
  const f2 = second === 0 ? 0 : second * Math.pow(w, s) * hypSeries(c - a, c - b, 1 + s, w, 100000);
  return f1 + f2;
}

/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for real z < 1 and c not a
 * non-positive integer. z < 0 goes through Pfaff's transformation to z/(z−1) in (0, 1);
 * z ≤ 0.75 is the plain series; closer to 1 the series is tried for 2,000 terms (it converges
 * fast when c − a − b is large) and otherwise the connection formula at 1 − z takes over.
 * Never Infinity or NaN for finite arguments in that domain (unless the value itself overflows).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite) || z >= 1) return NaN;
  if (c <= 0 && Number.isInteger(c)) return NaN;
  if (z === 0) return 1;
  if (z < 0) {
    // Pfaff: ₂F₁(a, b; c; z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  if (z <= 0.75) return hypSeries(a, b, c, z, 100000);
  const direct = hypSeries(a, b, c, z, 2000);
  if (Number.isFinite(direct)) return direct;
  return hypNearOne(a, b, c, z);
}
