/**
 * A strict double of Excel calling custom functions (the metadata in functions.json decides).
 * Documented: learn.microsoft.com custom-functions-json — allowErrorForDataTypeAny "If true, your
 * custom function can process errors as input values"; CustomFunctions.Error's `code` is the
 * cell error ("#N/A", "#VALUE!"). Not documented (excelAssumptions.ts): which error a cell shows
 * when the function is not called (ASSUMED.customFunctionErrorArgs), omitted arguments as null
 * (ASSUMED.customFunctionOmittedNull), and when non-volatile functions recalculate
 * (ASSUMED.customFunctionNoRecalc).
 */
import { ASSUMED } from "./excelAssumptions";

export interface FunctionMetadata {
  id: string;
  parameters: { name: string; optional?: boolean }[];
  options?: { allowErrorForDataTypeAny?: boolean; volatile?: boolean };
}

/** An error value in a worksheet cell (#N/A, #DIV/0! …). */
export class CellError {
  constructor(readonly code: string) {}
}

/** What the runtime hands the function for an error value when the metadata allows it. */
export class RuntimeError {
  constructor(readonly code: string) {}
}

type Impl = (...args: unknown[]) => unknown;

function firstError(x: unknown): CellError | null {
  if (x instanceof CellError) return x;
  if (Array.isArray(x)) for (const v of x) {
    const e = firstError(v);
    if (e) return e;
  }
  return null;
}

function toRuntime(x: unknown): unknown {
  if (x instanceof CellError) return new RuntimeError(x.code);
  return Array.isArray(x) ? x.map(toRuntime) : x;
}

/** A returned or thrown error object → its cell text. */
function shown(v: unknown): unknown {
  if (typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "string") return (v as { code: string }).code;
  return v;
}

/** One call as Excel makes it: the result grid, or one error text for the whole cell. */
export async function callAsExcel(meta: FunctionMetadata, impl: Impl, given: unknown[]): Promise<unknown> {
  const args = meta.parameters.map((_, i) => (i < given.length && given[i] !== undefined ? given[i] : null)); // ASSUMED.customFunctionOmittedNull
  if (!meta.options?.allowErrorForDataTypeAny) {
    const e = firstError(args); // ASSUMED.customFunctionErrorArgs
    if (e) return e.code;
  }
  try {
    const out = await impl(...args.map(toRuntime));
    return Array.isArray(out) ? (out as unknown[][]).map((row) => row.map(shown)) : shown(out);
  } catch (e) {
    return shown(e);
  }
}

/** Cells holding custom-function formulas, and when Excel recalculates them. */
export class FunctionsSheet {
  private cells = new Map<string, { meta: FunctionMetadata; impl: Impl; args: unknown[]; value: unknown }>();

  async enter(address: string, meta: FunctionMetadata, impl: Impl, args: unknown[]): Promise<unknown> {
    const value = await callAsExcel(meta, impl, args);
    this.cells.set(address, { meta, impl, args, value });
    return value;
  }
  value(address: string): unknown {
    return this.cells.get(address)?.value;
  }
  /**
   * "open", "F9" and "Recalculate" recompute volatile functions only; "Full" ("This will mark all
   * cells as dirty and then recalculate them.") recomputes all. ASSUMED.customFunctionNoRecalc
   */
  async recalc(kind: "open" | "F9" | "Recalculate" | "settingsChanged" | "Full"): Promise<void> {
    void ASSUMED.customFunctionNoRecalc;
    for (const c of this.cells.values()) {
      if (kind === "Full" || (kind !== "settingsChanged" && c.meta.options?.volatile)) c.value = await callAsExcel(c.meta, c.impl, c.args);
    }
  }
}
