/**
 * CRM.PALIVE and CRM.RHYTHMFIT (METHOD.md §13), so that an analyst can check the buying-rhythm
 * numbers in the sheet. x, t and T are in any one time unit (days from a ledger; weeks give the
 * published CDNOW figures); r, α, a, b are what RHYTHMFIT spills.
 */
import { readNumber } from "../engine/cells";
import {
  DEFAULT_RHYTHM_SETTINGS,
  fitBgnbd,
  groupHistories,
  pAlive,
  type BgnbdParams,
  type RhythmSettings,
} from "../engine/rhythm";
import { getCurrentSettings } from "../engine/settingsStore";
import type { CellValue } from "../engine/types";
import { CellIssue, quote, throwingReport } from "./args";
import { invalidValue, type FunctionErrorLike } from "./errors";
import {
  alignArg,
  baseCells,
  cellPlace,
  isOmitted,
  mapShape,
  normalizeCell,
  toMatrix,
  type CellAt,
  type Shape,
} from "./ranges";

type Out = string | number | FunctionErrorLike;

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** x, t and T of row i: null for a blank x (no purchase); a bad cell throws CellIssue. */
function historyAt(
  x: CellAt,
  t: CellAt | null,
  T: CellAt | null,
  i: number,
  shape: Shape,
): { x: number; t: number; T: number } | null {
  const xv = x(i);
  if (isBlank(xv)) return null;
  const place = cellPlace(i, shape);
  const xi = readNumber(xv, throwingReport("x", place));
  if (!(Number.isInteger(xi) && xi >= 0)) {
    throw new CellIssue(
      `x ${place.zh}：应为 0 或正整数（${quote(String(xv))}）`,
      `x ${place.en}: must be a whole number ≥ 0 (${quote(String(xv))})`,
    );
  }
  const read = (at: CellAt | null, name: string): number => {
    const v = at ? at(i) : null;
    const n = isBlank(v) ? NaN : readNumber(v, throwingReport(name, place));
    if (!(n >= 0)) {
      throw new CellIssue(
        `${name} ${place.zh}：应为不小于 0 的数（${quote(String(v ?? ""))}）`,
        `${name} ${place.en}: must be a number ≥ 0 (${quote(String(v ?? ""))})`,
      );
    }
    return n;
  };
  const Ti = read(T, "T");
  const ti = xi === 0 ? 0 : read(t, "t");
  if (ti > Ti) {
    throw new CellIssue(
      `T ${place.zh}：小于 t（${Ti} < ${ti}）`,
      `T ${place.en}: is less than t (${Ti} < ${ti})`,
    );
  }
  return { x: xi, t: ti, T: Ti };
}

/** A model parameter: one cell holding a number > 0. */
function parameter(arg: unknown, name: string): number {
  if (isOmitted(arg)) throw invalidValue(`缺少参数 ${name} / Argument ${name} is required`);
  const m = toMatrix(arg, name);
  if (m.length !== 1 || m[0].length !== 1) {
    throw invalidValue(`参数 ${name} 应为一个单元格 / Argument ${name} must be a single cell`);
  }
  const v = normalizeCell(m[0][0]);
  const n = readNumber(v, () => {});
  if (!(n > 0 && Number.isFinite(n))) {
    throw invalidValue(
      `参数 ${name} 应为正数（${quote(String(v ?? ""))}）/ Argument ${name} must be a positive number (${quote(String(v ?? ""))})`,
    );
  }
  return n;
}

/** CRM.PALIVE: P(alive) for each row, shaped like x; blank where x is blank. */
export function palive(
  x: unknown,
  t: unknown,
  T: unknown,
  r: unknown,
  alpha: unknown,
  a: unknown,
  b: unknown,
): Out[][] {
  const p: BgnbdParams = {
    r: parameter(r, "r"),
    alpha: parameter(alpha, "alpha"),
    a: parameter(a, "a"),
    b: parameter(b, "b"),
  };
  const { shape, at } = baseCells(x, "x");
  const tAt = alignArg(t, shape, "t", "x");
  const TAt = alignArg(T, shape, "T", "x");
  return mapShape(shape, (i) => {
    try {
      const h = historyAt(at, tAt, TAt, i, shape);
      return h === null ? "" : pAlive(p, h.x, h.t, h.T);
    } catch (e) {
      if (e instanceof CellIssue) return invalidValue(e.message);
      throw e;
    }
  });
}

function rhythmSettings(): RhythmSettings {
  // The §13 keys join the shared settings table; until then (or in an old workbook) the defaults.
  const s = getCurrentSettings() as unknown as Partial<RhythmSettings>;
  return {
    ...DEFAULT_RHYTHM_SETTINGS,
    ...Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)),
  };
}

/**
 * CRM.RHYTHMFIT: the BG/NBD maximum-likelihood fit over the rows, spilled as one row
 * [r, α, a, b, log-likelihood]. Rows with a blank x are left out (no purchase). A bad cell, too
 * few repeat buyers (setting rhythmMinRepeaters) or no convergence: #VALUE! with the reason.
 */
export function rhythmFit(x: unknown, t: unknown, T: unknown): Out[][] {
  const { shape, at } = baseCells(x, "x");
  const tAt = alignArg(t, shape, "t", "x");
  const TAt = alignArg(T, shape, "T", "x");
  const n = shape.rows * shape.cols;
  const xs = new Float64Array(n).fill(NaN);
  const ts = new Float64Array(n).fill(NaN);
  const Ts = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    let h: ReturnType<typeof historyAt>;
    try {
      h = historyAt(at, tAt, TAt, i, shape);
    } catch (e) {
      if (e instanceof CellIssue) throw invalidValue(e.message); // one bad row spoils the fit
      throw e;
    }
    if (h) [xs[i], ts[i], Ts[i]] = [h.x, h.t, h.T];
  }
  const groups = groupHistories(xs, ts, Ts);
  const needed = rhythmSettings().rhythmMinRepeaters;
  if (groups.repeaters < needed || groups.repeaters === 0) {
    throw invalidValue(
      `只有${groups.repeaters}行 x ≥ 1（至少需要${needed}行），无法拟合 / ` +
        `only ${groups.repeaters} rows have x ≥ 1 (${needed} needed): cannot fit`,
    );
  }
  const fit = fitBgnbd(groups);
  if (!fit.converged) {
    throw invalidValue("模型（BG/NBD）未收敛 / the model (BG/NBD) did not converge");
  }
  return [[fit.r, fit.alpha, fit.a, fit.b, fit.logLikelihood]];
}
