/**
 * Excel tables (ListObjects) for exceljs's STREAMING workbook writer, which has none.
 *
 * exceljs's in-memory writer supports tables but holds the whole sheet (≈10× the memory of
 * the streaming writer). Rather than rewrite the zip afterwards, this module hooks the three
 * points where the streaming writer produces the parts a table touches, so rows still leave
 * memory as they are written:
 *
 *   1. the worksheet's end (`_writeCloseWorksheet`): adds the table relationship to the
 *      sheet's rels (xl/worksheets/_rels/sheetN.xml.rels, still open at that moment) and
 *      writes `<tableParts>` as the last child of `<worksheet>`, where the schema wants it;
 *      the table part itself (xl/tables/tableK.xml) is appended to the zip at the same time;
 *   2. the sheet-level autoFilter is dropped: the table carries its own, and Excel reports a
 *      corrupt file when both cover the same range;
 *   3. `[Content_Types].xml` (`addContentTypes`): one Override per table part.
 *
 * The hooks use exceljs 4.4 internals (`_writeCloseWorksheet`, `_sheetRelsWriter`, `zip`,
 * `_worksheets`…); tests/cli/xlsxTable.test.ts unzips the output and fails if they move.
 */
import ExcelJS from "exceljs";

const TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const TABLE_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export interface TableSpec {
  /** Table name and displayName: a valid Excel name, unique in the workbook (e.g. "CRM_Customers"). */
  name: string;
  /** The whole block, header row included, e.g. "A1:U6". */
  ref: string;
  /** One name per column, already unique and non-empty (see tableColumnNames); equal to the header cells. */
  columns: readonly string[];
  /** Default TableStyleMedium2 (Excel's default blue), banded rows. */
  style?: string;
}

/** The parts of exceljs's stream WorksheetWriter (lib/stream/xlsx/worksheet-writer.js) we hook. */
interface WorksheetWriterInternals {
  id: number;
  committed: boolean;
  autoFilter: unknown;
  _write(text: string): void;
  _writeCloseWorksheet(): void;
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
}

/** The parts of exceljs's stream WorkbookWriter used to add the table part and its content type. */
interface WorkbookWriterInternals {
  zip: { append(source: string, data: { name: string }): void };
}

/**
 * Column names for a table whose header cells read `texts`, made valid as Excel makes them when
 * it turns a range into a table: a repeated header gets the lowest free number appended
 * ("名称", "名称2", "名称3"), and empty (or blank) headers become "Column1", "Column2"… in
 * order. Names compare without regard to case, as Excel's do. Columns listed in `keep` are
 * named first and never renamed (the output's own headers, which a re-run recognises); then the
 * other headers left to right, then the empty ones. A number added to a repeated header also
 * avoids every header still to come, so that one is not renamed in turn.
 */
export function tableColumnNames(texts: readonly string[], keep: ReadonlySet<number> = new Set()): string[] {
  const key = (s: string) => s.toLocaleLowerCase("en-US");
  const names: string[] = new Array(texts.length);
  const used = new Set<string>();
  const blank = (i: number) => texts[i].trim() === "";
  const all = texts.map((_, i) => i);
  const order = [...keep].sort((x, y) => x - y);
  order.push(...all.filter((i) => !keep.has(i) && !blank(i)));
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    let name = texts[i];
    if (used.has(key(name))) {
      const later = new Set(order.slice(k + 1).map((j) => key(texts[j])));
      let n = 2;
      while (used.has(key(`${texts[i]}${n}`)) || later.has(key(`${texts[i]}${n}`))) n++;
      name = `${texts[i]}${n}`;
    }
    used.add(key(name));
    names[i] = name;
  }
  let n = 1;
  for (const i of all.filter((j) => !keep.has(j) && blank(j))) {
    while (used.has(key(`Column${n}`))) n++;
    names[i] = `Column${n}`;
    used.add(key(names[i]));
  }
  return names;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Attribute-value escaping; line breaks and tabs as character references so they survive. */
export function xmlAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => XML_ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}
/** xl/tables/tableK.xml for one table. */
export function tableXml(id: number, spec: TableSpec): string {
  const cols = spec.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(c)}"/>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${xmlAttr(spec.name)}" displayName="${xmlAttr(spec.name)}"` +
    ` ref="${spec.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${spec.ref}"/>` +
    `<tableColumns count="${spec.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(spec.style ?? "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0"` +
    ` showRowStripes="1" showColumnStripes="0"/>` +
    "</table>"
  );
}

/** exceljs's streaming WorkbookWriter that can also give a worksheet Excel tables. */
export class TableWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  /** Table part file names (table1.xml…), in workbook order; the table id is the position + 1. */
  private readonly tableParts: string[] = [];
  /** Per hooked worksheet: its tables' part names and XML, written when the sheet ends. */
  private readonly sheetTables = new WeakMap<object, { part: string; xml: string }[]>();

  /**
   * Adds a table to a worksheet of this workbook that is not committed yet. The header cells
   * must hold exactly `spec.columns` (Excel repairs the file otherwise).
   */
  addTable(worksheet: ExcelJS.Worksheet, spec: TableSpec): void {
    const ws = worksheet as unknown as WorksheetWriterInternals;
    if (ws.committed) throw new Error(`addTable: worksheet ${worksheet.name} is already committed`);
    if (spec.columns.length === 0) throw new Error("addTable: a table needs at least one column");
    const id = this.tableParts.length + 1;
    const part = `table${id}.xml`;
    this.tableParts.push(part);
    ws.autoFilter = null;

    const known = this.sheetTables.get(ws);
    if (known) {
      known.push({ part, xml: tableXml(id, spec) });
      return;
    }
    const tables = [{ part, xml: tableXml(id, spec) }];
    this.sheetTables.set(ws, tables);
    const zip = (this as unknown as WorkbookWriterInternals).zip;
    const closeWorksheet = ws._writeCloseWorksheet;
    // Runs after </sheetData> and every other child (pageSetup, headerFooter, legacyDrawing…)
    // and before exceljs commits the sheet's rels, so the relationship still gets in.
    ws._writeCloseWorksheet = function (this: WorksheetWriterInternals) {
      const rIds = tables.map(({ part: p, xml }) => {
        zip.append(xml, { name: `xl/tables/${p}` });
        return this._sheetRelsWriter.addRelationship({ Target: `../tables/${p}`, Type: TABLE_REL });
      });
      this._write(
        `<tableParts count="${rIds.length}">${rIds.map((r) => `<tablePart r:id="${r}"/>`).join("")}</tableParts>`,
      );
      closeWorksheet.call(this);
    };
  }

  /** exceljs's own [Content_Types].xml, plus one Override per table part. */
  override addContentTypes(): Promise<void> {
    if (this.tableParts.length === 0) return super.addContentTypes();
    const zip = (this as unknown as WorkbookWriterInternals).zip;
    const overrides = this.tableParts
      .map((p) => `<Override PartName="/xl/tables/${p}" ContentType="${TABLE_CONTENT_TYPE}"/>`)
      .join("");
    // exceljs renders and appends the file synchronously inside this call: catch that append.
    const append = zip.append;
    zip.append = (source, data) =>
      append.call(
        zip,
        data.name === "[Content_Types].xml" ? source.replace("</Types>", `${overrides}</Types>`) : source,
        data,
      );
    try {
      return super.addContentTypes();
    } finally {
      zip.append = append;
    }
  }
}
