/** From the found table and the user's mapping to the engine's TableInput. */
import { FIELD_KEYS, type FieldKey, type TableInput } from "../engine/types";
import { mapHeaders, mapSummaryColumns, type HeaderMapping } from "../engine/headers";
import { buildTableInput } from "../engine/tableInput";
import type { FoundTable } from "../excel/adapter";

export type MappingOverrides = Partial<Record<FieldKey, number | null>>;

/**
 * Maps the headers, but never reads this add-in's own output columns as input unless the
 * user picks one: after a run, the output header 潜力得分 would otherwise be taken for the
 * `potential` input and the next run would feed on its own result.
 */
export function mapTable(table: FoundTable, overrides: MappingOverrides): HeaderMapping {
  const first = mapHeaders(table.headers, overrides);
  const own = new Set(table.ownColumns);
  if (own.size === 0) return first;
  const adjusted: MappingOverrides = { ...overrides };
  let changed = false;
  for (const field of FIELD_KEYS) {
    const column = first.columns[field];
    if (column !== undefined && own.has(column) && !(field in overrides)) {
      adjusted[field] = null;
      changed = true;
    }
  }
  return changed ? mapHeaders(table.headers, adjusted) : first;
}

export function tableInput(table: FoundTable, mapping: HeaderMapping): TableInput {
  return buildTableInput(
    { rowCount: table.location.rowCount, column: (c) => table.columns[c] },
    mapping,
    mapSummaryColumns(mapping.headers),
  );
}
