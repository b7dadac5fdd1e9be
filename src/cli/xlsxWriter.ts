/**
 * A small .xlsx writer that writes the sheet XML itself and compresses it with zlib as it goes
 * (zipWriter.ts): a sheet spec in, bytes out. It knows what the CLI's workbook needs and no more:
 * typed cells (text is always a string cell, never a formula), styles (number format, fill, bold),
 * column widths, frozen panes, merged cells, print setup (landscape, fit to width, repeated header
 * rows), an Excel table, and a drawing with one chart part.
 */
import { columnLetter } from "../engine/headers";
import { EXCEL_EPOCH_OFFSET } from "../engine/types";
import { tableXml, xmlAttr, type TableSpec } from "./xlsxTable";
import { isErrorCell, isRichText } from "./xlsxSheet";
import { ZipWriter, type ZipEntryWriter } from "./zipWriter";

const MS_PER_DAY = 86_400_000;
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A cell value for the writer. Strings are always text cells. */
export type OutCell =
  null | undefined | number | boolean | string | Date | { error: string } | { richXml: string; text: string };

export interface StyleSpec {
  numFmt?: string;
  /** ARGB, e.g. FFFFE699. */
  fill?: string;
  bold?: boolean;
  size?: number;
  wrap?: boolean;
}

export interface ChartSpec {
  title: string;
  /** Sheet-qualified ranges, e.g. 'Summary'!$H$2:$H$40. */
  categories: string;
  bars: { name: string; values: string };
  line: { name: string; values: string };
  /**
   * The ranges' values as written: stored in the chart as its cache, which readers show before
   * (or without) recalculating — LibreOffice draws an empty chart from references alone.
   */
  cache?: { categories: readonly number[]; bars: readonly number[]; line: readonly number[] };
  /** Anchor: top-left and bottom-right cells (0-based col, row). */
  from: [number, number];
  to: [number, number];
  percentAxis?: boolean;
}

export interface SheetSpec {
  name: string;
  widths?: number[];
  /** Frozen rows above and columns left of the scrolling pane. */
  freeze?: { rows: number; cols: number };
  merges?: string[];
  print?: { landscape: boolean; fitToWidth: boolean; repeatRows?: [number, number] };
  table?: TableSpec;
  chart?: ChartSpec;
}

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold are the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- as above, plus what needs escaping
const ESCAPE_NEEDED = /[&<>\r_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Text for an XML element, every character kept: `&<>` escaped, CR as a character reference
 * (XML would turn a literal one into LF), characters XML cannot hold as Excel's `_xHHHH_`,
 * and a literal `_xHHHH_` protected as `_x005F_xHHHH_` so Excel reads it back as typed.
 */
export function xmlText(s: string): string {
  if (!ESCAPE_NEEDED.test(s)) return s;
  let out = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  out = out.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");

  return out.replace(
    XML_FORBIDDEN,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/** Excel serial (1900 system) of a UTC date. */
export const dateSerial = (d: Date): number => d.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET;

class StyleTable {
  private readonly keys = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly numFmts = new Map<string, number>();

  id(spec: StyleSpec): number {
    const key = JSON.stringify([
      spec.numFmt ?? "",
      spec.fill ?? "",
      !!spec.bold,
      spec.size ?? 11,
      !!spec.wrap,
    ]);
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    let fmtId = 0;
    if (spec.numFmt && spec.numFmt !== "General") {
      fmtId = this.numFmts.get(spec.numFmt) ?? 164 + this.numFmts.size;
      this.numFmts.set(spec.numFmt, fmtId);
    }
    let fontId = 0;
    if (spec.bold || (spec.size && spec.size !== 11)) {
      fontId = this.fonts.length;
      this.fonts.push(
        `<font>${spec.bold ? "<b/>" : ""}<sz val="${spec.size ?? 11}"/><name val="Calibri"/><family val="2"/></font>`,
      );
    }
    let fillId = 0;
    if (spec.fill) {
      fillId = this.fills.length;
      this.fills.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="${spec.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
      );
    }
    const apply =
      (fmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "");
    const align = spec.wrap ? '<alignment wrapText="1" vertical="top"/>' : "";
    const id = this.xfs.length;
    this.xfs.push(
      `<xf numFmtId="${fmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${apply}${align ? ' applyAlignment="1">' + align + "</xf>" : "/>"}`,
    );
    this.keys.set(key, id);
    return id;
  }

  xml(): string {
    const fmts = [...this.numFmts].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`,
    );
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join("")}</numFmts>` : "") +
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join("")}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      "</styleSheet>"
    );
  }
}

const LETTERS: string[] = [];
/** Column letters, memoised (the writer asks for them on every cell). */
const letter = (col: number): string => LETTERS[col] ?? (LETTERS[col] = columnLetter(col));

/** Writes the rows of one sheet. */
export class SheetRows {
  private lastRow = 0;
  constructor(
    private readonly part: ZipEntryWriter,
    private readonly dateStyle: number,
  ) {}

