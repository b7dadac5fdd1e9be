/**
 * The one builder of the engine's TableInput, used by the CLI, the task pane and
 * CRM.CLASSIFY: each mapped field takes its column (no copy), and problems name a column by
 * its header as found in the sheet — or, when the header is blank, by the field's label
 * (problemMessage's fallback): one fallback everywhere.
 */
import type { HeaderMapping } from "./headers";
import { FIELD_KEYS, type CellValue, type FieldKey, type GroupKey, type TableInput } from "./types";
import { isUtf8Texts, type TextCells } from "./utf8Texts";

/** A table as its reader holds it: the row count and each column's cells (data rows only). */
export interface TableSource {
  rowCount: number;
  /**
   * Column c's data cells, or undefined for a column the reader does not have; `field` says
   * which field reads it (a reader may then hand over cells as the field reads them: numbers
   * as a Float64Array, an id or name column as UTF-8 bytes, never any other column).
   */
  column(c: number, field?: FieldKey): TextCells | undefined;
}

/**
 * The engine's input from a table and its header mapping. `groups` gives the owner and region
 * columns (summaries and the Worklist) when the table has them.
 */
export function buildTableInput(
  source: TableSource,
  mapping: Pick<HeaderMapping, "columns">,
  groups?: Partial<Record<GroupKey, number>>,
): TableInput {
  const columns: TableInput["columns"] = {};
  for (const field of FIELD_KEYS) {
    const c = mapping.columns[field];
    if (c === undefined) continue;
    const cells = source.column(c, field);
    if (!cells) continue;
    if (field === "id" || field === "name") columns[field] = cells;
    else columns[field] = asCells(cells);
  }
  const input: TableInput = { rowCount: source.rowCount, columns };
  if (groups) {
    const g: TableInput["groups"] = {};
    for (const key of ["owner", "region"] as const) {
      const c = groups[key];
      const cells = c === undefined ? undefined : source.column(c);
      if (cells) g[key] = asCells(cells);
    }
    if (g.owner || g.region) input.groups = g;
  }
  return input;
}

/** Cells, for a field only id and name may take as UTF-8 bytes. */
function asCells(cells: TextCells): ArrayLike<CellValue> {
  if (isUtf8Texts(cells))
    throw new Error("buildTableInput: UTF-8 texts are for the id and name columns only");
  return cells;
}

/**
 * How problems name a field's column: the header as found (trimmed); "" when the field has no
 * column or a blank header, and problemMessage then uses the field's own label.
 */
export function columnNames(mapping: Pick<HeaderMapping, "columns" | "headers">): (f: FieldKey) => string {
  return (f) => {
    const c = mapping.columns[f];
    return c === undefined ? "" : (mapping.headers[c] ?? "").trim();
  };
}
