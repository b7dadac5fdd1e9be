/**
 * A strict test double of Office.js Excel: it models the documentation, never our code.
 *
 * - Proxies queue operations; nothing reaches the workbook before `context.sync()`. At sync the
 *   queue runs in order; the first failing operation rejects the sync with its error code, what
 *   was queued before it stays applied and the rest is dropped.
 *   Doc (OfficeExtension.ClientRequestContext): "You create proxy objects from the context (or
 *   from other proxy objects), add commands to a queue to act on the object, and then synchronize
 *   the proxy object state with the document by calling `context.sync()`."
 * - A property read before `load` + `sync` throws PropertyNotLoaded, as Office.js does.
 * - Request and response sizes are measured on the serialized batch (JSON of every queued call
 *   with its arguments; JSON of the loaded values) against limits the test sets (5 MB default).
 * - Each member the add-in uses is listed in MODELED with the ExcelApi set its doc names; the
 *   host supports the sets a test gives it (never fewer than a real SharedRuntime 1.1 host).
 *
 * Every faked rule cites its documentation sentence (node_modules/@types/office-js/index.d.ts
 * unless a learn.microsoft.com page is named). What is not documented is in excelAssumptions.ts,
 * referred to here as ASSUMED.<key>. Self-contained (no Node imports): the e2e bundles it.
 */
import { ASSUMED } from "./excelAssumptions";

// ------------------------------------------------------------------ members and sets

/**
 * Every Office.js member the double models, with the ExcelApi version its doc comment names
 * ("[Api set: ExcelApi 1.n]"). tests/excel/coverage.test.ts checks that each member src/excel
 * uses is here, that the version matches index.d.ts, and that the double implements it.
 */
export const MODELED: Record<string, string> = {
  "Excel.run": "1.1",
  "ClientRequestContext.sync": "1.1",
  "ClientObject.isNullObject": "1.1",
  "RequestContext.workbook": "1.1",
  "RequestContext.application": "1.1",
  "Application.calculate": "1.1",
  "Application.suspendApiCalculationUntilNextSync": "1.6",
  "Application.suspendScreenUpdatingUntilNextSync": "1.9",
  "Workbook.getSelectedRange": "1.1",
  "Workbook.getSelectedRanges": "1.9",
  "RangeAreas.areaCount": "1.9",
  "RangeAreas.load": "1.9",
  "Workbook.tables": "1.1",
  "Workbook.worksheets": "1.1",
  "WorksheetCollection.add": "1.1",
  "WorksheetCollection.load": "1.1",
  "WorksheetCollection.items": "1.1",
  "WorksheetCollection.getActiveWorksheet": "1.1",
  "WorksheetCollection.getItem": "1.1",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "Worksheet.activate": "1.1",
  "Worksheet.autoFilter": "1.9",
  "Worksheet.charts": "1.1",
  "Worksheet.delete": "1.1",
  "Worksheet.getRange": "1.1",
  "Worksheet.getUsedRange": "1.1",
  "Worksheet.load": "1.1",
  "Worksheet.name": "1.1",
  "Worksheet.tables": "1.1",
  "Worksheet.visibility": "1.1",
  "Worksheet.freezePanes": "1.7",
  "WorksheetFreezePanes.freezeAt": "1.7",
  "WorksheetFreezePanes.getLocationOrNullObject": "1.7",
  "WorksheetFreezePanes.unfreeze": "1.7",
  "Range.address": "1.1",
  "Range.columnCount": "1.1",
  "Range.columnIndex": "1.1",
  "Range.conditionalFormats": "1.6",
  "Range.copyFrom": "1.9",
  "Range.format": "1.1",
  "Range.formulas": "1.1",
  "Range.getSurroundingRegion": "1.7",
  "Range.getUsedRangeOrNullObject": "1.4",
  "Range.load": "1.1",
  "Range.numberFormat": "1.1",
  "Range.rowCount": "1.1",
  "Range.rowIndex": "1.1",
  "Range.select": "1.1",
  "Range.sort": "1.2",
  "Range.values": "1.1",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.font": "1.1",
  "RangeFormat.fill": "1.1",
  "RangeFont.bold": "1.1",
  "RangeFont.color": "1.1",
  "RangeFill.color": "1.1",
  "RangeSort.apply": "1.2",
  "ConditionalFormatCollection.add": "1.6",
  "ConditionalFormatCollection.clearAll": "1.6",
  "ConditionalFormat.cellValue": "1.6",
  "CellValueConditionalFormat.format": "1.6",
  "CellValueConditionalFormat.rule": "1.6",
  "ConditionalRangeFormat.fill": "1.6",
  "ConditionalRangeFill.color": "1.6",
  "TableCollection.getItem": "1.1",
  "TableCollection.getItemOrNullObject": "1.4",
  "TableCollection.items": "1.1",
  "TableCollection.load": "1.1",
  "Table.columns": "1.1",
  "Table.getDataBodyRange": "1.1",
  "Table.getHeaderRowRange": "1.1",
  "Table.getRange": "1.1",
  "Table.load": "1.1",
  "Table.name": "1.1",
  "Table.resize": "1.13",
  "Table.showHeaders": "1.1",
  "Table.showTotals": "1.1",
  "Table.sort": "1.2",
  "TableColumnCollection.getItemAt": "1.1",
  "TableColumn.filter": "1.2",
  "TableSort.apply": "1.2",
  "Filter.applyValuesFilter": "1.2",
  "Filter.clear": "1.2",
  "AutoFilter.apply": "1.9",
  "AutoFilter.clearCriteria": "1.9",
  "AutoFilter.enabled": "1.9",
  "AutoFilter.load": "1.9",
  "ChartCollection.add": "1.1",
  "Chart.series": "1.1",
  "Chart.setPosition": "1.1",
  "Chart.title": "1.1",
  "ChartTitle.text": "1.1",
  "ChartSeriesCollection.getItemAt": "1.1",
  "ChartSeries.axisGroup": "1.8",
  "ChartSeries.chartType": "1.7",
  // Office (common API), not Excel: no ExcelApi set.
  "Office.context": "",
  "Context.displayLanguage": "",
  "Context.document": "",
  "Context.requirements": "",
  "Document.settings": "",
  "RequirementSetSupport.isSetSupported": "",
};

// ------------------------------------------------------------------ errors

/** An Office.js error: `code` is one of Excel.ErrorCodes (or RichApi's payload codes). */
export class FakeOfficeError extends Error {
  readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.debugInfo = { code, message };
  }
}

const fail = (code: string, message: string): never => {
  throw new FakeOfficeError(code, message);
};

// ------------------------------------------------------------------ addresses

export interface Block {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

export function parseA1(a: string): Block {
  const m = /^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$/i.exec(a.trim());
  if (!m || (!m[1] && !m[2])) return fail("InvalidArgument", `The argument is invalid: address "${a}"`);
  const c1 = m[1] ? colIndex(m[1]) : 0;
  const r1 = m[2] ? +m[2] - 1 : 0;
  const second = m[3] !== undefined || m[4] !== undefined;
  const col2 = second ? (m[3] ? colIndex(m[3]) : MAX_COL - 1) : m[1] ? c1 : MAX_COL - 1;
  const r2 = second ? (m[4] ? +m[4] - 1 : MAX_ROW - 1) : m[2] ? r1 : MAX_ROW - 1;
  return { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: col2 - c1 + 1 };
}

export function a1(b: Block): string {
  const first = `${colLetters(b.col)}${b.row + 1}`;
  if (b.rowCount === 1 && b.colCount === 1) return first;
  return `${first}:${colLetters(b.col + b.colCount - 1)}${b.row + b.rowCount}`;
}

function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "Sheet1!A1:B2" or "'a b'!A1" → sheet name (or null) and block. */
function splitAddress(address: string): { sheet: string | null; block: Block } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, block: parseA1(address) };
  let s = address.slice(0, bang);
  if (s.startsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return { sheet: s, block: parseA1(address.slice(bang + 1)) };
}

