/**
 * Workbooks shaped like real exports, written part by part as their producers write them
 * (ERP report generators, LibreOffice, Excel): the sheet XML is given as text, so a test says
 * exactly which bytes the reader meets. Zipped with JSZip (exceljs's own dependency).
 */
import { writeFileSync } from "fs";
import JSZip from "jszip";

export interface FixtureSheet {
  name: string;
  state?: "hidden" | "veryHidden";
  /** The <sheetData> rows (and anything after, e.g. <mergeCells>), as XML text. */
  body: string;
}

export interface FixtureBook {
  sheets: FixtureSheet[];
  sharedStrings?: string[];
  /** Extra <numFmt> entries and the cellXfs numFmtIds (style index = position). */
  numFmts?: { id: number; code: string }[];
  cellXfs?: number[];
  /** The workbookPr date1904 attribute as written ("1", "true"…). */
  date1904?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A string cell (inline). */
export const t = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
/** A number cell, optionally styled. */
export const n = (ref: string, v: number, s?: number) => `<c r="${ref}"${s !== undefined ? ` s="${s}"` : ""}><v>${v}</v></c>`;
/** A shared-string cell. */
export const ss = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
export const row = (r: number, ...cells: string[]) => `<row r="${r}">${cells.join("")}</row>`;

export async function writeFixture(file: string, book: FixtureBook): Promise<void> {
  const zip = new JSZip();
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
      book.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join("") +
      "</Types>",
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    "xl/workbook.xml",
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<workbookPr${book.date1904 !== undefined ? ` date1904="${book.date1904}"` : ""}/><sheets>` +
      book.sheets
        .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
        .join("") +
      "</sheets></workbook>",
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      book.sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("") +
      "</Relationships>",
  );
  book.sheets.forEach((s, i) =>
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${s.body.replace(/(<mergeCells[\s\S]*)$/, "</sheetData>$1")}${/<mergeCells/.test(s.body) ? "" : "</sheetData>"}</worksheet>`,
    ),
  );
  if (book.sharedStrings) {
    zip.file(
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${book.sharedStrings.length}">` +
        book.sharedStrings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("") +
        "</sst>",
    );
  }
  if (book.cellXfs) {
    zip.file(
      "xl/styles.xml",
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        (book.numFmts?.length ? `<numFmts>${book.numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join("")}</numFmts>` : "") +
        `<cellXfs>${book.cellXfs.map((id) => `<xf numFmtId="${id}"/>`).join("")}</cellXfs></styleSheet>`,
    );
  }
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
