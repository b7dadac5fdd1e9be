/**
 * Errors that Excel shows as #VALUE! with a message. Outside Excel (tests, benchmarks)
 * `CustomFunctions` is not defined, so a plain Error with the same code stands in.
 */

/** What a function returns or throws for a bad argument: code "#VALUE!" and a message. */
export interface FunctionErrorLike {
  code: string;
  message?: string;
}

/** Fallback used when the CustomFunctions runtime is absent (jest, tsx bench, CLI). */
export class FunctionError extends Error implements FunctionErrorLike {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "FunctionError";
    this.code = code;
  }
}

function runtime(): typeof CustomFunctions | undefined {
  return (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
}

/** A #VALUE! error with a message (zh first, then en). */
export function invalidValue(message: string): FunctionErrorLike {
  const cf = runtime();
  if (cf && typeof cf.Error === "function") {
    return new cf.Error(cf.ErrorCode.invalidValue, message);
  }
  return new FunctionError("#VALUE!", message);
}

/** True for errors built by invalidValue (or any CustomFunctions.Error). */
export function isFunctionError(e: unknown): e is FunctionErrorLike {
  if (e instanceof FunctionError) return true;
  const cf = runtime();
  return !!cf && typeof cf.Error === "function" && e instanceof cf.Error;
}

/**
 * Runs a function body so that nothing but a #VALUE! error ever leaves it: our own errors
 * pass through, anything unexpected becomes #VALUE! with its message (never an uncaught exception).
 */
export function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (isFunctionError(e)) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw invalidValue(`内部错误：${detail} / Internal error: ${detail}`);
  }
}