const overlaps = (a: Block, b: Block) =>
  a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.col < b.col + b.colCount && b.col < a.col + a.colCount;

// ------------------------------------------------------------------ host state (what a user sees)

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface ChartState {
  type: string;
  sourceAddress: string;
  seriesBy: string;
  /** Category labels as Excel takes them from the source layout (null: none). */
  categories: unknown[] | null;
  series: { name: string; values: unknown[]; chartType?: string; axisGroup?: string }[];
  title?: string;
  position?: [string, string?];
}

export interface ConditionalFormatState {
  block: Block;
  type: string;
  rule: unknown;
  fill?: string;
}

export class SheetState {
  cells = new Map<string, FakeCell>();
  widths = new Map<number, number>();
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  conditionalFormats: ConditionalFormatState[] = [];
  charts: ChartState[] = [];
  autoFilter: { criteria: { block: Block; column: number; values: string[] } | null } = { criteria: null };
  /** The frozen top-left pane (always from A1, ASSUMED.freezePaneFromA1), or null when nothing is frozen. */
  frozen: Block | null = null;
  constructor(public name: string) {}

  cell(r: number, c: number, create = false): FakeCell | undefined {
    const k = `${r},${c}`;
    let x = this.cells.get(k);
    if (!x && create) {
      x = { value: "", numberFormat: "General" };
      this.cells.set(k, x);
    }
    return x;
  }

  /** Doc (Worksheet.getUsedRange): "The used range is the smallest range that encompasses any cells that have a value or formatting assigned to them." */
  usedBlock(valuesOnly: boolean, within?: Block): Block | null {
    let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
    for (const [k, cell] of this.cells) {
      const hasValue = cell.value !== "" || !!cell.formula;
      const hasFormat = cell.numberFormat !== "General" || !!cell.fill || !!cell.fontColor || !!cell.bold;
      if (!hasValue && (valuesOnly || !hasFormat)) continue;
      const [r, c] = k.split(",").map(Number);
      if (within && !overlaps({ row: r, col: c, rowCount: 1, colCount: 1 }, within)) continue;
      r1 = Math.min(r1, r); c1 = Math.min(c1, c); r2 = Math.max(r2, r); c2 = Math.max(c2, c);
    }
    return r2 < 0 ? null : { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: c2 - c1 + 1 };
  }
}

export class TableState {
  filters = new Map<number, string[]>();
  showHeaders = true;
  showTotals = false;
  /** `headerRow` is the sheet row of the header; the body is the `bodyRows` rows below it; a totals row follows when shown. */
  constructor(
    public name: string,
    public sheet: SheetState,
    public headerRow: number,
    public col: number,
    public colCount: number,
    public bodyRows: number,
  ) {}
  /** Doc (Table.getRange): "Gets the range object associated with the entire table." — header and totals rows included. */
  get block(): Block {
    const top = this.showHeaders ? this.headerRow : this.headerRow + 1;
    const rows = (this.showHeaders ? 1 : 0) + this.bodyRows + (this.showTotals ? 1 : 0);
    return { row: top, col: this.col, rowCount: rows, colCount: this.colCount };
  }
  /** Doc (Table.getDataBodyRange): "Gets the range object associated with the data body of the table." */
  get body(): Block {
    return { row: this.headerRow + 1, col: this.col, rowCount: this.bodyRows, colCount: this.colCount };
  }
  headers(): string[] {
    return Array.from({ length: this.colCount }, (_, j) => String(this.sheet.cell(this.headerRow, this.col + j)?.value ?? ""));
  }
}

export interface HostOptions {
  /** The highest ExcelApi 1.x the host supports, e.g. "1.13". */
  excelApi?: string;
  /** Bytes; default 5 MB (Excel on the web). */
  requestLimit?: number;
  responseLimit?: number;
}

/** The workbook and application as the user sees them, plus what the tests inspect. */
export class FakeHost {
  sheets: SheetState[] = [new SheetState("Sheet1")];
  tables: TableState[] = [];
  active = "Sheet1";
  /** The user's selection: one or more areas on one sheet. */
  selection: { sheet: string; areas: string[] } = { sheet: "Sheet1", areas: ["A1"] };
  /** True while the user is typing in a cell. */
  cellEditing = false;
  private cellEditEnded: (() => void)[] = [];
  excelApiMinor: number;
  requestLimit: number;
  responseLimit: number;
  maxReadCells = 5_000_000;
  /** Formulas whose precedents changed under suspended calculation (ASSUMED.staleMeansWorkbookWide). */
  formulasStale = false;
  calculations: string[] = [];
  screenSuspendCount = 0;
  calcSuspendCount = 0;
  syncCount = 0;
  /** Per successful sync: request bytes and the ranges it wrote ("Sheet1!E1:R6"). */
  requestLog: { bytes: number; ranges: string[] }[] = [];
  /** Set to make the next sync reject before anything is applied (tests of failure paths). */
  failNextSync: Error | null = null;
  /** Called after each sync; a test can abort a signal at the n-th sync. */
  onSync: ((n: number) => void) | null = null;

  constructor(options: HostOptions = {}) {
    this.excelApiMinor = Number((options.excelApi ?? "1.17").split(".")[1]);
    // ASSUMED.sharedRuntimeMeansExcelApi110: the manifest requires SharedRuntime 1.1.
    if (this.excelApiMinor < 10)
      throw new Error(`no real host runs this add-in with ExcelApi ${options.excelApi}: SharedRuntime 1.1 hosts have ExcelApi ≥ 1.10 (${ASSUMED.sharedRuntimeMeansExcelApi110.why})`);
    this.requestLimit = options.requestLimit ?? 5 * 1024 * 1024;
    this.responseLimit = options.responseLimit ?? 5 * 1024 * 1024;
  }

  /** Office.context.requirements.isSetSupported for this host. */
  isSetSupported(name: string, version = "1.1"): boolean {
    const minor = Number(version.split(".")[1] ?? 0);
    if (name === "ExcelApi") return minor <= this.excelApiMinor;
    if (name === "SharedRuntime") return minor <= 1;
    if (name === "CustomFunctionsRuntime") return minor <= 4;
    return false;
  }

  // ASSUMED.sheetNamesCaseInsensitive
  findSheet(name: string): SheetState | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }
  sheet(name: string): SheetState {
    const s = this.findSheet(name);
    if (!s) throw new Error(`test: no sheet ${name}`);
    return s;
  }
  addSheet(name: string): SheetState {
    const s = new SheetState(name);
    this.sheets.push(s);
    return s;
  }
  table(name: string): TableState {
    const t = this.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new Error(`test: no table ${name}`);
    return t;
  }
  select(sheet: string, ...areas: string[]): void {
    this.selection = { sheet, areas };
  }

  beginCellEdit(): void {
    this.cellEditing = true;
  }
  endCellEdit(): void {
    this.cellEditing = false;
    for (const f of this.cellEditEnded.splice(0)) f();
  }

  /**
   * Excel.run. Doc (RunOptions.delayForCellEdit): "When `false`, if the user is in cell edit when
   * the batch request is processed by the host, the batch automatically fails. When `true`, the
   * batch request is executed immediately if the user is not in cell edit mode, but if the user is
   * in cell edit mode then the batch request is delayed until the user exits cell edit mode."
   * "The default behavior with no `delayForCellEdit` property specified is equivalent to when it is `false`."
   */
  async run<T>(
    optionsOrBatch: { delayForCellEdit?: boolean } | ((ctx: FakeContext) => Promise<T>),
    maybeBatch?: (ctx: FakeContext) => Promise<T>,
  ): Promise<T> {
    const options = typeof optionsOrBatch === "function" ? {} : optionsOrBatch;
    const batch = typeof optionsOrBatch === "function" ? optionsOrBatch : maybeBatch!;
    const ctx = new FakeContext(this);
    if (this.cellEditing) {
      if (!options.delayForCellEdit)
        fail("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again."); // ASSUMED.cellEditCode
      await new Promise<void>((resolve) => this.cellEditEnded.push(resolve));
    }
    ctx.delayForCellEdit = !!options.delayForCellEdit;
    return batch(ctx);
  }
}

