/**
 * The BG/NBD log-likelihood of METHOD.md §13 (Fader, Hardie & Lee 2005, eq. 6), in logs:
 *   ln L = logsumexp(ℓ₁, ℓ₂) with
 *   ℓ₁ = ln B(a, b+x) − ln B(a, b) + ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T)
 *   ℓ₂ = ln B(a+1, b+x−1) − ln B(a, b) + ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+t)  (x > 0)
 * and its gradient with respect to (ln r, ln α, ln a, ln b), summed over grouped customers.
 * Everything that depends on x alone is computed once per distinct x.
 */
import { digamma, logBeta, logGamma } from "./special";
import type { RhythmGroups } from "./summary";

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** ln B(a, b+x) − ln B(a, b) for x ≥ 0, and B(a+1, b+x−1)/B(a, b) in logs = that + ln a − ln(b+x−1). */
function logBetaRatio(a: number, b: number, x: number): number {
  return logGamma(b + x) - logGamma(a + b + x) - logGamma(b) + logGamma(a + b);
}

/** One customer's log-likelihood (for checks and CRM.RHYTHMFIT's single rows). */
export function customerLogLikelihood(p: BgnbdParams, x: number, t: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const l1 = logBetaRatio(a, b, x) + common - (r + x) * Math.log(alpha + T);
  if (x === 0) return l1;
  const l2 = logBeta(a + 1, b + x - 1) - logBeta(a, b) + common - (r + x) * Math.log(alpha + t);
  const m = Math.max(l1, l2);
  return m + Math.log1p(Math.exp(-Math.abs(l1 - l2)));
}

/** Grouped data plus the per-x customer counts and scratch arrays the evaluations reuse. */
export interface PreparedData {
  groups: RhythmGroups;
  /** Customers with each x (index x). */
  perX: Float64Array;
  c1: Float64Array;
  w2ByX: Float64Array;
  /**
   * When every t and T is a whole number of days below 2^22, ln(α+d) and 1/(α+d) are computed
   * once per day d rather than per group (the usual case: dates from a ledger).
   */
  logDay: Float64Array | null;
  invDay: Float64Array | null;
}

const DAY_TABLE_LIMIT = 1 << 22;

export function prepare(groups: RhythmGroups): PreparedData {
  const perX = new Float64Array(groups.maxX + 1);
  let maxDay = 0;
  let whole = true;
  for (let g = 0; g < groups.size; g++) {
    perX[groups.x[g]] += groups.count[g];
    const T = groups.T[g];
    if (!Number.isInteger(T) || !Number.isInteger(groups.t[g])) whole = false;
    if (T > maxDay) maxDay = T;
  }
  whole = whole && maxDay < DAY_TABLE_LIMIT;
  return {
    groups,
    perX,
    c1: new Float64Array(groups.maxX + 1),
    w2ByX: new Float64Array(groups.maxX + 1),
    logDay: whole ? new Float64Array(maxDay + 1) : null,
    invDay: whole ? new Float64Array(maxDay + 1) : null,
  };
}

/**
 * Σ count · ln L over the groups at exp(theta) = (r, α, a, b); when grad is given it receives
 * ∂(Σ ln L)/∂theta. Returns −Infinity (never NaN) when the parameters are unusable.
 */
export function logLikelihood(data: PreparedData, theta: ArrayLike<number>, grad?: Float64Array): number {
  const r = Math.exp(theta[0]);
  const alpha = Math.exp(theta[1]);
  const a = Math.exp(theta[2]);
  const b = Math.exp(theta[3]);
  if (![r, alpha, a, b].every((v) => v > 0 && Number.isFinite(v))) return -Infinity;
  const { groups, perX, c1, w2ByX } = data;
  const lnA = Math.log(alpha);
  const lnGr = logGamma(r);
  const lnGb = logGamma(b);
  const lnGab = logGamma(a + b);
  const lna = Math.log(a);
  const maxX = groups.maxX;
  for (let x = 0; x <= maxX; x++) {
    if (perX[x] === 0) continue;
    c1[x] = logGamma(r + x) - lnGr + r * lnA + logGamma(b + x) - logGamma(a + b + x) - lnGb + lnGab;
    w2ByX[x] = 0;
  }
  const { x: gx, t: gt, T: gT, count } = groups;
  const { logDay, invDay } = data;
  const table = logDay !== null && invDay !== null;
  if (table) {
    for (let d = 0; d < logDay.length; d++) {
      logDay[d] = Math.log(alpha + d);
      invDay[d] = 1 / (alpha + d);
    }
  }
  let ll = 0;
  let sumLogW = 0; // Σ n (w₁ ln(α+T) + w₂ ln(α+t))
  let sumInvW = 0; // Σ n (r+x) (w₁/(α+T) + w₂/(α+t))
  for (let g = 0; g < groups.size; g++) {
    const x = gx[g];
    const n = count[g];
    const rx = r + x;
    const logT = table ? logDay[gT[g]] : Math.log(alpha + gT[g]);
    const invT = table ? invDay[gT[g]] : 1 / (alpha + gT[g]);
    const l1 = c1[x] - rx * logT;
    if (x === 0) {
      ll += n * l1;
      if (grad) {
        sumLogW += n * logT;
        sumInvW += n * rx * invT;
      }
      continue;
    }
    const logt = table ? logDay[gt[g]] : Math.log(alpha + gt[g]);
    const l2 = c1[x] + lna - Math.log(b + x - 1) - rx * logt;
    let li: number;
    let w2: number;
    if (l1 >= l2) {
      const e = Math.exp(l2 - l1);
      li = l1 + Math.log1p(e);
      w2 = e / (1 + e);
    } else {
      const e = Math.exp(l1 - l2);
      li = l2 + Math.log1p(e);
      w2 = 1 / (1 + e);
    }
    ll += n * li;
    if (grad) {
      const w1 = 1 - w2;
      sumLogW += n * (w1 * logT + w2 * logt);
      const invt = table ? invDay[gt[g]] : 1 / (alpha + gt[g]);
      sumInvW += n * rx * (w1 * invT + w2 * invt);
      w2ByX[x] += n * w2;
    }
  }
  if (!Number.isFinite(ll)) return -Infinity;
  if (grad) {
    const psiR = digamma(r);
    const psiB = digamma(b);
    const psiAB = digamma(a + b);
    let gr = 0;
    let ga = 0;
    let gb = 0;
    let w2Total = 0;
    for (let x = 0; x <= maxX; x++) {
      const nx = perX[x];
      if (nx === 0) continue;
      const psiABx = digamma(a + b + x);
      gr += nx * (digamma(r + x) - psiR + lnA);
      ga += nx * (psiAB - psiABx);
      gb += nx * (digamma(b + x) - psiABx - psiB + psiAB);
      if (x > 0) {
        gb -= w2ByX[x] / (b + x - 1);
        w2Total += w2ByX[x];
      }
    }
    gr -= sumLogW;
    ga += w2Total / a;
    const galpha = (groups.customers * r) / alpha - sumInvW;
    // Chain rule to the log-parameters: ∂/∂ln p = p ∂/∂p.
    grad[0] = r * gr;
    grad[1] = alpha * galpha;
    grad[2] = a * ga;
    grad[3] = b * gb;
  }
  return ll;
}
