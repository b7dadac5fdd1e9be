/**
 * Where the §11 columns go. Pure: the adapter reads the sheet, this decides.
 *
 * Ours from an earlier run: the engine's one rule (findOwnColumns in
 * src/engine/report/columns.ts, shared with the CLI): all 14 §11 headers, adjacent and in
 * order, in one language. A lone column called e.g. "潜力得分" or "RFM" is the user's (潜力得分
 * is also an input header, §1) and is never written over.
 * New columns: to the right of the block, at the first place where enough whole columns are
 * empty (header and data rows), so user data is never overwritten.
 */
import { CORE_COLUMNS, findOwnColumns, type OutputColumnKey } from "../engine/report/columns";

const OUTPUT_COLUMNS = CORE_COLUMNS;

function outputOrder(header: unknown): number {
  if (typeof header !== "string") return -1;
  const h = header.trim();
  return OUTPUT_COLUMNS.findIndex((c) => c.header.zh === h || c.header.en === h);
}

/** Column indices (within the block) that this add-in wrote before, in order. */
export function detectOwnColumns(headers: readonly unknown[]): number[] {
  const own = findOwnColumns(headers);
  return own ? Array.from({ length: own.count }, (_, k) => own.start + k) : [];
}

/** The output key of an own column's header. */
export function outputKeyOf(header: unknown): OutputColumnKey | null {
  const k = outputOrder(header);
  return k < 0 ? null : OUTPUT_COLUMNS[k].key;
}

export interface LayoutInput {
  /** Sheet column of the block's first column, and its width. */
  firstColumn: number;
  columnCount: number;
  headers: readonly unknown[];
  /** emptyRight[k]: whether sheet column firstColumn+columnCount+k is empty over the block's rows. */
  emptyRight: readonly boolean[];
  /** Sheet column index from which every column is known to be empty (the used range's end). */
  emptyFrom: number;
}

export interface Layout {
  /** Sheet column of each §11 column, in OUTPUT_COLUMNS order. */
  columns: number[];
  /** The subset written fresh (not reused). */
  newColumns: number[];
  reused: number[];
  /** True when the new columns start right after the block (so a table can grow over them). */
  adjacent: boolean;
}

export function planLayout(input: LayoutInput): Layout {
  const own = detectOwnColumns(input.headers);
  const byKey = new Map<OutputColumnKey, number>();
  for (const i of own) {
    const key = outputKeyOf(input.headers[i]);
    if (key && !byKey.has(key)) byKey.set(key, input.firstColumn + i);
  }
  const missing = OUTPUT_COLUMNS.filter((c) => !byKey.has(c.key)).length;
  const blockEnd = input.firstColumn + input.columnCount;
  const isEmpty = (col: number) =>
    col >= input.emptyFrom || (col - blockEnd < input.emptyRight.length && input.emptyRight[col - blockEnd]);
  let start = blockEnd;
  if (missing > 0) {
    for (;;) {
      let ok = true;
      for (let k = 0; k < missing; k++)
        if (!isEmpty(start + k)) {
          start = start + k + 1;
          ok = false;
          break;
        }
      if (ok) break;
    }
  }
  const columns: number[] = [];
  const newColumns: number[] = [];
  const reused: number[] = [];
  let next = start;
  for (const c of OUTPUT_COLUMNS) {
    const at = byKey.get(c.key);
    if (at !== undefined) {
      columns.push(at);
      reused.push(at);
    } else {
      columns.push(next);
      newColumns.push(next);
      next++;
    }
  }
  return { columns, newColumns, reused, adjacent: missing === 0 || start === blockEnd };
}

/** Groups sorted-or-not sheet columns into runs of adjacent columns: [firstCol, count, indexes into `columns`]. */
export function columnRuns(columns: readonly number[]): { col: number; count: number; members: number[] }[] {
  const order = columns.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  const runs: { col: number; count: number; members: number[] }[] = [];
  for (const [c, i] of order) {
    const last = runs[runs.length - 1];
    if (last && last.col + last.count === c) {
      last.count++;
      last.members.push(i);
    } else runs.push({ col: c, count: 1, members: [i] });
  }
  return runs;
}