// ------------------------------------------------------------------ typed input

const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoSerial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
}

/**
 * What a written string becomes. Doc (Range.values): "If the returned value starts with a plus
 * ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula." and
 * "use a locale-neutral format like ISO (YYYY-MM-DD) or a numeric date serial" to store dates.
 */
function enterValue(cell: FakeCell, v: unknown): void {
  delete cell.formula;
  if (v === null || v === undefined) return; // Doc: null in a values array leaves the cell as it is.
  if (typeof v === "number" || typeof v === "boolean") {
    cell.value = v;
    return;
  }
  const s = String(v);
  if (s.startsWith("'")) {
    cell.value = s.slice(1); // ASSUMED.quotePrefix
    return;
  }
  if (cell.numberFormat === "@") {
    cell.value = s; // ASSUMED.textFormatKeepsStrings
    return;
  }
  const plain = s.replace(/,(?=\d{3}(\D|$))/g, "");
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain)) {
    cell.value = Number(plain); // ASSUMED.generalParsing (a signed number is its value)
    return;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(plain)) {
    cell.value = Number(plain.slice(0, -1)) / 100; // ASSUMED.generalParsing
    return;
  }
  if (/^(true|false)$/i.test(s)) {
    cell.value = s.toLowerCase() === "true"; // ASSUMED.generalParsing
    return;
  }
  const d = DATE_ISO.exec(s);
  if (d) {
    cell.value = isoSerial(+d[1], +d[2], +d[3]);
    return;
  }
  if (/^[=+\-]/.test(s) || s.startsWith("@") /* ASSUMED.atSignStartsFormula */) {
    cell.formula = s.startsWith("=") ? s : "=" + s;
    cell.value = "#NAME?"; // ASSUMED.formulasNotEvaluated
    return;
  }
  cell.value = s;
}

// ------------------------------------------------------------------ the request queue

interface Op {
  id: number;
  member: string;
  args: unknown[];
  run: () => void;
}

const NOT_LOADED = (prop: string) =>
  new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  delayForCellEdit = false;
  private queue: Op[] = [];
  private pendingLoads: (() => void)[] = [];
  private writtenRanges: string[] = [];
  private nextId = 1;
  private calcSuspended = false;

  constructor(readonly host: FakeHost) {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }

  newId(): number {
    return this.nextId++;
  }

  /** Queues a call; `member` is checked against the host's requirement sets at sync. */
  op(owner: number, member: string, args: unknown[], run: () => void): void {
    this.queue.push({ id: owner, member, args, run });
  }
  noteWrite(address: string): void {
    this.writtenRanges.push(address);
  }
  suspendCalc(): void {
    this.calcSuspended = true;
  }
  get calculationSuspended(): boolean {
    return this.calcSuspended;
  }
  /** Called by a load op: the value is delivered only when the whole batch succeeds. */
  deliver(f: () => void): void {
    this.pendingLoads.push(f);
  }
  responseBytes = 0;

  /**
   * Doc (ClientRequestContext.sync): "Synchronizes the state between JavaScript proxy objects and
   * the Office document, by executing instructions queued on the request context and retrieving
   * properties of loaded Office objects for use in your code."
   */
  async sync(): Promise<void> {
    const host = this.host;
    const ops = this.queue;
    this.queue = [];
    this.pendingLoads = [];
    this.writtenRanges = [];
    this.responseBytes = 0;
    if (host.failNextSync) {
      const e = host.failNextSync;
      host.failNextSync = null;
      this.calcSuspended = false;
      throw e;
    }
    // ASSUMED.payloadLimitsAsDocumentedOnTheWeb: the request is the JSON of every queued call.
    const requestBytes = utf8Length(JSON.stringify(ops.map((o) => [o.id, o.member, o.args])));
    if (requestBytes > host.requestLimit) {
      this.calcSuspended = false;
      fail("RequestPayloadSizeLimitExceeded", `The request payload size (${requestBytes} bytes) has exceeded the limit.`);
    }
    let error: unknown = null;
    for (const o of ops) {
      try {
        const need = MODELED[o.member];
        if (need === undefined) fail("ApiNotFound", `test double: ${o.member} is not modelled`);
        if (need && Number(need.split(".")[1]) > host.excelApiMinor)
          fail("ApiNotFound", `The API you are trying to use could not be found: ${o.member} needs ExcelApi ${need}.`);
        o.run();
      } catch (e) {
        error = e; // ASSUMED.errorCodeAtSync: what ran before stays applied, the rest is dropped.
        break;
      }
    }
    this.calcSuspended = false;
    host.syncCount++;
    host.requestLog.push({ bytes: requestBytes, ranges: this.writtenRanges });
    host.onSync?.(host.syncCount);
    if (error) throw error;
    if (this.responseBytes > host.responseLimit) // ASSUMED.responseLimitAfterWrites
      fail("ResponsePayloadSizeLimitExceeded", `The response payload size (${this.responseBytes} bytes) has exceeded the limit.`);
    for (const f of this.pendingLoads) f();
    this.pendingLoads = [];
  }
}

/** Base of all proxies: an id, a target resolved lazily in queue order, and load/read. */
abstract class ProxyBase<T> {
  readonly id: number;
  private resolved = false;
  private value: T | null = null;
  protected loaded = new Map<string, unknown>();
  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => T | null,
    protected readonly kind: string,
  ) {
    this.id = ctx.newId();
  }
  /** The host object, resolved at the first operation that uses it (inside sync). */
  protected t(): T {
    const x = this.peek();
    if (x === null) return fail("ItemNotFound", `The requested resource doesn't exist (${this.kind}).`); // ASSUMED.nullObjectUse
    return x;
  }
  protected peek(): T | null {
    if (!this.resolved) {
      this.value = this.resolver();
      this.resolved = true;
    }
    return this.value;
  }
  protected queue(member: string, args: unknown[], run: () => void): void {
    this.ctx.op(this.id, member, args, run);
  }
  /** Doc (ClientObject.isNullObject): "Returns a boolean value for whether the corresponding object is a null object." */
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  protected read<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw NOT_LOADED(prop);
    return this.loaded.get(prop) as V;
  }
  /** The value of one loadable property, computed inside sync. */
  protected abstract capture(prop: string): unknown;
  load(props?: string | string[] | { select?: string }): this {
    const list = (typeof props === "string" ? props.split(",") : Array.isArray(props) ? props : (props?.select ?? "").split(","))
      .map((s) => s.trim())
      .filter((s) => s);
    this.queue(`${this.kind}.load`, [list], () => {
      const got = new Map<string, unknown>();
      for (const p of list.length ? list : this.defaultLoad()) {
        const v = p === "isNullObject" ? this.peek() === null : this.capture(p);
        got.set(p, v);
        this.ctx.responseBytes += utf8Length(JSON.stringify(v ?? null)) + p.length + 4;
      }
      this.ctx.deliver(() => {
        for (const [k, v] of got) this.loaded.set(k, v);
        this.afterLoad(got);
      });
    });
    return this;
  }
  protected defaultLoad(): string[] {
    return [];
  }
  protected afterLoad(_got: Map<string, unknown>): void {}
}

// ------------------------------------------------------------------ application, workbook

