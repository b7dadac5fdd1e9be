/**
 * Ids and names given as UTF-8 bytes (src/engine/utf8Texts.ts, the CLI's CSV reader) classify
 * exactly as the same cells given as strings: duplicates, the §8 jitter (hashed from the bytes),
 * §1's totals rows, and the texts the summary and the Worklist show.
 *
 * `asUtf8` builds such a column as the interface's contract says a reader does: the cells' UTF-8
 * one after another; a text holding `"` stored with its quotes doubled and marked `escaped`; a
 * null cell with start −1.
 */
import fc from "fast-check";
import { buildTableInput } from "../../src/engine/tableInput";
import { classify, type ClassifyResult } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { topCustomers } from "../../src/engine/report/summary";
import { worklistCells } from "../../src/engine/report/worklist";
import { fnv1a32Int, fnv1a32IntOfBytes } from "../../src/engine/rules";
import type { CellValue, FieldKey } from "../../src/engine/types";
import { cellAt, firstCodePoint, lastCodePoint, type Utf8Texts } from "../../src/engine/utf8Texts";

const T = dayFromYmd(2027, 3, 10);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function asUtf8(cells: readonly (string | null)[]): Utf8Texts {
  const parts: Uint8Array[] = [];
  const start = new Int32Array(cells.length);
  const end = new Int32Array(cells.length);
  const escaped = new Uint8Array(cells.length);
  let at = 0;
  cells.forEach((c, i) => {
    if (c === null) {
      start[i] = -1;
      return;
    }
    escaped[i] = c.includes('"') ? 1 : 0;
    const bytes = encoder.encode(escaped[i] ? c.replace(/"/g, '""') : c);
    parts.push(bytes);
    start[i] = at;
    at += bytes.length;
    end[i] = at;
  });
  const bytes = new Uint8Array(at);
  let p = 0;
  for (const part of parts) (bytes.set(part, p), (p += part.length));
  return {
    kind: "utf8",
    length: cells.length,
    bytes,
    start,
    end,
    escaped,
    cell(i) {
      if (start[i] < 0) return null;
      const text = decoder.decode(bytes.subarray(start[i], end[i]));
      return escaped[i] ? text.replace(/""/g, '"') : text;
    },
  };
}

/** classify with the id and name columns as given, the other columns as cells. */
function run(
  keys: { id?: (string | null)[]; name?: (string | null)[] },
  utf8: boolean,
  other: Partial<Record<FieldKey, CellValue[]>> = {},
): ClassifyResult {
  const n = Math.max(keys.id?.length ?? 0, keys.name?.length ?? 0);
  const columns: Record<string, unknown> = { ...other };
  for (const k of ["id", "name"] as const) {
    const cells = keys[k];
    if (cells) columns[k] = utf8 ? asUtf8(cells) : cells;
  }
  return classify({ rowCount: n, columns: columns as never }, { today: T });
}

function duplicates(r: ClassifyResult): [number, FieldKey, string][] {
  return r.problems.filter((p) => p.reason === "duplicate").map((p) => [p.row, p.field, p.found]);
}

describe("reading the bytes", () => {
  test("fnv1a32IntOfBytes is fnv1a32Int of the text the bytes encode", () => {
    // FNV-1a 32: the offset basis for no bytes; "a" is 0xe40c292c (the published test vector).
    expect(fnv1a32IntOfBytes(new Uint8Array(0), 0, 0)).toBe(0x811c9dc5 | 0);
    expect(fnv1a32IntOfBytes(encoder.encode("a"), 0, 1)).toBe(0xe40c292c | 0);
    for (const t of ["C0000001", "客户1有限公司", "é", "😀x", "ｔｏｔａｌ"]) {
      const b = encoder.encode(`[${t}]`);
      expect(fnv1a32IntOfBytes(b, 1, b.length - 1)).toBe(fnv1a32Int(t));
    }
  });

  test("first and last code points of 1-, 2-, 3- and 4-byte characters; −1 for no bytes", () => {
    const cp = (t: string) => {
      const b = encoder.encode(t);
      return [firstCodePoint(b, 0, b.length), lastCodePoint(b, 0, b.length)];
    };
    expect(cp("")).toEqual([-1, -1]);
    expect(cp("a")).toEqual([0x61, 0x61]);
    expect(cp("é中")).toEqual([0xe9, 0x4e2d]);
    expect(cp("中a")).toEqual([0x4e2d, 0x61]);
    expect(cp("😀é")).toEqual([0x1f600, 0xe9]);
    expect(cp("x😀")).toEqual([0x78, 0x1f600]);
  });

  test("cellAt reads either kind of column; undefined past its end", () => {
    const col = asUtf8(["甲", null, "", '说"明']);
    expect([0, 1, 2, 3, 4].map((i) => cellAt(col, i))).toEqual(["甲", null, "", '说"明', undefined]);
    expect(cellAt(["a"], 0)).toBe("a");
    expect(cellAt(undefined, 0)).toBe(undefined);
  });

  test("buildTableInput takes UTF-8 bytes for the id and name only", () => {
    const bytes = asUtf8(["1"]);
    const mapping = { columns: { id: 0, revenue: 1 } };
    const ok = buildTableInput({ rowCount: 1, column: (c) => (c === 0 ? bytes : [1]) }, mapping);
    expect(ok.columns.id).toBe(bytes);
    expect(() => buildTableInput({ rowCount: 1, column: () => bytes }, mapping)).toThrow(
      /id and name columns only/,
    );
  });
});

describe("duplicates from the bytes (the cases of duplicates.test.ts)", () => {
  test.each([true, false])("names, utf8 %s: the second and later rows with the same trimmed name", (utf8) => {
    expect(duplicates(run({ name: ["甲", "乙", "甲", " 甲 ", "\u3000甲"] }, utf8))).toEqual([
      [2, "name", "甲"],
      [3, "name", "甲"],
      [4, "name", "甲"],
    ]);
  });

  test("an id is the key; a row without one is keyed by its name", () => {
    const r = run(
      { id: ["K1", "K2", "K1", "", " ", null], name: ["甲", "乙", "丙", "甲", "甲", "甲"] },
      true,
    );
    expect(duplicates(r)).toEqual([
      [2, "id", "K1"],
      [4, "name", "甲"],
      [5, "name", "甲"],
    ]);
  });

  test("an id never repeats a name; blank and error texts never repeat; exact text", () => {
    expect(duplicates(run({ id: ["X", "", "Y"], name: ["甲", "X", "Y"] }, true))).toEqual([]);
    expect(duplicates(run({ name: ["", "  ", null, "#N/A", "", "#N/A", null] }, true))).toEqual([]);
    expect(duplicates(run({ name: ["abc", "ABC", "ａｂｃ", "a bc", "abc"] }, true))).toEqual([
      [4, "name", "abc"],
    ]);
  });

  test('doubled quotes: 说"明 repeats 说"明, not 说明; the found text is the cell\'s', () => {
    expect(duplicates(run({ name: ['说"明', "说明", '说"明', '"说明"', '"说明"'] }, true))).toEqual([
      [2, "name", '说"明'],
      [4, "name", '"说明"'],
    ]);
  });
});

describe("§1 totals rows from the bytes", () => {
  test("合计, Total:, ｔｏｔａｌ and 小 计 are left out; 合作伙伴 and Totally are customers", () => {
    const name = ["合作伙伴", "合计", "Totally", " Total: ", "ｔｏｔａｌ", "甲", "小 计", null];
    const id = ["C1", "C2", "C3", "C4", "C5", "总计", "C7", "C8"];
    const r = run({ id, name }, true, { revenue: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect([...r.excluded].sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 6]);
    // The field named is the one holding the label: row 5's is the id.
    const fields = r.problems.filter((p) => p.reason === "totals-row").map((p) => [p.row, p.field]);
    expect(fields.sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [1, "name"],
      [3, "name"],
      [4, "name"],
      [5, "id"],
      [6, "name"],
    ]);
  });
});

describe("the same result as the strings", () => {
  const tricky = fc.constantFrom(
    "甲",
    " 甲",
    "甲 ",
    "\u3000甲",
    "K1",
    "k1",
    "#N/A",
    "",
    "  ",
    '说"明',
    "合计",
    "Total",
    "é",
    "😀",
    "a😀",
    "中\n文",
  );
  const key = fc.option(
    fc.oneof(tricky, fc.string({ maxLength: 6 }), fc.string({ unit: "grapheme", maxLength: 4 })),
    {
      nil: null,
    },
  );

  test("duplicates, jitter, totals rows, the Worklist and the top customers (random keys)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, key), { minLength: 1, maxLength: 40 }), (rows) => {
        const id = rows.map((r) => r[0]);
        const name = rows.map((r) => r[1]);
        const n = rows.length;
        const other = {
          revenue: Array.from({ length: n }, (_, i) => 100 + ((i * 37) % 11)),
          lastContact: Array.from({ length: n }, (_, i) => (i % 3 ? "2027-01-15" : null)),
          lastOrder: Array.from({ length: n }, () => "2027-02-01"),
        };
        const asText = run({ id, name }, false, other);
        const asBytes = run({ id, name }, true, other);
        expect(asBytes.problems).toEqual(asText.problems);
        expect(asBytes.excluded).toEqual(asText.excluded);
        expect(Array.from(asBytes.nextContact)).toEqual(Array.from(asText.nextContact));
        expect(Array.from(asBytes.tier)).toEqual(Array.from(asText.tier));
        for (let i = 0; i < n; i++)
          expect(worklistCells(asBytes, i, "zh")).toEqual(worklistCells(asText, i, "zh"));
        expect(topCustomers(asBytes, 5)).toEqual(topCustomers(asText, 5));
      }),
      { numRuns: 300 },
    );
  });
});
