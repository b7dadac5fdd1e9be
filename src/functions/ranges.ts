/**
 * Shapes of custom-function arguments. Excel passes a range argument as a 2-D array (rows of
 * cells); an omitted optional argument arrives as undefined or null. Every per-customer argument
 * must be the same shape as the function's first argument, or a single cell that then applies to
 * every row ("broadcast"); anything else is a #VALUE! naming both arguments and their sizes.
 */
import type { CellValue } from "../engine/types";
import { invalidValue } from "./errors";

export type Matrix = unknown[][];

export interface Shape {
  rows: number;
  cols: number;
}

/** Reads one cell of an argument by its row-major index into the base shape. */
export type CellAt = (i: number) => CellValue;

/** An omitted optional argument (Excel gives undefined or null; a 2-D [[null]] is a blank cell). */
export function isOmitted(arg: unknown): boolean {
  return arg === undefined || arg === null;
}

/** Any argument as a 2-D array: a scalar becomes 1×1, a 1-D array one row. */
export function toMatrix(arg: unknown, argName: string): Matrix {
  if (!Array.isArray(arg)) return [[arg]];
  if (arg.length === 0)
    throw invalidValue(`参数 ${argName} 是空区域 / Argument ${argName} is an empty range`);
  if (!Array.isArray(arg[0])) return [arg as unknown[]];
  const width = (arg[0] as unknown[]).length;
  for (const row of arg) {
    if (!Array.isArray(row) || row.length !== width) {
      throw invalidValue(`参数 ${argName} 不是矩形区域 / Argument ${argName} is not a rectangular range`);
    }
  }
  if (width === 0) throw invalidValue(`参数 ${argName} 是空区域 / Argument ${argName} is an empty range`);
  return arg as Matrix;
}

export function shapeOf(m: Matrix): Shape {
  return { rows: m.length, cols: m[0].length };
}

export function sizeText(s: Shape): string {
  return `${s.rows}×${s.cols}`;
}

/**
 * A cell as the engine's readers expect it. Error values may come as CustomFunctions.Error-like
 * objects ({ code: "#N/A" }) or exceljs-like ({ error: "#N/A" }); both become the error text,
 * which the readers report as unreadable. Other objects (linked entities) are unreadable too.
 */
export function normalizeCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === "number" || t === "string" || t === "boolean") return v as CellValue;
  if (v instanceof Date) return v;
  if (t === "object") {
    const o = v as { code?: unknown; error?: unknown; type?: unknown; basicValue?: unknown };
    if (typeof o.code === "string" && o.code.startsWith("#")) return o.code;
    if (typeof o.error === "string") return o.error;
    if (o.basicValue !== undefined && o.basicValue !== null) return normalizeCell(o.basicValue);
  }
  return "#VALUE!";
}

/**
 * An argument aligned with the base shape: null when omitted, else a reader of the cell at
 * index i (row-major over the base shape). A 1×1 argument applies to every row.
 */
export function alignArg(arg: unknown, base: Shape, argName: string, baseName: string): CellAt | null {
  if (isOmitted(arg)) return null;
  const m = toMatrix(arg, argName);
  const s = shapeOf(m);
  if (s.rows === 1 && s.cols === 1) {
    const only = normalizeCell(m[0][0]);
    return () => only;
  }
  if (s.rows !== base.rows || s.cols !== base.cols) {
    throw invalidValue(
      `参数 ${argName} 的大小（${sizeText(s)}）与 ${baseName}（${sizeText(base)}）不同，应相同或为一个单元格 / ` +
        `Argument ${argName} is ${sizeText(s)} but ${baseName} is ${sizeText(base)}: use the same size or a single cell`,
    );
  }
  const cols = base.cols;
  return (i) => normalizeCell(m[Math.floor(i / cols)][i % cols]);
}

/** The base argument's cells, row-major, normalised. */
export function baseCells(arg: unknown, argName: string): { shape: Shape; at: CellAt } {
  const m = toMatrix(arg, argName);
  const shape = shapeOf(m);
  const cols = shape.cols;
  return { shape, at: (i) => normalizeCell(m[Math.floor(i / cols)][i % cols]) };
}

/** Builds the result matrix in the base shape from a per-cell function. */
export function mapShape<T>(shape: Shape, cell: (i: number) => T): T[][] {
  const out: T[][] = new Array(shape.rows);
  let i = 0;
  for (let r = 0; r < shape.rows; r++) {
    const row: T[] = new Array(shape.cols);
    for (let c = 0; c < shape.cols; c++) row[c] = cell(i++);
    out[r] = row;
  }
  return out;
}

/** "第2行第1列 / row 2, column 1" for a row-major index within a shape (1-based, relative to the range). */
export function cellPlace(i: number, shape: Shape): { zh: string; en: string } {
  const r = Math.floor(i / shape.cols) + 1;
  const c = (i % shape.cols) + 1;
  return shape.cols === 1
    ? { zh: `第${r}行`, en: `row ${r}` }
    : { zh: `第${r}行第${c}列`, en: `row ${r}, column ${c}` };
}

/** Text written to a cell must never read as a formula: the engine's one rule (leading = + - @ get an apostrophe). */