export class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  /**
   * Doc: "Suspends calculation until the next `context.sync()` is called. Once set, it is the
   * developer's responsibility to re-calc the workbook, to ensure that any dependencies are propagated."
   */
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.op(0, "Application.suspendApiCalculationUntilNextSync", [], () => {
      this.ctx.host.calcSuspendCount++;
      this.ctx.suspendCalc();
    });
  }
  /** Doc: "Suspends screen updating until the next `context.sync()` is called." */
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.op(0, "Application.suspendScreenUpdatingUntilNextSync", [], () => this.ctx.host.screenSuspendCount++);
  }
  /**
   * Doc: "Recalculate all currently opened workbooks in Excel." CalculationType "Recalculate":
   * "Recalculates all cells that Excel has marked as dirty"; "Full": "This will mark all cells as
   * dirty and then recalculate them."
   */
  calculate(calculationType: string): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType))
      fail("InvalidArgument", `The argument is invalid: calculationType ${calculationType}`);
    this.ctx.op(0, "Application.calculate", [calculationType], () => {
      this.ctx.host.calculations.push(calculationType);
      this.ctx.host.formulasStale = false;
    });
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly tables: FakeTables;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx, null);
  }
  /** Doc: "Gets the currently selected single range from the workbook. If there are multiple ranges selected, this method will throw an error." */
  getSelectedRange(): FakeRange {
    const host = this.ctx.host;
    const r = new FakeRange(this.ctx, () => {
      if (host.selection.areas.length !== 1)
        fail("InvalidSelection", "The current selection is invalid for this operation."); // ASSUMED.multiAreaSelectionCode
      return { sheet: host.sheet(host.selection.sheet), block: parseA1(host.selection.areas[0]) };
    });
    r.touch("Workbook.getSelectedRange");
    return r;
  }
  /** Doc: "Gets the currently selected one or more ranges from the workbook. Unlike `getSelectedRange()`, this method returns a `RangeAreas` object that represents all the selected ranges." */
  getSelectedRanges(): FakeRangeAreas {
    const host = this.ctx.host;
    const r = new FakeRangeAreas(this.ctx, () => ({ sheet: host.sheet(host.selection.sheet), areas: host.selection.areas.map(parseA1) }));
    r.touch("Workbook.getSelectedRanges");
    return r;
  }
}

/** The selection's areas (RangeAreas). */
export class FakeRangeAreas extends ProxyBase<{ sheet: SheetState; areas: Block[] }> {
  constructor(ctx: FakeContext, resolver: () => { sheet: SheetState; areas: Block[] }) {
    super(ctx, resolver, "RangeAreas");
  }
  touch(member: string): void {
    this.queue(member, [], () => void this.peek());
  }
  protected capture(prop: string): unknown {
    const { sheet, areas } = this.t();
    /** Doc: "Returns the number of rectangular ranges that comprise this `RangeAreas` object." */
    if (prop === "areaCount") return areas.length;
    if (prop === "address") return areas.map((b) => `${sheetRef(sheet.name)}!${a1(b)}`).join(",");
    return fail("InvalidArgument", `RangeAreas has no loadable property ${prop} in the double`);
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  get address(): string {
    return this.read("address");
  }
}

// ------------------------------------------------------------------ worksheets

export class FakeWorksheets extends ProxyBase<SheetState[]> {
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.host.sheets, "WorksheetCollection");
  }
  protected capture(prop: string): unknown {
    const sheets = this.ctx.host.sheets;
    if (prop === "items" || prop === "items/name") return sheets.map((s) => s.name);
    if (prop === "items/visibility") return sheets.map((s) => s.visibility);
    if (prop.startsWith("items/")) return fail("InvalidArgument", `Worksheet has no loadable property ${prop.slice(6)} in the double`);
    return fail("InvalidArgument", `WorksheetCollection has no property ${prop}`);
  }
  /**
   * Doc (WorksheetCollection.items): "Gets the loaded child items in this collection." — one
   * worksheet per sheet, in the workbook's order, with the loaded properties (name, visibility).
   */
  protected afterLoad(got: Map<string, unknown>): void {
    const keys = [...got.keys()].filter((k) => k === "items" || k.startsWith("items/"));
    if (keys.length === 0) return;
    const names = (got.get("items/name") ?? got.get("items") ?? got.get(keys[0])) as string[];
    const visibility = got.get("items/visibility") as string[] | undefined;
    this.loaded.set(
      "items",
      names.map((n, i) => {
        const w = this.getItem(n);
        w.markLoaded({ name: n, ...(visibility ? { visibility: visibility[i] } : {}) });
        return w;
      }),
    );
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }
  /** Doc: "Adds a new worksheet to the workbook. The worksheet will be added at the end of existing worksheets." */
  add(name: string): FakeWorksheet {
    const host = this.ctx.host;
    let made: SheetState | null = null;
    this.queue("WorksheetCollection.add", [name], () => {
      if (host.findSheet(name)) fail("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}`); // ASSUMED.sheetNamesCaseInsensitive
      made = host.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => made);
  }
  /** Doc: "Gets a worksheet object using its name or ID." */
  getItem(name: string): FakeWorksheet {
    const host = this.ctx.host;
    return new FakeWorksheet(this.ctx, () => host.findSheet(name) ?? fail("ItemNotFound", `The requested resource doesn't exist: worksheet ${name}`));
  }
  /** Doc: "If the worksheet does not exist, then this method will return an object with its `isNullObject` property set to `true`." */
  getItemOrNullObject(name: string): FakeWorksheet {
    const s = new FakeWorksheet(this.ctx, () => this.ctx.host.findSheet(name) ?? null);
    s.touch("WorksheetCollection.getItemOrNullObject");
    return s;
  }
  /** Doc: "Gets the currently active worksheet in the workbook." */
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.host.sheet(this.ctx.host.active));
  }
}

export class FakeWorksheet extends ProxyBase<SheetState> {
  /** Doc: "Gets an object that can be used to manipulate frozen panes on the worksheet." */
  readonly freezePanes: FakeFreezePanes;
  readonly charts: FakeCharts;
  readonly tables: FakeTables;
  readonly autoFilter: FakeAutoFilter;
  constructor(ctx: FakeContext, resolver: () => SheetState | null) {
    super(ctx, resolver, "Worksheet");
    this.charts = new FakeCharts(ctx, () => this.t());
    this.tables = new FakeTables(ctx, () => this.t());
    this.autoFilter = new FakeAutoFilter(ctx, () => this.t());
    this.freezePanes = new FakeFreezePanes(ctx, () => this.t());
  }
  /** Registers a no-op use so that a member's requirement set is checked at sync. */
  touch(member: string): void {
    this.queue(member, [], () => void this.peek());
  }
  state(): SheetState {
    return this.t();
  }
  markLoaded(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }
  protected capture(prop: string): unknown {
    const s = this.t();
    if (prop === "name") return s.name;
    if (prop === "visibility") return s.visibility;
    return fail("InvalidArgument", `Worksheet has no loadable property ${prop} in the double`);
  }
  get name(): string {
    return this.read("name");
  }
  /** Doc: "The visibility of the worksheet." */
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    this.queue("Worksheet.visibility", [v], () => {
      const s = this.t();
      const host = this.ctx.host;
      if (v !== "Visible" && s.visibility === "Visible" && host.sheets.filter((x) => x.visibility === "Visible").length === 1)
        fail("InvalidOperation", "The operation is not allowed: a workbook must keep one visible sheet."); // ASSUMED.lastVisibleSheet
      s.visibility = v as SheetState["visibility"];
    });
  }
  getRange(address?: string): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const s = this.t();
      return { sheet: s, block: address ? parseA1(address) : { row: 0, col: 0, rowCount: MAX_ROW, colCount: MAX_COL } };
    });
    r.touch("Worksheet.getRange");
    return r;
  }
  /**
   * Doc: "The used range is the smallest range that encompasses any cells that have a value or
   * formatting assigned to them. If the entire worksheet is blank, this function will return the
   * top left cell (i.e. it will *not* throw an error)."
   */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const s = this.t();
      return { sheet: s, block: s.usedBlock(!!valuesOnly) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 } };
    });
    r.touch("Worksheet.getUsedRange");
    return r;
  }
  /** Doc: "Activate the worksheet in the Excel UI." */
  activate(): void {
    this.queue("Worksheet.activate", [], () => {
      const s = this.t();
      if (s.visibility !== "Visible") fail("InvalidOperation", "A hidden sheet cannot be activated.");
      this.ctx.host.active = s.name;
    });
  }
  /**
   * Doc: "Deletes the worksheet from the workbook. Note that if the worksheet's visibility is set
   * to "VeryHidden", the delete operation will fail with an `InvalidOperation` exception. You
   * should first change its visibility to hidden or visible before deleting it."
   */
  delete(): void {
    this.queue("Worksheet.delete", [], () => {
      const s = this.t();
      const host = this.ctx.host;
      if (s.visibility === "VeryHidden")
        fail("InvalidOperation", "This operation is not allowed: first change the sheet's visibility to hidden or visible before deleting it.");
      if (s.visibility === "Visible" && host.sheets.filter((x) => x.visibility === "Visible").length === 1)
        fail("InvalidOperation", "The operation is not allowed: a workbook must keep one visible sheet."); // ASSUMED.lastVisibleSheet
      host.sheets.splice(host.sheets.indexOf(s), 1);
      host.tables = host.tables.filter((t) => t.sheet !== s);
      if (host.active === s.name) host.active = host.sheets.find((x) => x.visibility === "Visible")!.name;
    });
  }
}

