import { FunctionError } from "../../src/functions/errors";

/** A column range as Excel passes it: [[a], [b], …]. */
export function col(...xs: unknown[]): unknown[][] {
  return xs.map((x) => [x]);
}

/** The flat values of a one-column result. */
export function flat(m: unknown[][]): unknown[] {
  return m.map((r) => r[0]);
}

/** The #VALUE! message of a cell (fails the test if the cell is not an error). */
export function errorMessage(cell: unknown): string {
  expect(cell).toBeInstanceOf(FunctionError);
  expect((cell as FunctionError).code).toBe("#VALUE!");
  return (cell as FunctionError).message;
}

/** The #VALUE! message a call throws. */
export function thrownMessage(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    return errorMessage(e);
  }
  throw new Error("expected a #VALUE! error");
}
