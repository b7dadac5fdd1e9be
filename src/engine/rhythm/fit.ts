/**
 * Maximum-likelihood fit of the BG/NBD model (METHOD.md §13): BFGS on (ln r, ln α, ln a, ln b)
 * with the analytic gradient, a backtracking (Armijo) line search and three starting points.
 * A run stops when the log-likelihood changes by less than 1e-9 relative in an iteration and
 * the gradient has vanished (|∂(LL/N)/∂ln p| < 1e-6); the best run that did so is the fit.
 */
import { logLikelihood, prepare, type BgnbdParams, type PreparedData } from "./likelihood";
import type { RhythmGroups } from "./summary";

export interface BgnbdFit extends BgnbdParams {
  /** Σ ln L over the customers (in the data's time unit). */
  logLikelihood: number;
  /** BFGS iterations of the run that gave the fit. */
  iterations: number;
  /** Likelihood evaluations over all runs. */
  evaluations: number;
  converged: boolean;
}

export interface FitOptions {
  relTol?: number;
  gradTol?: number;
  maxIterations?: number;
  /** Starting points (r, α, a, b); default: three spread around the data's purchase rate. */
  starts?: BgnbdParams[];
}

const DIM = 4;
/** A parameter beyond e^±25 means the optimum lies on the boundary: no usable fit. */
const LOG_BOUND = 25;
/** The largest move of one line-search step in any log-parameter (a factor e^5). */
const MAX_STEP = 5;

interface Run {
  theta: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** Minimises f = −LL/N from theta0 by BFGS. */
function bfgs(data: PreparedData, theta0: Float64Array, opts: Required<Omit<FitOptions, "starts">>): Run {
  const n = data.groups.customers;
  let evaluations = 0;
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    evaluations++;
    const ll = logLikelihood(data, theta, grad);
    if (!Number.isFinite(ll)) return Infinity;
    for (let i = 0; i < DIM; i++) grad[i] = -grad[i] / n;
    return -ll / n;
  };
  let theta = Float64Array.from(theta0);
  let g = new Float64Array(DIM);
  let f = evaluate(theta, g);
  if (!Number.isFinite(f)) return { theta, f, iterations: 0, evaluations, converged: false };
  const H = new Float64Array(DIM * DIM);
  const resetH = () => {
    H.fill(0);
    for (let i = 0; i < DIM; i++) H[i * DIM + i] = 1;
  };
  resetH();
  const d = new Float64Array(DIM);
  const next = new Float64Array(DIM);
  const gNext = new Float64Array(DIM);
  const s = new Float64Array(DIM);
  const y = new Float64Array(DIM);
  const Hy = new Float64Array(DIM);
  let flatRuns = 0;
  for (let iter = 1; iter <= opts.maxIterations; iter++) {
    // Direction d = −H g (steepest descent again when H has lost positive-definiteness).
    let slope = 0;
    for (let i = 0; i < DIM; i++) {
      let v = 0;
      for (let j = 0; j < DIM; j++) v -= H[i * DIM + j] * g[j];
      d[i] = v;
      slope += v * g[i];
    }
    if (!(slope < 0)) {
      resetH();
      slope = 0;
      for (let i = 0; i < DIM; i++) {
        d[i] = -g[i];
        slope -= g[i] * g[i];
      }
      if (slope === 0) return { theta, f, iterations: iter, evaluations, converged: true };
    }
    let step = Math.min(1, MAX_STEP / maxAbs(d));
    let fNext = Infinity;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < DIM; i++) next[i] = theta[i] + step * d[i];
      fNext = evaluate(next, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext <= f + 1e-4 * step * slope)) {
      // No descent along d: at the optimum up to rounding, or H is poor.
      const atOptimum = maxAbs(g) < opts.gradTol;
      return { theta, f, iterations: iter, evaluations, converged: atOptimum };
    }
    const relChange = Math.abs(fNext - f) / Math.max(Math.abs(f), 1e-300);
    let sy = 0;
    for (let i = 0; i < DIM; i++) {
      s[i] = next[i] - theta[i];
      y[i] = gNext[i] - g[i];
      sy += s[i] * y[i];
    }
    if (sy > 1e-16) {
      // BFGS update of the inverse Hessian: H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ.
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < DIM; i++) {
        let v = 0;
        for (let j = 0; j < DIM; j++) v += H[i * DIM + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      for (let i = 0; i < DIM; i++)
        for (let j = 0; j < DIM; j++)
          H[i * DIM + j] += rho * ((1 + rho * yHy) * s[i] * s[j] - Hy[i] * s[j] - s[i] * Hy[j]);
    }
    [theta, g] = [Float64Array.from(next), Float64Array.from(gNext)];
    f = fNext;
    if (maxAbs(theta) > LOG_BOUND) return { theta, f, iterations: iter, evaluations, converged: false };
    if (relChange < opts.relTol) {
      if (maxAbs(g) < opts.gradTol) return { theta, f, iterations: iter, evaluations, converged: true };
      if (++flatRuns >= 20) return { theta, f, iterations: iter, evaluations, converged: false };
    } else flatRuns = 0;
  }
  return { theta, f, iterations: opts.maxIterations, evaluations, converged: false };
}

/** Three starts: r ∈ {1, 0.3, 3} with α = r / (the purchase rate Σx / ΣT), and (a, b) spread. */
function defaultStarts(groups: RhythmGroups): BgnbdParams[] {
  let sumT = 0;
  for (let g = 0; g < groups.size; g++) sumT += groups.count[g] * groups.T[g];
  const rate = Math.max(groups.repeatPurchases, 1) / Math.max(sumT, 1);
  return [
    { r: 1, alpha: 1 / rate, a: 1, b: 1 },
    { r: 0.3, alpha: 0.3 / rate, a: 0.5, b: 2 },
    { r: 3, alpha: 3 / rate, a: 2, b: 5 },
  ];
}

/** The maximum-likelihood BG/NBD fit over grouped customers (best of the starting points). */
export function fitBgnbd(groups: RhythmGroups, options: FitOptions = {}): BgnbdFit {
  const opts = {
    relTol: options.relTol ?? 1e-9,
    gradTol: options.gradTol ?? 1e-6,
    maxIterations: options.maxIterations ?? 500,
  };
  const data = prepare(groups);
  const starts = options.starts ?? defaultStarts(groups);
  let best: Run | null = null;
  let evaluations = 0;
  for (const p of starts) {
    const theta0 = Float64Array.from([p.r, p.alpha, p.a, p.b].map(Math.log));
    const run = bfgs(data, theta0, opts);
    evaluations += run.evaluations;
    const better =
      best === null ||
      (run.converged && !best.converged) ||
      (run.converged === best.converged && run.f < best.f);
    if (better) best = run;
  }
  const theta = best!.theta;
  return {
    r: Math.exp(theta[0]),
    alpha: Math.exp(theta[1]),
    a: Math.exp(theta[2]),
    b: Math.exp(theta[3]),
    logLikelihood: groups.customers === 0 ? 0 : logLikelihood(data, theta),
    iterations: best!.iterations,
    evaluations,
    converged: best!.converged && groups.customers > 0,
  };
}