/** Worksheet.freezePanes (WorksheetFreezePanes, ExcelApi 1.7): the members the add-in uses. */
export class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetState,
  ) {}
  /**
   * Doc: "Sets the frozen cells in the active worksheet view. The range provided corresponds to
   * cells that will be frozen in the top- and left-most pane." @param frozenRange "A range that
   * represents the cells to be frozen, or `null` to remove all frozen panes."
   * The pane runs from A1 to the range's bottom-right corner (ASSUMED.freezePaneFromA1); it
   * belongs to the worksheet the object came from (ASSUMED.freezePanesPerSheet).
   */
  freezeAt(frozenRange: FakeRange | string | null): void {
    const arg = frozenRange === null || typeof frozenRange === "string" ? frozenRange : frozenRange.id;
    this.ctx.op(0, "WorksheetFreezePanes.freezeAt", [arg], () => {
      const s = this.sheet();
      if (frozenRange === null) {
        s.frozen = null;
        return;
      }
      const b = typeof frozenRange === "string" ? parseA1(frozenRange) : frozenRange.target().block;
      s.frozen = { row: 0, col: 0, rowCount: b.row + b.rowCount, colCount: b.col + b.colCount };
    });
  }
  /** Doc: "Removes all frozen panes in the worksheet." */
  unfreeze(): void {
    this.ctx.op(0, "WorksheetFreezePanes.unfreeze", [], () => {
      this.sheet().frozen = null;
    });
  }
  /**
   * Doc: "Gets a range that describes the frozen cells in the active worksheet view. The frozen
   * range corresponds to cells that are frozen in the top- and left-most pane. If there is no
   * frozen pane, then this method returns an object with its `isNullObject` property set to `true`."
   */
  getLocationOrNullObject(): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const s = this.sheet();
      return s.frozen ? { sheet: s, block: s.frozen } : null;
    });
    r.touch("WorksheetFreezePanes.getLocationOrNullObject");
    return r;
  }
}

// ------------------------------------------------------------------ ranges

interface RangeTarget {
  sheet: SheetState;
  block: Block;
}

type Grid = unknown[][];

export class FakeRange extends ProxyBase<RangeTarget> {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormats;
  readonly sort: { apply(fields: { key: number; ascending?: boolean }[], matchCase?: boolean, hasHeaders?: boolean): void };
  constructor(ctx: FakeContext, resolver: () => RangeTarget | null) {
    super(ctx, resolver, "Range");
    this.format = new FakeRangeFormat(ctx, this);
    this.conditionalFormats = new FakeConditionalFormats(ctx, this);
    this.sort = {
      /** Doc (RangeSort.apply): "Perform a sort operation." hasHeaders: the first row is not sorted. */
      apply: (fields, matchCase, hasHeaders) =>
        this.queue("RangeSort.apply", [fields, matchCase, hasHeaders], () => {
          const { sheet, block } = this.t();
          const first = hasHeaders ? 1 : 0;
          sortRows(sheet, block, block.row + first, block.rowCount - first, fields);
        }),
    };
  }
  touch(member: string): void {
    this.queue(member, [], () => void this.peek());
  }
  target(): RangeTarget {
    return this.t();
  }
  private grid<T>(get: (c: FakeCell | undefined) => T): T[][] {
    const { sheet, block: b } = this.t();
    // ASSUMED.payloadLimitsAsDocumentedOnTheWeb (5,000,000 cells per get), ASSUMED.readOverCellLimitCode
    if (b.rowCount * b.colCount > this.ctx.host.maxReadCells)
      fail("RangeExceedsLimit", `The cell count in the range (${b.rowCount * b.colCount}) has exceeded the maximum supported number.`);
    const out: T[][] = [];
    for (let r = b.row; r < b.row + b.rowCount; r++) {
      const row: T[] = [];
      for (let c = b.col; c < b.col + b.colCount; c++) row.push(get(sheet.cell(r, c)));
      out.push(row);
    }
    return out;
  }
  protected defaultLoad(): string[] {
    return ["address", "rowIndex", "columnIndex", "rowCount", "columnCount"];
  }
  protected capture(prop: string): unknown {
    const { sheet, block: b } = this.t();
    switch (prop) {
      /** Doc: "Specifies the range reference in A1-style. Address value contains the sheet reference (e.g., "Sheet1!A1:B4")." */
      case "address":
        return `${sheetRef(sheet.name)}!${a1(b)}`;
      case "rowIndex":
        return b.row;
      /** Doc: "Specifies the column number of the first cell in the range. Zero-indexed." */
      case "columnIndex":
        return b.col;
      case "rowCount":
        return b.rowCount;
      /** Doc: "Specifies the total number of columns in the range." */
      case "columnCount":
        return b.colCount;
      /** Doc: "Represents the raw values of the specified range. … Cells that contain an error will return the error string." */
      case "values":
        return this.grid((c) => c?.value ?? "");
      /** Doc: "Represents the formula in A1-style notation. If a cell has no formula, its value is returned instead." */
      case "formulas":
        return this.grid((c) => c?.formula ?? c?.value ?? "");
      case "numberFormat":
        return this.grid((c) => c?.numberFormat ?? "General");
      /** Doc (RangeFormat.columnWidth): "Specifies the width of all columns within the range. If the column widths are not uniform, `null` will be returned." */
      case "format/columnWidth": {
        const ws = Array.from({ length: Math.min(b.colCount, 64) }, (_, j) => sheet.widths.get(b.col + j) ?? 64);
        return ws.every((w) => w === ws[0]) ? ws[0] : null;
      }
    }
    return fail("InvalidArgument", `Range has no loadable property ${prop} in the double`);
  }
  protected afterLoad(got: Map<string, unknown>): void {
    if (got.has("format/columnWidth")) this.format.loadedWidth = got.get("format/columnWidth") as number | null;
  }
  get address(): string { return this.read("address"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnCount(): number { return this.read("columnCount"); }
  get values(): Grid { return this.read("values"); }
  get formulas(): Grid { return this.read("formulas"); }
  get numberFormat(): Grid { return this.read("numberFormat"); }
  set values(v: Grid) { this.assign("Range.values", v, enterValue); }
  set formulas(v: Grid) { this.assign("Range.formulas", v, enterValue); }
  set numberFormat(v: Grid) { this.assign("Range.numberFormat", v, (c, x) => { if (x !== null && x !== undefined) c.numberFormat = String(x); }); }

  /** A 2-D array must match the range's size; a single value applies to every cell. */
  private assign(member: string, v: unknown, put: (c: FakeCell, x: unknown) => void): void {
    this.queue(member, [v], () => {
      const { sheet, block: b } = this.t();
      this.ctx.noteWrite(`${sheet.name}!${a1(b)}`);
      if (Array.isArray(v)) {
        if (v.length !== b.rowCount || v.some((row) => !Array.isArray(row) || row.length !== b.colCount))
          fail("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${a1(b)}.`);
        (v as unknown[][]).forEach((row, i) => row.forEach((x, j) => put(sheet.cell(b.row + i, b.col + j, true)!, x)));
      } else eachCell(sheet, b, (c) => put(c, v));
      if (member !== "Range.numberFormat") this.markRecalc();
    });
  }
  /** Doc (suspendApiCalculationUntilNextSync) — see FakeApplication; ASSUMED.staleMeansWorkbookWide. */
  private markRecalc(): void {
    if (this.ctx.calculationSuspended) this.ctx.host.formulasStale = true;
  }
  /**
   * Doc: "Returns a `Range` object that represents the surrounding region for the top-left cell in
   * this range. A surrounding region is a range bounded by any combination of blank rows and blank
   * columns relative to this range."
   */
  getSurroundingRegion(): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const { sheet: s, block } = this.t();
      const byRow = new Map<number, number[]>();
      const byCol = new Map<number, number[]>();
      for (const [k, x] of s.cells) {
        if (x.value === "" && !x.formula) continue;
        const [rr, cc] = k.split(",").map(Number);
        (byRow.get(rr) ?? byRow.set(rr, []).get(rr)!).push(cc);
        (byCol.get(cc) ?? byCol.set(cc, []).get(cc)!).push(rr);
      }
      let r1 = block.row, r2 = r1, c1 = block.col, c2 = c1;
      const rowHas = (q: number) => (byRow.get(q) ?? []).some((c) => c >= c1 - 1 && c <= c2 + 1);
      const colHas = (c: number) => (byCol.get(c) ?? []).some((q) => q >= r1 - 1 && q <= r2 + 1);
      let grew = true;
      while (grew) {
        grew = false;
        while (r1 > 0 && rowHas(r1 - 1)) { r1--; grew = true; }
        while (rowHas(r2 + 1)) { r2++; grew = true; }
        while (c1 > 0 && colHas(c1 - 1)) { c1--; grew = true; }
        while (colHas(c2 + 1)) { c2++; grew = true; }
      }
      return { sheet: s, block: { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: c2 - c1 + 1 } };
    });
    r.touch("Range.getSurroundingRegion");
    return r;
  }
  /** Doc: "If the entire range is blank, then this method returns an object with its `isNullObject` property set to `true`." (Range.getUsedRangeOrNullObject) */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const { sheet, block } = this.t();
      const b = sheet.usedBlock(!!valuesOnly, block);
      return b ? { sheet, block: b } : null;
    });
    r.touch("Range.getUsedRangeOrNullObject");
    return r;
  }
  /**
   * Doc: "Copies cell data or formatting from the source range or `RangeAreas` to the current
   * range." copyType "All" copies values, formulas and formats.
   */
  copyFrom(source: FakeRange | string, copyType = "All", skipBlanks = false, transpose = false): void {
    this.queue("Range.copyFrom", [typeof source === "string" ? source : source.id, copyType, skipBlanks, transpose], () => {
      const { sheet, block: b } = this.t();
      const src = typeof source === "string" ? { sheet, block: parseA1(source) } : source.target();
      const s = src.block;
      this.ctx.noteWrite(`${sheet.name}!${a1({ ...b, rowCount: s.rowCount, colCount: s.colCount })}`);
      for (let i = 0; i < s.rowCount; i++)
        for (let j = 0; j < s.colCount; j++) {
          const from = src.sheet.cell(s.row + i, s.col + j);
          const key = `${b.row + i},${b.col + j}`;
          if (from) sheet.cells.set(key, { ...from });
          else sheet.cells.delete(key);
        }
      this.markRecalc();
    });
  }
  /** Doc: "Selects the specified range in the Excel UI." */
  select(): void {
    this.queue("Range.select", [], () => {
      const { sheet, block } = this.t();
      const host = this.ctx.host;
      host.selection = { sheet: sheet.name, areas: [a1(block)] };
      host.active = sheet.name;
    });
  }
}