  /**
   * Writes row `rowNumber` (1-based; increasing). `cells[c]` goes to column c + `firstCol`;
   * `styles[c]` is its style id (0 for none). Nulls are left out.
   */
  row(
    rowNumber: number,
    cells: readonly OutCell[],
    styles?: readonly number[] | number,
    firstCol = 0,
  ): Promise<void> | void {
    this.lastRow = rowNumber;
    if (cells.length === 0) return;
    let xml = `<row r="${rowNumber}">`;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      let s = typeof styles === "number" ? styles : styles ? styles[c] : 0;
      if ((v === null || v === undefined || v === "") && !s) continue;
      const col = c + firstCol;
      // Every cell names its address: Excel does not need it, but some readers (exceljs) do.
      const r = ` r="${letter(col)}${rowNumber}"`;
      if (v === null || v === undefined || v === "") {
        // A blank cell with a format (a result column is formatted whole, as in the pane).
        xml += `<c${r} s="${s}"/>`;
      } else if (typeof v === "string") {
        xml += `<c${r}${s ? ` s="${s}"` : ""} t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
      } else if (typeof v === "number") {
        xml += Number.isFinite(v) ? `<c${r}${s ? ` s="${s}"` : ""}><v>${v}</v></c>` : "";
      } else if (typeof v === "boolean") {
        xml += `<c${r}${s ? ` s="${s}"` : ""} t="b"><v>${v ? 1 : 0}</v></c>`;
      } else if (v instanceof Date) {
        if (!s) s = this.dateStyle;
        xml += `<c${r} s="${s}"><v>${dateSerial(v)}</v></c>`;
      } else if (isErrorCell(v)) {
        xml += `<c${r}${s ? ` s="${s}"` : ""} t="e"><v>${xmlText(v.error)}</v></c>`;
      } else if (isRichText(v)) {
        xml += `<c${r}${s ? ` s="${s}"` : ""} t="inlineStr"><is>${v.richXml}</is></c>`;
      }
    }
    return this.part.write(xml + "</row>");
  }

  get rowsWritten(): number {
    return this.lastRow;
  }
}

interface SheetRecord {
  spec: SheetSpec;
  tableId?: number;
  chartId?: number;
}

export class XlsxWriter {
  private readonly zip: ZipWriter;
  readonly styles = new StyleTable();
  private readonly sheets: SheetRecord[] = [];
  private readonly dateStyle: number;

  constructor(file: string) {
    this.zip = new ZipWriter(file);
    this.dateStyle = this.styles.id({ numFmt: "yyyy-mm-dd" });
  }

  style(spec: StyleSpec): number {
    return this.styles.id(spec);
  }

  /** Writes one sheet: `body` writes its rows in order. Sheets appear in the order written. */
  async sheet(spec: SheetSpec, body: (rows: SheetRows) => Promise<void>, level = 6): Promise<void> {
    const index = this.sheets.length + 1;
    const record: SheetRecord = { spec };
    this.sheets.push(record);
    const part = await this.zip.entry(`xl/worksheets/sheet${index}.xml`, level);
    const views =
      spec.freeze && (spec.freeze.rows || spec.freeze.cols)
        ? (() => {
            const { rows, cols } = spec.freeze;
            const tl = `${columnLetter(cols)}${rows + 1}`;
            const pane = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
            return (
              `<sheetView workbookViewId="0"${index === 1 ? ' tabSelected="1"' : ""}>` +
              `<pane${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${tl}" activePane="${pane}" state="frozen"/>` +
              `<selection pane="${pane}" activeCell="${tl}" sqref="${tl}"/></sheetView>`
            );
          })()
        : `<sheetView workbookViewId="0"${index === 1 ? ' tabSelected="1"' : ""}/>`;
    const cols = spec.widths?.length
      ? `<cols>${spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w.toFixed(2)}" customWidth="1"/>`).join("")}</cols>`
      : "";
    const sheetPr = spec.print?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "";
    await part.write(
      XML_HEAD +
        `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${sheetPr}<sheetViews>${views}</sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`,
    );
    const rows = new SheetRows(part, this.dateStyle);
    await body(rows);
    let tail = "</sheetData>";
    if (spec.merges?.length) {
      tail += `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
    }
    tail += '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (spec.print) {
      tail +=
        `<pageSetup paperSize="9" orientation="${spec.print.landscape ? "landscape" : "portrait"}"` +
        (spec.print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : "") +
        "/>";
    }
    const rels: string[] = [];
    if (spec.chart) {
      record.chartId = this.sheets.filter((s) => s.chartId !== undefined).length + 1;
      rels.push(
        `<Relationship Id="rId${rels.length + 1}" Type="${REL}/drawing" Target="../drawings/drawing${record.chartId}.xml"/>`,
      );
      tail += `<drawing r:id="rId${rels.length}"/>`;
    }
    if (spec.table) {
      record.tableId = this.sheets.filter((s) => s.tableId !== undefined).length + 1;
      rels.push(
        `<Relationship Id="rId${rels.length + 1}" Type="${REL}/table" Target="../tables/table${record.tableId}.xml"/>`,
      );
      tail += `<tableParts count="1"><tablePart r:id="rId${rels.length}"/></tableParts>`;
    }
    await part.write(tail + "</worksheet>");
    await part.end();
    if (rels.length) {
      await this.zip.add(
        `xl/worksheets/_rels/sheet${index}.xml.rels`,
        XML_HEAD +
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
      );
    }
    if (spec.table && record.tableId)
      await this.zip.add(`xl/tables/table${record.tableId}.xml`, tableXml(record.tableId, spec.table));
    if (spec.chart && record.chartId) await this.writeChart(record.chartId, spec.chart);
  }

  private async writeChart(id: number, chart: ChartSpec): Promise<void> {
    const anchor = (tag: string, [c, r]: [number, number]) =>
      `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    await this.zip.add(
      `xl/drawings/drawing${id}.xml`,
      XML_HEAD +
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
        `<xdr:twoCellAnchor>${anchor("from", chart.from)}${anchor("to", chart.to)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart ${id}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="rId1"/>` +
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>",
    );
    await this.zip.add(
      `xl/drawings/_rels/drawing${id}.xml.rels`,
      XML_HEAD +
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart${id}.xml"/></Relationships>`,
    );
    await this.zip.add(`xl/charts/chart${id}.xml`, paretoChartXml(chart));
  }

  /** Finishes the workbook: it opens on the sheet at `activeSheet` (0-based). */
  async close(activeSheet = 0): Promise<void> {
    const sheets = this.sheets;
    const wbSheets = sheets
      .map((s, i) => `<sheet name="${xmlAttr(s.spec.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("");
    const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
    const names = sheets
      .map((s, i) =>
        s.spec.print?.repeatRows
          ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlAttr(quoted(s.spec.name))}!$${s.spec.print.repeatRows[0]}:$${s.spec.print.repeatRows[1]}</definedName>`
          : "",
      )
      .join("");
    await this.zip.add(
      "xl/workbook.xml",
      XML_HEAD +
        `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>` +
        `<bookViews><workbookView activeTab="${activeSheet}"/></bookViews><sheets>${wbSheets}</sheets>` +
        (names ? `<definedNames>${names}</definedNames>` : "") +
        "</workbook>",
    );
    await this.zip.add(
      "xl/_rels/workbook.xml.rels",
      XML_HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
        "</Relationships>",
    );
    await this.zip.add("xl/styles.xml", this.styles.xml());
    await this.zip.add(
      "_rels/.rels",
      XML_HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    const ct = "application/vnd.openxmlformats-officedocument";
    const overrides = [
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>`,
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>`,
      ...sheets.map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
      ),
      ...sheets.flatMap((s) =>
        s.tableId
          ? [
              `<Override PartName="/xl/tables/table${s.tableId}.xml" ContentType="${ct}.spreadsheetml.table+xml"/>`,
            ]
          : [],
      ),
      ...sheets.flatMap((s) =>
        s.chartId
          ? [
              `<Override PartName="/xl/drawings/drawing${s.chartId}.xml" ContentType="${ct}.drawing+xml"/>`,
              `<Override PartName="/xl/charts/chart${s.chartId}.xml" ContentType="${ct}.drawingml.chart+xml"/>`,
            ]
          : [],
      ),
    ];
    await this.zip.add(
      "[Content_Types].xml",
      XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        overrides.join("") +
        "</Types>",
    );
    await this.zip.close();
  }

  abort(): void {
    this.zip.destroy();
  }
}

