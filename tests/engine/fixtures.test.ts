/**
 * Customer sheets a sales manager can read (tests/fixtures/NAME.csv) run through the engine
 * and compared with NAME.expected.csv: the customer's name, then METHOD.md §11's columns in
 * the sheet's language (dates yyyy-mm-dd, share unrounded, unknown empty). Each expected
 * row was checked by hand; the reasoning is in tests/fixtures/README.md.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "csv-parse/sync";
import { classify } from "../../src/engine/classify";
import { dayFromYmd, formatIsoDay } from "../../src/engine/days";
import { mapHeaders } from "../../src/engine/headers";
import { OUTPUT_COLUMNS, outputHeaders } from "../../src/engine/labels";
import { outputRow } from "../../src/engine/output";
import type { CellValue, FieldKey, Lang, TableInput } from "../../src/engine/types";

const DIR = join(__dirname, "..", "fixtures");
const TODAY = dayFromYmd(2027, 3, 10);

function readCsv(name: string): string[][] {
  return parse(readFileSync(join(DIR, name), "utf8"), { bom: true, relax_column_count: true }) as string[][];
}

/** Runs the engine over a fixture as the CLI would: text cells, headers mapped by mapHeaders. */
export function runFixture(name: string): { lang: Lang; rows: string[][] } {
  const [header, ...data] = readCsv(`${name}.csv`);
  const mapping = mapHeaders(header);
  const columns: Partial<Record<FieldKey, CellValue[]>> = {};
  for (const [field, col] of Object.entries(mapping.columns) as [FieldKey, number][]) {
    columns[field] = data.map((r) => r[col] ?? "");
  }
  const input: TableInput = { rowCount: data.length, columns };
  const result = classify(input, { today: TODAY });
  const lang = mapping.lang;
  const nameCol = mapping.columns.name ?? 0;
  const columnName = (f: FieldKey): string => {
    const c = mapping.columns[f];
    return c === undefined ? "" : header[c];
  };
  const rows = data.map((r, i) => [
    r[nameCol],
    ...outputRow(result, i, lang, columnName).map((cell, k) => {
      if (cell === null) return "";
      if (OUTPUT_COLUMNS[k].kind === "date") return formatIsoDay(cell as number);
      return String(cell);
    }),
  ]);
  return { lang, rows };
}

describe.each(["customers-zh", "customers-en"])("fixture %s", (name) => {
  const { lang, rows } = runFixture(name);
  const [expectedHeader, ...expected] = readCsv(`${name}.expected.csv`);
  test("headers are the §11 columns in the sheet's language", () => {
    expect(expectedHeader.slice(1)).toEqual(outputHeaders(lang));
  });
  test.each(expected.map((row, i) => [row[0], i] as const))("%s", (_customer, i) => {
    const got = rows[i];
    const want = expected[i];
    // Compare column by column so a failure names the column.
    const byColumn = (r: string[]) => Object.fromEntries(expectedHeader.map((h, k) => [h, r[k] ?? ""]));
    expect(byColumn(got)).toEqual(byColumn(want));
  });
  test("no extra rows", () => {
    expect(rows).toHaveLength(expected.length);
  });
});