function eachCell(sheet: SheetState, b: Block, f: (c: FakeCell) => void): void {
  for (let r = b.row; r < b.row + b.rowCount; r++) for (let c = b.col; c < b.col + b.colCount; c++) f(sheet.cell(r, c, true)!);
}

function sortRows(sheet: SheetState, b: Block, first: number, count: number, fields: { key: number; ascending?: boolean }[]): void {
  const rows: Map<number, FakeCell | undefined>[] = [];
  for (let r = first; r < first + count; r++) {
    const m = new Map<number, FakeCell | undefined>();
    for (let c = b.col; c < b.col + b.colCount; c++) m.set(c, sheet.cell(r, c));
    rows.push(m);
  }
  const blank = (x: unknown) => x === "" || x === undefined;
  const cmp = (x: unknown, y: unknown): number => {
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  };
  rows.sort((p, q) => {
    for (const f of fields) {
      const x = p.get(b.col + f.key)?.value, y = q.get(b.col + f.key)?.value;
      if (blank(x) || blank(y)) {
        if (blank(x) !== blank(y)) return blank(x) ? 1 : -1; // blanks last in either order
        continue;
      }
      const d = cmp(x, y);
      if (d !== 0) return f.ascending !== false ? d : -d;
    }
    return 0;
  });
  rows.forEach((m, i) => {
    for (const [c, cell] of m) {
      const key = `${first + i},${c}`;
      if (cell) sheet.cells.set(key, cell);
      else sheet.cells.delete(key);
    }
  });
}

export class FakeRangeFormat {
  loadedWidth: number | null | undefined = undefined;
  readonly font: { bold: boolean | null; color: string | null };
  readonly fill: { color: string | null; clear(): void };
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    const self = this;
    const put = (member: string, v: unknown, f: (c: FakeCell) => void) =>
      ctx.op(range.id, member, [v], () => {
        const { sheet, block } = range.target();
        eachCell(sheet, block, f);
      });
    this.font = {
      get bold(): boolean | null { throw NOT_LOADED("format/font/bold"); },
      set bold(v: boolean | null) { put("RangeFont.bold", v, (c) => (c.bold = v ?? undefined)); },
      get color(): string | null { throw NOT_LOADED("format/font/color"); },
      set color(v: string | null) { put("RangeFont.color", v, (c) => (c.fontColor = v ?? undefined)); },
    };
    this.fill = {
      get color(): string | null { throw NOT_LOADED("format/fill/color"); },
      set color(v: string | null) { put("RangeFill.color", v, (c) => (c.fill = v ?? undefined)); },
      clear() { put("RangeFill.color", null, (c) => delete c.fill); },
    };
    void self;
  }
  /** Doc: "Specifies the width of all columns within the range. If the column widths are not uniform, `null` will be returned." */
  get columnWidth(): number | null {
    if (this.loadedWidth === undefined) throw NOT_LOADED("format/columnWidth");
    return this.loadedWidth;
  }
  set columnWidth(w: number | null) {
    this.ctx.op(this.range.id, "RangeFormat.columnWidth", [w], () => {
      const { sheet, block } = this.range.target();
      for (let c = block.col; c < block.col + block.colCount; c++) sheet.widths.set(c, w ?? 64);
    });
  }
}

