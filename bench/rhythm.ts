/**
 * Buying-rhythm benchmark (METHOD.md §13): the BG/NBD fit on 1,000,000 and on 10,000 customers
 * drawn from the model (seeded; r 0.25, α 30 days, a 0.8, b 2.5; first purchases spread over
 * two years; whole days, as a ledger gives them), and the whole §13 pass (fit, then P(alive)
 * and expected orders in 90 days for every customer).
 *
 * Baseline, in the same run when python3 with numpy and scipy is installed: the Python way
 * analysts do it today — the per-customer likelihood of lifetimes' BetaGeoFitter written in
 * numpy (scipy's gammaln), with the analytic gradient (lifetimes gets it from autograd),
 * lifetimes' start (0.1 for each log-parameter) and scipy.optimize.minimize's BFGS, on the same
 * customers, ungrouped as lifetimes fits them. Its time excludes loading the numbers. (lifetimes
 * itself is not installed.) SKIP_PEER=1 skips it; CUSTOMERS=200000 changes the large size.
 *
 * Run: npm run bench:rhythm
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  analyseRhythm,
  DEFAULT_RHYTHM_SETTINGS,
  fitBgnbd,
  groupHistories,
  simulateHistories,
  type RhythmHistories,
} from "../src/engine/rhythm";
import { mulberry32 } from "../scripts/prng";

const LARGE = Number(process.env.CUSTOMERS ?? 1_000_000);
const SMALL = 10_000;
const TRUTH = { r: 0.25, alpha: 30, a: 0.8, b: 2.5 };


function customers(n: number, seed: number): RhythmHistories {
  return simulateHistories(TRUTH, n, mulberry32(seed), { minT: 0, maxT: 730, wholeDays: true });
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
}

function fitOnce(h: RhythmHistories): { ms: number; cpuMs: number; groups: number; text: string } {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const g = groupHistories(h.x, h.t, h.T);
  const fit = fitBgnbd(g);
  const took = ms(t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const text =
    `r ${fit.r.toFixed(4)}, α ${fit.alpha.toFixed(3)}, a ${fit.a.toFixed(4)}, b ${fit.b.toFixed(4)}, ` +
    `LL ${fit.logLikelihood.toFixed(2)}, ${fit.iterations} iterations, ${fit.evaluations} evaluations` +
    (fit.converged ? "" : " (NOT converged)");
  return { ms: took, cpuMs, groups: g.size, text };
}

const PEER = String.raw`
import sys, time, numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, digamma
d = np.loadtxt(sys.argv[1], delimiter=",")
x, t, T = d[:, 0], d[:, 1], d[:, 2]
rep = x > 0
def nll_and_grad(logp):
    # lifetimes 0.11 BetaGeoFitter._negative_log_likelihood (no penaliser), per customer, and
    # the gradient autograd would give it.
    r, alpha, a, b = np.exp(logp)
    A = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    lT, lt = np.log(alpha + T), np.log(alpha + t)
    l1 = A - (r + x) * lT
    l2 = np.where(rep, A + np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * lt, -np.inf)
    ll = np.logaddexp(l1, l2)
    w2 = np.exp(l2 - ll); w1 = 1 - w2
    gr = digamma(r + x) - digamma(r) + np.log(alpha) - (w1 * lT + w2 * lt)
    ga_ = r / alpha - (r + x) * (w1 / (alpha + T) + w2 / (alpha + t))
    gA = digamma(a + b) - digamma(a + b + x) + w2 / a
    gB = digamma(b + x) - digamma(a + b + x) - digamma(b) + digamma(a + b) - np.where(rep, w2 / (b + np.maximum(x, 1) - 1), 0)
    g = np.array([r * gr.mean(), alpha * ga_.mean(), a * gA.mean(), b * gB.mean()])
    return -ll.mean(), -g
t0, c0 = time.perf_counter(), time.process_time()
res = minimize(nll_and_grad, 0.1 * np.ones(4), jac=True, method="BFGS", options={"gtol": 1e-6})
r, alpha, a, b = np.exp(res.x)
print("%.0f ms wall, %.0f ms CPU: r %.4f, α %.3f, a %.4f, b %.4f, LL %.2f, %d evaluations" % (
    (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, r, alpha, a, b, -res.fun * len(x), res.nfev))
`;
import { vmHwmMb } from "./memory";

function runPeer(h: RhythmHistories): string {
  if (process.env.SKIP_PEER === "1") return "skipped (SKIP_PEER=1)";
  const probe = spawnSync("python3", ["-c", "import numpy, scipy"], { encoding: "utf8" });
  if (probe.status !== 0) return "skipped (python3 with numpy and scipy not installed)";
  const dir = mkdtempSync(join(tmpdir(), "rhythm-bench-"));
  try {
    const lines: string[] = [];
    for (let i = 0; i < h.x.length; i++) lines.push(`${h.x[i]},${h.t[i]},${h.T[i]}`);
    writeFileSync(join(dir, "xtT.csv"), lines.join("\n"));
    writeFileSync(join(dir, "peer.py"), PEER);
    // One thread for numpy, as node uses one: the machine's other cores are not ours to count.
    const env = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
    const run = spawnSync("python3", [join(dir, "peer.py"), join(dir, "xtT.csv")], { encoding: "utf8", env });
    return run.status === 0 ? run.stdout.trim() : `failed: ${run.stderr.trim().split("\n").pop()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  console.log(`Buying-rhythm benchmark (node ${process.version}; truth r 0.25, α 30, a 0.8, b 2.5)`);

  const small = customers(SMALL, 10_000);
  fitOnce(small); // warm-up: the JIT sees the code once
  const smallFits = [0, 1, 2, 3, 4].map(() => fitOnce(small));
  const smallPass: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    analyseRhythm(small, DEFAULT_RHYTHM_SETTINGS);
    smallPass.push(ms(t0));
  }
  console.log(
    `${SMALL.toLocaleString("en")} customers (${smallFits[0].groups.toLocaleString("en")} distinct x,t,T): ` +
      `fit median ${median(smallFits.map((f) => f.ms)).toFixed(0)} ms, ` +
      `fit + P(alive) + expected orders median ${median(smallPass).toFixed(0)} ms`,
  );
  console.log(`  ${smallFits[0].text}`);

  const t0 = process.hrtime.bigint();
  const large = customers(LARGE, 1_000_000);
  console.log(`${LARGE.toLocaleString("en")} customers simulated in ${ms(t0).toFixed(0)} ms`);
  const big = fitOnce(large);
  console.log(
    `${LARGE.toLocaleString("en")} customers (${big.groups.toLocaleString("en")} distinct x,t,T): ` +
      `group + fit ${big.ms.toFixed(0)} ms wall, ${big.cpuMs.toFixed(0)} ms CPU ` +
      `(${Math.round((LARGE / big.ms) * 1000).toLocaleString("en")} customers/s)`,
  );
  console.log(`  ${big.text}`);
  const t1 = process.hrtime.bigint();
  const pass = analyseRhythm(large, DEFAULT_RHYTHM_SETTINGS);
  console.log(
    `${LARGE.toLocaleString("en")} customers: fit + P(alive) + expected orders (90 days) ${ms(t1).toFixed(0)} ms` +
      (pass.blankReason ? ` — ${pass.blankReason.en}` : ""),
  );
  console.log(`peak memory (VmHWM): ${vmHwmMb().toFixed(0)} MB`);
  console.log(`baseline, Python/scipy (lifetimes' likelihood and start, BFGS with gradient) on the same customers: ${runPeer(large)}`);
}

main();
