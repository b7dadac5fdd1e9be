/**
 * The Why line written from its pieces (CellBytes.writePieces, what both CSV threads do) is the
 * same bytes as the line written whole (CellBytes.write of whyText), in both languages, for
 * every kind of row; formula starts, quotes and surrogates fall back to the whole text.
 */
import { classify } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import { CORE_COLUMNS, outputRow, WHY_COLUMN, type WhyPieces } from "../../src/engine/report/columns";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import type { CellValue, FieldKey, Lang } from "../../src/engine/types";
import { ByteSink, CellBytes } from "../../src/cli/csvBytes";
import type { OutputFile } from "../../src/cli/outputFile";
import { outputKinds } from "../../src/cli/outputPlan";

const KINDS_OF_TEXT = CORE_COLUMNS.map(() => "text" as const);

/** A sink whose chunks are collected (as the output file would get them). */
function collectingSink(): { sink: ByteSink; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out: OutputFile = {
    tempPath: "",
    write: async () => undefined,
    send: async (chunk) => void chunks.push(Buffer.from(chunk)),
    commit: async () => undefined,
    abort: async () => undefined,
  };
  const sink = new ByteSink(out);
  return { sink, bytes: () => Buffer.concat(chunks) };
}

describe("a Why line from its pieces is the line written whole", () => {
  // 6,000 rows of every tier: growth up and down, lapsed, new, birthdays, gaps, overdue contacts.
  const n = 6000;
  const col = (f: (i: number) => CellValue) => Array.from({ length: n }, (_, i) => f(i));
  const day = (i: number, span: number) => {
    const d = new Date(Date.UTC(2026, 10, 1) - ((i * 7919) % span) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const columns: Partial<Record<FieldKey, CellValue[]>> = {
    name: col((i) => `客户${i % 5000}`),
    revenue: col((i) => (i % 97 === 0 ? null : 1000 + ((i * 7919) % 50000))),
    prevRevenue: col((i) => (i % 5 === 0 ? null : 800 + ((i * 104729) % 60000))),
    marginRate: col((i) => (i % 11 === 0 ? null : 0.1 + (i % 30) / 100)),
    orders: col((i) => i % 40),
    lastOrder: col((i) => day(i, 500)),
    lastContact: col((i) => (i % 3 === 0 ? null : day(i + 1, 200))),
    familiarity: col((i) => i % 6),
    birthday: col((i) => (i % 4 === 0 ? `${1 + (i % 12)}月${1 + (i % 28)}日` : null)),
    firstOrder: col((i) => (i % 13 === 0 ? day(i, 300) : null)),
  };
  const result = classify(
    { rowCount: n, columns },
    { today: dayFromYmd(2026, 11, 22), settings: { ...DEFAULT_SETTINGS } },
  );

  test.each(["zh", "en"] as Lang[])("every row, %s: the same bytes, chunk boundaries included", (lang) => {
    const kinds = outputKinds(result);
    const byPieces = new CellBytes(kinds);
    const whole = new CellBytes(kinds);
    const a = collectingSink();
    const b = collectingSink();
    const why: WhyPieces = { pieces: [], count: 0 };
    let pieced = 0;
    let quoted = 0;
    // Three passes over the rows: over 1 MB, so chunks are handed over between and inside rows.
    for (let pass = 0; pass < 3; pass++) {
      for (let i = 0; i < n; i++) {
        byPieces.writeRow(a.sink, outputRow(result, i, lang, undefined, why), why);
        const cells = outputRow(result, i, lang);
        for (let k = 0; k < cells.length; k++) whole.write(b.sink, cells[k], k);
        if (why.count > 1) pieced++;
        if (/[",]/.test(String(cells[WHY_COLUMN] ?? ""))) quoted++;
      }
    }
    return Promise.all([a.sink.end(), b.sink.end()]).then(() => {
      expect(a.bytes().length).toBeGreaterThan(1 << 20);
      expect(a.bytes().equals(b.bytes())).toBe(true);
      // The rows had lines of several pieces, and (in English) lines that must be quoted.
      expect(pieced).toBeGreaterThan(3 * n * 0.5);
      if (lang === "en") expect(quoted).toBeGreaterThan(0);
    });
  });

  test("formula starts, quotes, commas and a surrogate pair cut in two: as the whole text", () => {
    const cases: string[][] = [
      ["=1", "+2"],
      ["", "-3", "天"],
      ["a,", "b"],
      ['他说"好"', "；", "x"],
      ["\ud83d", "\ude00"],
      ["行\n", "二"],
      ["", ""],
      ["明日黄花：", "同比-30%", "；", "超期未联系12天"],
    ];
    const kinds = KINDS_OF_TEXT;
    for (const pieces of cases) {
      const a = new ByteSink(null);
      const b = new ByteSink(null);
      // Twice each: the second time the pieces' bytes (or that they failed) come from the table.
      for (let twice = 0; twice < 2; twice++) {
        new CellBytes(kinds).writePieces(a, pieces, pieces.length, WHY_COLUMN);
        new CellBytes(kinds).write(b, pieces.join("") || null, WHY_COLUMN);
      }
      expect([pieces, Buffer.from(a.taken()).toString("utf8")]).toEqual([
        pieces,
        Buffer.from(b.taken()).toString("utf8"),
      ]);
    }
    const one = new CellBytes(kinds);
    const sink = new ByteSink(null);
    one.writePieces(sink, ["=1", "+2"], 2, WHY_COLUMN);
    one.writePieces(sink, ["a,", "b"], 2, WHY_COLUMN);
    one.writePieces(sink, ["a,", "b"], 2, WHY_COLUMN);
    expect(Buffer.from(sink.taken()).toString("utf8")).toBe(`,'=1+2,"a,b","a,b"`);
  });
});