export class FakeConditionalFormats {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {}
  /** Doc: "Adds a new conditional format to the collection at the first/top priority." */
  add(type: string) {
    const entry: ConditionalFormatState = { block: { row: 0, col: 0, rowCount: 0, colCount: 0 }, type, rule: null };
    this.ctx.op(this.range.id, "ConditionalFormatCollection.add", [type], () => {
      const { sheet, block } = this.range.target();
      entry.block = { ...block };
      sheet.conditionalFormats.push(entry);
    });
    const ctx = this.ctx;
    const cellValue = {
      format: {
        fill: {
          set color(v: string) { ctx.op(0, "ConditionalRangeFill.color", [v], () => (entry.fill = v)); },
          get color(): string { throw NOT_LOADED("color"); },
        },
      },
      set rule(v: unknown) { ctx.op(0, "CellValueConditionalFormat.rule", [v], () => (entry.rule = v)); },
      get rule(): unknown { throw NOT_LOADED("rule"); },
    };
    if (type !== "CellValue") fail("InvalidArgument", `test double: conditional format type ${type} is not modelled`);
    return { cellValue };
  }
  /** Doc: "Clears all conditional formats active on the current specified range." */
  clearAll(): void {
    this.ctx.op(this.range.id, "ConditionalFormatCollection.clearAll", [], () => {
      const { sheet, block } = this.range.target();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !overlaps(f.block, block));
    });
  }
}

// ------------------------------------------------------------------ tables

/** ASSUMED.tableHeaderRenaming: the header Excel gives a column when `name` is taken. */
export function uniqueHeader(name: string, taken: string[], index: number): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (name === "") {
    let k = index + 1;
    while (lower.has(`column${k}`)) k++;
    return `Column${k}`;
  }
  if (!lower.has(name.toLowerCase())) return name;
  let k = 2;
  while (lower.has(`${name}${k}`.toLowerCase())) k++;
  return `${name}${k}`;
}

export class FakeTables extends ProxyBase<TableState[]> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => SheetState) | null,
  ) {
    super(ctx, () => (sheet ? ctx.host.tables.filter((t) => t.sheet === sheet()) : ctx.host.tables), "TableCollection");
  }
  private list(): TableState[] {
    return this.sheet ? this.ctx.host.tables.filter((t) => t.sheet === this.sheet!()) : this.ctx.host.tables;
  }
  protected capture(prop: string): unknown {
    if (prop === "items" || prop.startsWith("items/")) return this.list().map((t) => t.name);
    return fail("InvalidArgument", `TableCollection has no property ${prop}`);
  }
  protected afterLoad(got: Map<string, unknown>): void {
    const key = [...got.keys()].find((k) => k === "items" || k.startsWith("items/"));
    if (!key) return;
    const names = got.get(key) as string[];
    this.loaded.set(
      "items",
      names.map((n) => {
        const t = this.getItem(n);
        t.markLoaded({ name: n });
        return t;
      }),
    );
  }
  /** Doc: "Gets the loaded child items in this collection." */
  get items(): FakeTable[] {
    return this.read("items");
  }
  /** Doc: "Gets a table by name or ID." */
  getItem(name: string): FakeTable {
    const host = this.ctx.host;
    return new FakeTable(this.ctx, () => host.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? fail("ItemNotFound", `The requested resource doesn't exist: table ${name}`));
  }
  getItemOrNullObject(name: string): FakeTable {
    const host = this.ctx.host;
    const t = new FakeTable(this.ctx, () => host.tables.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null);
    t.touch("TableCollection.getItemOrNullObject");
    return t;
  }
}

export class FakeTable extends ProxyBase<TableState> {
  readonly sort: { apply(fields: { key: number; ascending?: boolean }[]): void };
  readonly columns: { getItemAt(i: number): { filter: { applyValuesFilter(v: string[]): void; clear(): void } } };
  constructor(ctx: FakeContext, resolver: () => TableState | null) {
    super(ctx, resolver, "Table");
    this.sort = {
      /** Doc (TableSort.apply): "Perform a sort operation." — the data body only. */
      apply: (fields) =>
        this.queue("TableSort.apply", [fields], () => {
          const t = this.t();
          sortRows(t.sheet, t.body, t.body.row, t.body.rowCount, fields);
        }),
    };
    this.columns = {
      getItemAt: (i: number) => {
        const col = (member: string, args: unknown[], f: (t: TableState) => void) =>
          this.queue(member, args, () => {
            const t = this.t();
            if (i < 0 || i >= t.colCount) fail("ItemNotFound", `The requested resource doesn't exist: table column ${i}`);
            f(t);
          });
        return {
          filter: {
            /** Doc: "Apply a "Values" filter to the column for the given values." */
            applyValuesFilter: (v: string[]) => col("Filter.applyValuesFilter", [v], (t) => t.filters.set(i, v)),
            clear: () => col("Filter.clear", [], (t) => t.filters.delete(i)),
          },
        };
      },
    };
  }
  touch(member: string): void {
    this.queue(member, [], () => void this.peek());
  }
  markLoaded(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }
  protected capture(prop: string): unknown {
    const t = this.t();
    if (prop === "name") return t.name;
    if (prop === "showTotals") return t.showTotals;
    if (prop === "showHeaders") return t.showHeaders;
    return fail("InvalidArgument", `Table has no loadable property ${prop} in the double`);
  }
  get name(): string { return this.read("name"); }
  get showTotals(): boolean { return this.read("showTotals"); }
  /** Doc: "Specifies if the total row is visible. This value can be set to show or remove the total row." */
  set showTotals(v: boolean) { this.queue("Table.showTotals", [v], () => (this.t().showTotals = v)); }
  get showHeaders(): boolean { return this.read("showHeaders"); }
  /** Doc: "Specifies if the header row is visible. This value can be set to show or remove the header row." */
  set showHeaders(v: boolean) { this.queue("Table.showHeaders", [v], () => (this.t().showHeaders = v)); }
  private range(member: string, pick: (t: TableState) => Block | null): FakeRange {
    const r = new FakeRange(this.ctx, () => {
      const t = this.t();
      const b = pick(t);
      return b ? { sheet: t.sheet, block: b } : fail("InvalidOperation", `${member}: the table has no such row`); // ASSUMED.headerRowHidden
    });
    r.touch(member);
    return r;
  }
  /** Doc: "Gets the range object associated with the entire table." */
  getRange(): FakeRange {
    return this.range("Table.getRange", (t) => t.block);
  }
  /** Doc: "Gets the range object associated with the header row of the table." */
  getHeaderRowRange(): FakeRange {
    return this.range("Table.getHeaderRowRange", (t) => (t.showHeaders ? { row: t.headerRow, col: t.col, rowCount: 1, colCount: t.colCount } : null));
  }
  /** Doc: "Gets the range object associated with the data body of the table." */
  getDataBodyRange(): FakeRange {
    return this.range("Table.getDataBodyRange", (t) => t.body);
  }
  /**
   * Doc: "Resize the table to the new range. The new range must overlap with the original table
   * range and the headers (or the top of the table) must be in the same row."
   * ASSUMED.tableHeaderRenaming: headers stay unique.
   */
  resize(address: string | FakeRange): void {
    this.queue("Table.resize", [typeof address === "string" ? address : address.id], () => {
      const t = this.t();
      const b = typeof address === "string" ? splitAddress(address).block : address.target().block;
      const top = t.showHeaders ? t.headerRow : t.headerRow + 1;
      if (b.row !== top || !overlaps(b, t.block))
        fail("InvalidArgument", "The argument is invalid or missing or has an incorrect format: the new range must overlap the table and keep its header row.");
      const totals = t.showTotals ? 1 : 0;
      const oldCol = t.col;
      const oldCount = t.colCount;
      t.col = b.col;
      t.colCount = b.colCount;
      t.bodyRows = b.rowCount - (t.showHeaders ? 1 : 0) - totals;
      if (!t.showHeaders) return;
      // The table's own headers keep their names; each new column's header must not repeat one.
      const isOld = (j: number) => t.col + j >= oldCol && t.col + j < oldCol + oldCount;
      const header = (j: number) => t.sheet.cell(t.headerRow, t.col + j, true)!;
      const taken: string[] = [];
      for (let j = 0; j < t.colCount; j++) if (isOld(j)) taken.push(String(header(j).value ?? ""));
      for (let j = 0; j < t.colCount; j++) {
        if (isOld(j)) continue;
        const c = header(j);
        const name = uniqueHeader(String(c.value ?? ""), taken, j);
        if (name !== c.value) c.value = name;
        taken.push(name);
      }
    });
  }
}

