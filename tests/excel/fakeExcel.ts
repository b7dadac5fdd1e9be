/**
 * A small in-memory Excel for tests and the e2e "simulated host": worksheets as sparse
 * grids (value, formula, numberFormat, fill, font), tables, ranges by A1 address,
 * and load/sync semantics — reading a property that was not loaded and synced throws,
 * as Office.js does. Self-contained (no Node imports) so it can be bundled for a browser.
 *
 * Writes apply at once (Office.js queues them until sync, but the end state is the same);
 * each sync records the request's estimated payload so tests can check chunking.
 * Not modelled: formulas are not evaluated (a formula cell's value is "#NAME?"),
 * copyFrom does not copy conditional formats.
 */

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

interface Block {
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

function parseA1(a: string): Block {
  const m = /^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$/i.exec(a.trim());
  if (!m) throw new Error(`InvalidArgument: bad address ${a}`);
  const c1 = m[1] ? colIndex(m[1]) : 0;
  const r1 = m[2] ? +m[2] - 1 : 0;
  const c2 = m[3] ? colIndex(m[3]) : m[1] ? c1 : MAX_COL - 1;
  const r2 = m[4] ? +m[4] - 1 : m[2] && !m[3] ? r1 : m[2] ? r1 : MAX_ROW - 1;
  return { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: c2 - c1 + 1 };
}

function a1(b: Block): string {
  const first = `${colLetters(b.col)}${b.row + 1}`;
  if (b.rowCount === 1 && b.colCount === 1) return first;
  return `${first}:${colLetters(b.col + b.colCount - 1)}${b.row + b.rowCount}`;
}

function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function bytesOf(v: unknown): number {
  if (typeof v === "string") return new TextEncoder().encode(v).length + 3;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + bytesOf(x), 2);
  return String(v).length + 1;
}

/** Excel's reading of typed input: quote prefix, text format, formulas, numbers. */
function enterValue(cell: FakeCell, v: unknown): void {
  delete cell.formula;
  if (typeof v === "string") {
    if (v.startsWith("'")) cell.value = v.slice(1);
    else if (cell.numberFormat === "@") cell.value = v;
    else if (/^[=+\-@]./.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v)) {
      cell.formula = v.startsWith("=") ? v : "=" + v;
      cell.value = "#NAME?";
    } else if (/^[+-]?\d+(\.\d+)?$/.test(v)) cell.value = Number(v);
    else cell.value = v;
  } else if (typeof v === "number" || typeof v === "boolean") cell.value = v;
  else cell.value = "";
}

class NotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before load() and sync()`);
  }
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  syncCount = 0;
  /** Estimated bytes of each synced request. */
  requestBytes: number[] = [];
  /** Per synced request: its bytes and the ranges it wrote ("Sheet1!E1:R6"). */
  requestLog: { bytes: number; ranges: string[] }[] = [];
  pendingBytes = 0;
  pendingRanges: string[] = [];
  private pendingLoads: (() => void)[] = [];
  /** Set to make sync reject once (tests of failure paths). */
  failNextSync: Error | null = null;
  /** Called before each sync; a test can abort a signal at the n-th sync. */
  onSync: ((n: number) => void) | null = null;

  constructor() {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication();
  }

  queueLoad(f: () => void): void {
    this.pendingLoads.push(f);
  }

  async sync(): Promise<void> {
    if (this.failNextSync) {
      const e = this.failNextSync;
      this.failNextSync = null;
      throw e;
    }
    this.syncCount++;
    this.requestBytes.push(this.pendingBytes);
    this.requestLog.push({ bytes: this.pendingBytes, ranges: this.pendingRanges });
    this.pendingBytes = 0;
    this.pendingRanges = [];
    this.application.calcSuspended = false;
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    for (const f of loads) f();
    this.onSync?.(this.syncCount);
  }

  /** Runs a batch like Excel.run. */
  run<T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> {
    return batch(this);
  }
}

export class FakeApplication {
  calcSuspended = false;
  calcSuspendCount = 0;
  screenSuspendCount = 0;
  suspendApiCalculationUntilNextSync(): void {
    this.calcSuspended = true;
    this.calcSuspendCount++;
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.screenSuspendCount++;
  }
}

/** Base for proxies: load() marks properties readable after the next sync. */
class Loadable {
  protected loaded = new Set<string>();
  protected snap: Record<string, unknown> = {};
  constructor(protected readonly ctx: FakeContext) {}
  protected capture(): Record<string, unknown> {
    return {};
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const raw = typeof props === "string" ? props.split(",").map((s) => s.trim()) : Array.isArray(props) ? props : null;
    // "items/name" loads a collection's items and each item's name.
    const list = raw?.map((k) => k.split("/")[0]);
    this.ctx.queueLoad(() => {
      const all = this.capture();
      for (const k of list ?? Object.keys(all)) {
        this.loaded.add(k);
        this.snap[k] = all[k];
        if (k === "items") for (const item of all[k] as Loadable[]) item.markLoaded();
      }
    });
    return this;
  }
  /** Items of a loaded collection come with their scalar properties. */
  markLoaded(): void {
    const all = this.capture();
    for (const k of Object.keys(all)) {
      this.loaded.add(k);
      this.snap[k] = all[k];
    }
  }
  protected read<T>(key: string): T {
    if (!this.loaded.has(key)) throw new NotLoaded(key);
    return this.snap[key] as T;
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly tables: FakeTables;
  selection: { sheet: string; address: string } = { sheet: "Sheet1", address: "A1" };
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx, this);
    this.tables = new FakeTables(ctx, this, null);
  }
  getSelectedRange(): FakeRange {
    return this.worksheets.getItem(this.selection.sheet).getRange(this.selection.address);
  }
}

export class FakeWorksheets extends Loadable {
  sheets: FakeWorksheet[] = [];
  active = "Sheet1";
  constructor(ctx: FakeContext, readonly wb: FakeWorkbook) {
    super(ctx);
    this.add("Sheet1");
  }
  protected capture(): Record<string, unknown> {
    return { items: [...this.sheets] };
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }
  add(name: string): FakeWorksheet {
    if (this.sheets.some((s) => s.sheetName === name)) throw new Error(`ItemAlreadyExists: ${name}`);
    const s = new FakeWorksheet(this.ctx, this.wb, name);
    this.sheets.push(s);
    return s;
  }
  getItem(name: string): FakeWorksheet {
    const s = this.sheets.find((x) => x.sheetName === name);
    if (!s) throw new Error(`ItemNotFound: sheet ${name}`);
    return s;
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return this.sheets.find((x) => x.sheetName === name) ?? FakeWorksheet.nullObject(this.ctx, this.wb);
  }
  getActiveWorksheet(): FakeWorksheet {
    return this.getItem(this.active);
  }
}

export class FakeWorksheet extends Loadable {
  cells = new Map<string, FakeCell>();
  widths = new Map<number, number>();
  visibility = "Visible";
  deleted = false;
  isNull = false;
  charts: FakeCharts;
  tables: FakeTables;
  autoFilter: FakeAutoFilter;
  conditionalFormats: { block: Block; type: string; rule: unknown; fill?: string }[] = [];
  constructor(
    ctx: FakeContext,
    readonly wb: FakeWorkbook,
    public sheetName: string,
  ) {
    super(ctx);
    this.charts = new FakeCharts(this);
    this.tables = new FakeTables(ctx, wb, this);
    this.autoFilter = new FakeAutoFilter(this);
  }
  static nullObject(ctx: FakeContext, wb: FakeWorkbook): FakeWorksheet {
    const s = new FakeWorksheet(ctx, wb, "");
    s.isNull = true;
    return s;
  }
  protected capture(): Record<string, unknown> {
    return { name: this.sheetName, visibility: this.visibility, isNullObject: this.isNull };
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.sheetName = v;
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  cell(r: number, c: number, create = false): FakeCell | undefined {
    const k = `${r},${c}`;
    let x = this.cells.get(k);
    if (!x && create) {
      x = { value: "", numberFormat: "General" };
      this.cells.set(k, x);
    }
    return x;
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this, address ? parseA1(address) : { row: 0, col: 0, rowCount: MAX_ROW, colCount: MAX_COL });
  }
  getRangeByIndexes(row: number, col: number, rowCount: number, colCount: number): FakeRange {
    return new FakeRange(this.ctx, this, { row, col, rowCount, colCount });
  }
  /** The smallest block holding every non-empty cell (values only), or null. */
  usedBlock(within?: Block): Block | null {
    let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" && !cell.formula) continue;
      const [r, c] = k.split(",").map(Number);
      if (within && (r < within.row || r >= within.row + within.rowCount || c < within.col || c >= within.col + within.colCount)) continue;
      r1 = Math.min(r1, r); c1 = Math.min(c1, c); r2 = Math.max(r2, r); c2 = Math.max(c2, c);
    }
    return r2 < 0 ? null : { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: c2 - c1 + 1 };
  }
  getUsedRange(): FakeRange {
    return new FakeRange(this.ctx, this, this.usedBlock() ?? { row: 0, col: 0, rowCount: 1, colCount: 1 });
  }
  getUsedRangeOrNullObject(): FakeRange {
    const b = this.usedBlock();
    return b ? new FakeRange(this.ctx, this, b) : FakeRange.nullObject(this.ctx, this);
  }
  activate(): void {
    this.wb.worksheets.active = this.sheetName;
  }
  delete(): void {
    this.deleted = true;
    const list = this.wb.worksheets.sheets;
    list.splice(list.indexOf(this), 1);
    this.wb.tables.all = this.wb.tables.all.filter((t) => t.sheet !== this);
  }
}

export class FakeRangeFormat {
  fill: { color: string | null; clear(): void };
  font: { color: string | null; bold: boolean | null };
  constructor(private readonly range: FakeRange) {
    const r = range;
    this.fill = {
      get color() {
        return r.uniform((c) => c?.fill ?? "#FFFFFF") as string | null;
      },
      set color(v: string | null) {
        r.eachCell((c) => (c.fill = v ?? undefined));
      },
      clear() {
        r.eachCell((c) => delete c.fill);
      },
    };
    this.font = {
      get color() {
        return r.uniform((c) => c?.fontColor ?? "#000000") as string | null;
      },
      set color(v: string | null) {
        r.eachCell((c) => (c.fontColor = v ?? undefined));
      },
      get bold() {
        return r.uniform((c) => c?.bold ?? false) as boolean | null;
      },
      set bold(v: boolean | null) {
        r.eachCell((c) => (c.bold = v ?? undefined));
      },
    };
  }
  get columnWidth(): number {
    return this.range.sheet.widths.get(this.range.block.col) ?? 64;
  }
  set columnWidth(w: number) {
    for (let c = this.range.block.col; c < this.range.block.col + this.range.block.colCount; c++) this.range.sheet.widths.set(c, w);
  }
  autofitColumns(): void {}
}

export class FakeRange extends Loadable {
  isNull = false;
  format: FakeRangeFormat;
  conditionalFormats: {
    add(type: string): { textComparison: { format: { fill: { color: string } }; rule: unknown }; cellValue: { format: { fill: { color: string } }; rule: unknown } };
    clearAll(): void;
  };
  sort: { apply(fields: { key: number; ascending?: boolean }[], matchCase?: boolean, hasHeaders?: boolean): void };
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet,
    readonly block: Block,
  ) {
    super(ctx);
    this.format = new FakeRangeFormat(this);
    const self = this;
    this.conditionalFormats = {
      add(type: string) {
        const entry = { block: { ...self.block }, type, rule: null as unknown, fill: undefined as string | undefined };
        self.sheet.conditionalFormats.push(entry);
        const fmt = {
          format: { fill: { set color(v: string) { entry.fill = v; }, get color() { return entry.fill ?? ""; } } },
          set rule(v: unknown) { entry.rule = v; },
          get rule() { return entry.rule; },
        };
        return { textComparison: fmt, cellValue: fmt };
      },
      clearAll() {
        self.sheet.conditionalFormats = self.sheet.conditionalFormats.filter(
          (f) => !(f.block.row < self.block.row + self.block.rowCount && self.block.row < f.block.row + f.block.rowCount &&
            f.block.col < self.block.col + self.block.colCount && self.block.col < f.block.col + f.block.colCount),
        );
      },
    };
    this.sort = {
      apply(fields, _matchCase, hasHeaders) {
        const first = hasHeaders ? 1 : 0;
        self.sortRows(self.block.row + first, self.block.rowCount - first, fields);
      },
    };
  }
  static nullObject(ctx: FakeContext, sheet: FakeWorksheet): FakeRange {
    const r = new FakeRange(ctx, sheet, { row: 0, col: 0, rowCount: 0, colCount: 0 });
    r.isNull = true;
    return r;
  }
  eachCell(f: (c: FakeCell, r: number, col: number) => void): void {
    const b = this.block;
    for (let r = b.row; r < b.row + b.rowCount; r++)
      for (let c = b.col; c < b.col + b.colCount; c++) f(this.sheet.cell(r, c, true)!, r, c);
  }
  uniform(get: (c: FakeCell | undefined) => unknown): unknown {
    let first: unknown = undefined;
    let seen = false;
    const b = this.block;
    for (let r = b.row; r < b.row + b.rowCount; r++)
      for (let c = b.col; c < b.col + b.colCount; c++) {
        const v = get(this.sheet.cell(r, c));
        if (!seen) { first = v; seen = true; } else if (v !== first) return null;
      }
    return first;
  }
  private grid<T>(get: (c: FakeCell | undefined) => T): T[][] {
    const b = this.block;
    if (b.rowCount * b.colCount > 5_000_000) throw new Error("ResponsePayloadSizeLimitExceeded: read over 5M cells");
    const out: T[][] = [];
    for (let r = b.row; r < b.row + b.rowCount; r++) {
      const row: T[] = [];
      for (let c = b.col; c < b.col + b.colCount; c++) row.push(get(this.sheet.cell(r, c)));
      out.push(row);
    }
    return out;
  }
  protected capture(): Record<string, unknown> {
    if (this.isNull) return { isNullObject: true };
    return {
      isNullObject: false,
      address: `${sheetRef(this.sheet.sheetName)}!${a1(this.block)}`,
      rowIndex: this.block.row,
      columnIndex: this.block.col,
      rowCount: this.block.rowCount,
      columnCount: this.block.colCount,
      values: this.grid((c) => c?.value ?? ""),
      formulas: this.grid((c) => c?.formula ?? c?.value ?? ""),
      numberFormat: this.grid((c) => c?.numberFormat ?? "General"),
      text: this.grid((c) => String(c?.value ?? "")),
      "format/columnWidth": this.format.columnWidth,
    };
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    // Reading values of a huge block is what Excel refuses; only capture what is asked.
    const list = typeof props === "string" ? props.split(",").map((s) => s.trim()) : Array.isArray(props) ? props : null;
    this.ctx.queueLoad(() => {
      const cheap = ["isNullObject", "address", "rowIndex", "columnIndex", "rowCount", "columnCount"];
      const want = list ?? cheap;
      const all = want.some((k) => !cheap.includes(k)) ? this.capture() : this.captureCheap();
      for (const k of want) {
        this.loaded.add(k);
        this.snap[k] = all[k];
      }
    });
    return this;
  }
  private captureCheap(): Record<string, unknown> {
    if (this.isNull) return { isNullObject: true };
    return {
      isNullObject: false,
      address: `${sheetRef(this.sheet.sheetName)}!${a1(this.block)}`,
      rowIndex: this.block.row,
      columnIndex: this.block.col,
      rowCount: this.block.rowCount,
      columnCount: this.block.colCount,
    };
  }
  get isNullObject(): boolean { return this.read("isNullObject"); }
  get address(): string { return this.read("address"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnCount(): number { return this.read("columnCount"); }
  get values(): unknown[][] { return this.read("values"); }
  get formulas(): unknown[][] { return this.read("formulas"); }
  get numberFormat(): unknown[][] { return this.read("numberFormat"); }
  set values(v: unknown[][] | unknown) { this.assign(v, enterValue); }
  set formulas(v: unknown[][] | unknown) { this.assign(v, enterValue); }
  set numberFormat(v: unknown[][] | unknown) { this.assign(v, (c, x) => (c.numberFormat = String(x))); }

  private assign(v: unknown, put: (c: FakeCell, x: unknown) => void): void {
    const b = this.block;
    this.ctx.pendingRanges.push(`${this.sheet.sheetName}!${a1(b)}`);
    if (Array.isArray(v)) {
      if (v.length !== b.rowCount || v.some((row) => !Array.isArray(row) || row.length !== b.colCount))
        throw new Error(`InvalidArgument: ${v.length}×${(v[0] as unknown[])?.length} array for ${a1(b)}`);
      this.ctx.pendingBytes += bytesOf(v);
      v.forEach((row: unknown[], i) => row.forEach((x, j) => put(this.sheet.cell(b.row + i, b.col + j, true)!, x)));
    } else {
      this.ctx.pendingBytes += bytesOf(v);
      this.eachCell((c) => put(c, v));
    }
  }
  getSurroundingRegion(): FakeRange {
    // Grow from the top-left cell while any cell on the border just outside is non-empty
    // (Excel's current region). Rows and columns are indexed so big sheets stay linear.
    const s = this.sheet;
    const byRow = new Map<number, number[]>();
    const byCol = new Map<number, number[]>();
    for (const [k, x] of s.cells) {
      if (x.value === "" && !x.formula) continue;
      const [r, c] = k.split(",").map(Number);
      (byRow.get(r) ?? byRow.set(r, []).get(r)!).push(c);
      (byCol.get(c) ?? byCol.set(c, []).get(c)!).push(r);
    }
    let r1 = this.block.row, r2 = r1, c1 = this.block.col, c2 = c1;
    const rowHas = (r: number) => (byRow.get(r) ?? []).some((c) => c >= c1 - 1 && c <= c2 + 1);
    const colHas = (c: number) => (byCol.get(c) ?? []).some((r) => r >= r1 - 1 && r <= r2 + 1);
    let grew = true;
    while (grew) {
      grew = false;
      while (r1 > 0 && rowHas(r1 - 1)) { r1--; grew = true; }
      while (rowHas(r2 + 1)) { r2++; grew = true; }
      while (c1 > 0 && colHas(c1 - 1)) { c1--; grew = true; }
      while (colHas(c2 + 1)) { c2++; grew = true; }
    }
    return new FakeRange(this.ctx, s, { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: c2 - c1 + 1 });
  }
  getUsedRangeOrNullObject(): FakeRange {
    const b = this.sheet.usedBlock(this.block);
    return b ? new FakeRange(this.ctx, this.sheet, b) : FakeRange.nullObject(this.ctx, this.sheet);
  }
  getCell(r: number, c: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, { row: this.block.row + r, col: this.block.col + c, rowCount: 1, colCount: 1 });
  }
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    const a = this.block, b = other.block;
    const r1 = Math.max(a.row, b.row), c1 = Math.max(a.col, b.col);
    const r2 = Math.min(a.row + a.rowCount, b.row + b.rowCount), c2 = Math.min(a.col + a.colCount, b.col + b.colCount);
    if (other.sheet !== this.sheet || r1 >= r2 || c1 >= c2) return FakeRange.nullObject(this.ctx, this.sheet);
    return new FakeRange(this.ctx, this.sheet, { row: r1, col: c1, rowCount: r2 - r1, colCount: c2 - c1 });
  }
  copyFrom(source: FakeRange | string): void {
    const src = typeof source === "string" ? this.sheet.getRange(source) : source;
    const b = this.block;
    const s = src.block;
    for (let i = 0; i < s.rowCount; i++)
      for (let j = 0; j < s.colCount; j++) {
        const from = src.sheet.cell(s.row + i, s.col + j);
        const key = `${b.row + i},${b.col + j}`;
        if (from) this.sheet.cells.set(key, { ...from });
        else this.sheet.cells.delete(key);
      }
  }
  clear(): void {
    const b = this.block;
    for (let r = b.row; r < b.row + b.rowCount; r++) for (let c = b.col; c < b.col + b.colCount; c++) this.sheet.cells.delete(`${r},${c}`);
  }
  select(): void {
    this.sheet.wb.selection = { sheet: this.sheet.sheetName, address: a1(this.block) };
    this.sheet.wb.worksheets.active = this.sheet.sheetName;
  }
  sortRows(first: number, count: number, fields: { key: number; ascending?: boolean }[]): void {
    const b = this.block;
    const rows: Map<number, FakeCell | undefined>[] = [];
    for (let r = first; r < first + count; r++) {
      const m = new Map<number, FakeCell | undefined>();
      for (let c = b.col; c < b.col + b.colCount; c++) m.set(c, this.sheet.cell(r, c));
      rows.push(m);
    }
    const cmp = (x: unknown, y: unknown): number => {
      const bx = x === "" || x === undefined, by = y === "" || y === undefined;
      if (bx || by) return bx === by ? 0 : bx ? 1 : -1; // blanks last either way, as Excel does
      if (typeof x === "number" && typeof y === "number") return x - y;
      if (typeof x === "number") return -1;
      if (typeof y === "number") return 1;
      return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    };
    rows.sort((p, q) => {
      for (const f of fields) {
        const x = p.get(b.col + f.key)?.value, y = q.get(b.col + f.key)?.value;
        const blank = x === "" || x === undefined || y === "" || y === undefined;
        const d = cmp(x, y);
        if (d !== 0) return blank || f.ascending !== false ? d : -d;
      }
      return 0;
    });
    rows.forEach((m, i) => {
      for (const [c, cell] of m) {
        const key = `${first + i},${c}`;
        if (cell) this.sheet.cells.set(key, cell);
        else this.sheet.cells.delete(key);
      }
    });
  }
}

export class FakeTables extends Loadable {
  all: FakeTable[] = [];
  constructor(
    ctx: FakeContext,
    readonly wb: FakeWorkbook,
    readonly sheet: FakeWorksheet | null,
  ) {
    super(ctx);
  }
  private list(): FakeTable[] {
    const all = this.wb.tables.all;
    return this.sheet ? all.filter((t) => t.sheet === this.sheet) : all;
  }
  protected capture(): Record<string, unknown> {
    return { items: this.list() };
  }
  get items(): FakeTable[] {
    return this.read("items");
  }
  get count(): number {
    return this.list().length;
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    const bang = address.lastIndexOf("!");
    const sheet = bang >= 0 ? this.wb.worksheets.getItem(address.slice(0, bang).replace(/^'|'$/g, "")) : this.sheet!;
    const t = new FakeTable(this.ctx, sheet, parseA1(address.slice(bang + 1)), `Table${this.wb.tables.all.length + 1}`);
    if (!hasHeaders) throw new Error("fake supports header rows only");
    this.wb.tables.all.push(t);
    return t;
  }
  getItem(name: string): FakeTable {
    const t = this.wb.tables.all.find((x) => x.tableName === name);
    if (!t) throw new Error(`ItemNotFound: table ${name}`);
    return t;
  }
  getItemOrNullObject(name: string): FakeTable {
    return this.wb.tables.all.find((x) => x.tableName === name) ?? FakeTable.nullObject(this.ctx);
  }
}

export class FakeTable extends Loadable {
  isNull = false;
  filters = new Map<number, string[] | null>();
  sort: { apply(fields: { key: number; ascending?: boolean }[]): void; clear(): void };
  columns: { getItemAt(i: number): { filter: { applyValuesFilter(v: string[]): void; clear(): void } } };
  constructor(
    ctx: FakeContext,
    public sheet: FakeWorksheet,
    public block: Block,
    public tableName: string,
  ) {
    super(ctx);
    const self = this;
    this.sort = {
      apply(fields) {
        new FakeRange(ctx, self.sheet, self.block).sortRows(self.block.row + 1, self.block.rowCount - 1, fields);
      },
      clear() {},
    };
    this.columns = {
      getItemAt(i: number) {
        if (i < 0 || i >= self.block.colCount) throw new Error(`ItemNotFound: table column ${i}`);
        return {
          filter: {
            applyValuesFilter: (v: string[]) => self.filters.set(i, v),
            clear: () => self.filters.delete(i),
          },
        };
      },
    };
  }
  static nullObject(ctx: FakeContext): FakeTable {
    const t = new FakeTable(ctx, null as unknown as FakeWorksheet, { row: 0, col: 0, rowCount: 0, colCount: 0 }, "");
    t.isNull = true;
    return t;
  }
  protected capture(): Record<string, unknown> {
    return { name: this.tableName, isNullObject: this.isNull };
  }
  get name(): string { return this.read("name"); }
  get isNullObject(): boolean { return this.read("isNullObject"); }
  get worksheet(): FakeWorksheet { return this.sheet; }
  getRange(): FakeRange { return new FakeRange(this.ctx, this.sheet, { ...this.block }); }
  getHeaderRowRange(): FakeRange { return new FakeRange(this.ctx, this.sheet, { ...this.block, rowCount: 1 }); }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, this.sheet, { ...this.block, row: this.block.row + 1, rowCount: this.block.rowCount - 1 });
  }
  resize(address: string | FakeRange): void {
    const b = typeof address === "string" ? parseA1(address.slice(address.lastIndexOf("!") + 1)) : address.block;
    if (b.row !== this.block.row) throw new Error("InvalidArgument: the header row must stay in place");
    this.block = b;
  }
}

export class FakeCharts {
  added: { type: string; sourceAddress: string; series: { chartType?: string; axisGroup?: string }[]; title?: string }[] = [];
  constructor(private readonly sheet: FakeWorksheet) {}
  add(type: string, source: FakeRange): unknown {
    const series = [{}, {}] as { chartType?: string; axisGroup?: string }[];
    const chart = { type, sourceAddress: a1(source.block), series, title: undefined as string | undefined };
    this.added.push(chart);
    return {
      title: { set text(v: string) { chart.title = v; } },
      series: { getItemAt: (i: number) => series[i] ?? (series[i] = {}) },
      axes: { valueAxis: { numberFormat: "" }, categoryAxis: {} },
      legend: { position: "" },
      setPosition() {},
    };
  }
}

export class FakeAutoFilter {
  criteria: { block: Block; column: number; values: string[] } | null = null;
  constructor(private readonly sheet: FakeWorksheet) {}
  private enabledLoaded = false;
  load(_props?: string): this {
    this.sheet.wb.ctx.queueLoad(() => (this.enabledLoaded = true));
    return this;
  }
  get enabled(): boolean {
    if (!this.enabledLoaded) throw new Error("PropertyNotLoaded: enabled");
    return this.criteria !== null;
  }
  apply(range: FakeRange | string, columnIndex: number, criteria: { values?: string[] }): void {
    const r = typeof range === "string" ? this.sheet.getRange(range) : range;
    this.criteria = { block: r.block, column: columnIndex, values: criteria.values ?? [] };
  }
  clearCriteria(): void {
    if (!this.criteria) throw new Error("InvalidOperation: no AutoFilter on the sheet");
    this.criteria.values = [];
  }
  remove(): void {
    this.criteria = null;
  }
}

/** Test helpers: write a grid at once (bypassing sync accounting) and read it back plainly. */
export function putGrid(sheet: FakeWorksheet, topLeft: string, rows: unknown[][]): void {
  const b = parseA1(topLeft);
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null || v === undefined || v === "") return;
      const c = sheet.cell(b.row + i, b.col + j, true)!;
      if (typeof v === "string" && v.startsWith("=")) {
        c.formula = v;
        c.value = "#CALC";
      } else c.value = v as string | number | boolean;
    }),
  );
}

export function readGrid(sheet: FakeWorksheet, address: string, what: (c: FakeCell | undefined) => unknown = (c) => c?.value ?? ""): unknown[][] {
  const b = parseA1(address);
  const out: unknown[][] = [];
  for (let r = b.row; r < b.row + b.rowCount; r++) {
    const row: unknown[] = [];
    for (let c = b.col; c < b.col + b.colCount; c++) row.push(what(sheet.cell(r, c)));
    out.push(row);
  }
  return out;
}

export function addTable(ctx: FakeContext, sheetName: string, address: string, name: string): FakeTable {
  const t = new FakeTable(ctx, ctx.workbook.worksheets.getItem(sheetName), parseA1(address), name);
  ctx.workbook.tables.all.push(t);
  return t;
}
