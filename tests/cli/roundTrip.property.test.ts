/**
 * Property: any cell text (random Unicode, line breaks, quotes, delimiters, formula starts)
 * survives CSV → CSV and XLSX → XLSX character for character, and never comes out as a formula.
 * CSV: the field reads back as the text, or as `'` + text where the one CSV guard
 * (engine/report/inert.ts) says a spreadsheet would evaluate it. XLSX: a string cell equal to
 * the text, and no <f> anywhere in the sheet.
 */
import { readFileSync, writeFileSync } from "fs";
import fc from "fast-check";
import JSZip from "jszip";
import { csvNeedsGuard } from "../../src/engine/report/inert";
import { readXlsx } from "../../src/cli/readXlsx";
import { readCsvOut, runCli, tempDir } from "./helpers";
import { n, row, writeFixture } from "./xlsxFixture";

jest.setTimeout(120_000);
const TODAY = ["--today", "2026-11-22"];

const tricky = fc.constantFrom("=1+1", "+1+2", "-A1", "@SUM(1)", "\t", "\r", "\n", "\r\n", '"', ",", ";", "'", "_x0041_", " ", "𠮷", "天成", "\u0001", "-5", "+86 138");
/** Cell texts: pieces of tricky text and random Unicode (whole code points). */
const cellText = fc
  .array(fc.oneof(tricky, fc.string({ unit: "binary", maxLength: 6 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""))
  .filter((s) => s.trim() !== "" && !/[\uFFFE\uFFFF]/.test(s));

const csvQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** Excel's way to put a text into XML: `&<>` escaped, CR as &#13;, control characters as _xHHHH_. */
const ooxml = (s: string) =>
  s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir()));
afterAll(() => tmp.cleanup());

it("CSV → CSV keeps every text, guarding only what a spreadsheet would evaluate", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 12 }), async (texts) => {
      const input = tmp.file("p.csv");
      const out = tmp.file("p.out.csv");
      const lines = ["客户名称,销售额,备注", ...texts.map((s, i) => `客户${i},${i + 1},${csvQuote(s)}`)];
      writeFileSync(input, lines.join("\r\n") + "\r\n");
      const r = await runCli([input, "--out", out, ...TODAY]);
      expect(r.code).toBe(0);
      const { rows } = readCsvOut(out);
      expect(rows).toHaveLength(texts.length + 1);
      rows.slice(1).forEach((cells, i) => {
        const s = texts[i];
        expect(cells[2]).toBe(csvNeedsGuard(s) ? "'" + s : s);
        for (const c of cells) expect(csvNeedsGuard(c)).toBe(false);
      });
    }),
    { numRuns: 25 },
  );
});

it("XLSX → XLSX keeps every text as a string cell, never a formula", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 12 }), async (texts) => {
      const input = tmp.file("p.xlsx");
      const out = tmp.file("p.out.xlsx");
      const cell = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${ooxml(s)}</t></is></c>`;
      let body = row(1, cell("A1", "客户名称"), cell("B1", "销售额"), cell("C1", "备注"));
      texts.forEach((s, i) => (body += row(i + 2, cell(`A${i + 2}`, `客户${i}`), n(`B${i + 2}`, i + 1), cell(`C${i + 2}`, s))));
      await writeFixture(input, { sheets: [{ name: "客户", body }] });
      expect((await readXlsx(input)).columns[2]).toEqual(texts);
      const r = await runCli([input, "--out", out, ...TODAY]);
      expect(r.code).toBe(0);
      const back = await readXlsx(out, { sheet: "客户" });
      expect(back.columns[2]).toEqual(texts);
      const zip = await JSZip.loadAsync(readFileSync(out));
      for (const name of Object.keys(zip.files).filter((f) => f.startsWith("xl/worksheets/sheet"))) {
        expect(await zip.file(name)!.async("string")).not.toMatch(/<f[ >]/);
      }
    }),
    { numRuns: 25 },
  );
});