// ------------------------------------------------------------------ charts

export class FakeCharts {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetState,
  ) {}
  /**
   * Doc: "Creates a new chart." seriesBy: "Specifies the way columns or rows are used as data
   * series on the chart." The series Excel builds from the layout: ASSUMED.chartSeriesFromLayout.
   */
  add(type: string, source: FakeRange, seriesBy = "Auto") {
    const chart: ChartState = { type, sourceAddress: "", seriesBy, categories: null, series: [] };
    this.ctx.op(source.id, "ChartCollection.add", [type, source.id, seriesBy], () => {
      const { sheet, block } = source.target();
      chart.sourceAddress = a1(block);
      const cell = (r: number, c: number) => sheet.cell(block.row + r, block.col + c)?.value ?? "";
      // Doc (ChartSeriesBy.auto): "In Excel on the web, "auto" will simply default to "columns"."
      if (seriesBy === "Rows") fail("InvalidArgument", "test double: seriesBy Rows is not modelled");
      const isText = (v: unknown) => typeof v === "string" && v !== "";
      const topLeftBlank = cell(0, 0) === "";
      const firstRowText = Array.from({ length: block.colCount }, (_, j) => cell(0, j)).slice(1).every((v) => isText(v) || v === "");
      const firstColText = Array.from({ length: block.rowCount - 1 }, (_, i) => cell(i + 1, 0)).some(isText);
      const hasNames = topLeftBlank ? true : firstRowText && isText(cell(0, 0));
      const catCol = topLeftBlank || firstColText;
      const r0 = hasNames ? 1 : 0;
      const rows = Array.from({ length: block.rowCount - r0 }, (_, i) => i + r0);
      chart.categories = catCol ? rows.map((i) => cell(i, 0)) : null;
      for (let j = catCol ? 1 : 0; j < block.colCount; j++)
        chart.series.push({ name: hasNames ? String(cell(0, j)) : `Series${chart.series.length + 1}`, values: rows.map((i) => cell(i, j)) });
      sheet.charts.push(chart);
    });
    const ctx = this.ctx;
    const seriesAt = (i: number) => {
      const set = (member: string, key: "chartType" | "axisGroup", v: string) =>
        ctx.op(0, member, [i, v], () => {
          const s = chart.series[i];
          if (!s) fail("ItemNotFound", `The requested resource doesn't exist: chart series ${i} (the chart has ${chart.series.length})`);
          s[key] = v;
        });
      return {
        set chartType(v: string) { set("ChartSeries.chartType", "chartType", v); },
        get chartType(): string { throw NOT_LOADED("chartType"); },
        set axisGroup(v: string) { set("ChartSeries.axisGroup", "axisGroup", v); },
        get axisGroup(): string { throw NOT_LOADED("axisGroup"); },
      };
    };
    return {
      title: {
        /** Doc: "Specifies the chart's title text." */
        set text(v: string) { ctx.op(0, "ChartTitle.text", [v], () => (chart.title = v)); },
        get text(): string { throw NOT_LOADED("text"); },
      },
      /** Doc: "Retrieves a series based on its position in the collection." */
      series: { getItemAt: (i: number) => { ctx.op(0, "ChartSeriesCollection.getItemAt", [i], () => undefined); return seriesAt(i); } },
      /** Doc: "Positions the chart relative to cells on the worksheet." */
      setPosition: (start: string, end?: string) => ctx.op(0, "Chart.setPosition", [start, end], () => (chart.position = [start, end])),
    };
  }
}

// ------------------------------------------------------------------ AutoFilter

export class FakeAutoFilter extends ProxyBase<SheetState> {
  constructor(ctx: FakeContext, sheet: () => SheetState) {
    super(ctx, sheet, "AutoFilter");
  }
  protected capture(prop: string): unknown {
    if (prop === "enabled") return this.t().autoFilter.criteria !== null;
    return fail("InvalidArgument", `AutoFilter has no loadable property ${prop} in the double`);
  }
  /** Doc: "Specifies if the AutoFilter is enabled." */
  get enabled(): boolean {
    return this.read("enabled");
  }
  /** Doc: "Applies the AutoFilter to a range. This filters the column if column index and filter criteria are specified." */
  apply(range: FakeRange | string, columnIndex: number, criteria: { values?: string[] }): void {
    this.queue("AutoFilter.apply", [typeof range === "string" ? range : range.id, columnIndex, criteria], () => {
      const s = this.t();
      const b = typeof range === "string" ? parseA1(range) : range.target().block;
      s.autoFilter.criteria = { block: b, column: columnIndex, values: criteria.values ?? [] };
    });
  }
  /** Doc: "Clears the filter criteria of the AutoFilter." — an error when there is no AutoFilter. */
  clearCriteria(): void {
    this.queue("AutoFilter.clearCriteria", [], () => {
      const s = this.t();
      if (!s.autoFilter.criteria) fail("InvalidOperation", "The operation is not allowed: no AutoFilter on the sheet.");
      s.autoFilter.criteria!.values = [];
    });
  }
}

// ------------------------------------------------------------------ test set-up helpers (no sync accounting)

/** Writes a grid directly into the host (set-up); a string starting with "=" is a formula (value "#CALC"). */
export function putGrid(sheet: SheetState, topLeft: string, rows: unknown[][], numberFormat?: string): void {
  const b = parseA1(topLeft);
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      if ((v === null || v === undefined || v === "") && !numberFormat) return;
      const c = sheet.cell(b.row + i, b.col + j, true)!;
      if (numberFormat) c.numberFormat = numberFormat;
      if (v === null || v === undefined) return;
      if (typeof v === "string" && v.startsWith("=")) {
        c.formula = v;
        c.value = "#CALC";
      } else c.value = v as string | number | boolean;
    }),
  );
}

export function readGrid(sheet: SheetState, address: string, what: (c: FakeCell | undefined) => unknown = (c) => c?.value ?? ""): unknown[][] {
  const b = parseA1(address);
  const out: unknown[][] = [];
  for (let r = b.row; r < b.row + b.rowCount; r++) {
    const row: unknown[] = [];
    for (let c = b.col; c < b.col + b.colCount; c++) row.push(what(sheet.cell(r, c)));
    out.push(row);
  }
  return out;
}

/**
 * A table as Excel makes it from an address with headers: header row, body, and (with totals)
 * one more row below the body. Headers are made unique (ASSUMED.tableHeaderRenaming).
 */
export function addTable(host: FakeHost, sheetName: string, address: string, name: string, opts: { showTotals?: boolean } = {}): TableState {
  const b = parseA1(address);
  const sheet = host.sheet(sheetName);
  const totals = opts.showTotals ? 1 : 0;
  const t = new TableState(name, sheet, b.row, b.col, b.colCount, b.rowCount - 1 - totals);
  t.showTotals = !!opts.showTotals;
  const taken: string[] = [];
  for (let j = 0; j < b.colCount; j++) {
    const c = sheet.cell(b.row, b.col + j, true)!;
    const h = uniqueHeader(String(c.value ?? ""), taken, j);
    c.value = h;
    taken.push(h);
  }
  host.tables.push(t);
  return t;
}

/** Formats set up directly (fill, bold, number format) for a block. */
export function putFormat(sheet: SheetState, address: string, f: Partial<Pick<FakeCell, "fill" | "bold" | "numberFormat" | "fontColor">>): void {
  eachCell(sheet, parseA1(address), (c) => Object.assign(c, f));
}