/** A Pareto chart: columns (each point's share of value) and a line (cumulative share) on one axis. */
function paretoChartXml(chart: ChartSpec): string {
  const numCache = (xs: readonly number[] | undefined) =>
    xs
      ? `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${xs.length}"/>` +
        xs.map((x, i) => `<c:pt idx="${i}"><c:v>${x}</c:v></c:pt>`).join("") +
        "</c:numCache>"
      : "";
  const numRef = (ref: string, xs: readonly number[] | undefined) =>
    `<c:numRef><c:f>${xmlText(ref)}</c:f>${numCache(xs)}</c:numRef>`;
  const series = (idx: number, name: string, values: string) =>
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${xmlText(name)}</c:v></c:tx>` +
    // Explicit colours: "automatic" ones come from a theme part, which this workbook does not have.
    (idx === 0
      ? '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr>'
      : '<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="ED7D31"/></a:solidFill></a:ln></c:spPr>' +
        '<c:marker><c:symbol val="none"/></c:marker>') +
    `<c:cat>${numRef(chart.categories, chart.cache?.categories)}</c:cat>` +
    `<c:val>${numRef(values, idx === 0 ? chart.cache?.bars : chart.cache?.line)}</c:val>` +
    (idx === 1 ? '<c:smooth val="0"/>' : "") +
    "</c:ser>";
  const fmt = chart.percentAxis ? '<c:numFmt formatCode="0%" sourceLinked="0"/>' : "";
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}">` +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series(0, chart.bars.name, chart.bars.values)}` +
    '<c:gapWidth val="20"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>' +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series(1, chart.line.name, chart.line.values)}` +
    '<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>' +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${fmt}<c:tickLblPos val="nextTo"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="20"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>${fmt}<c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}
