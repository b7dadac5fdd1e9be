/**
 * The strict double covers the add-in: every Office.js member that src/excel uses (found with
 * the TypeScript compiler: property accesses whose declaration is in @types/office-js) must be
 * listed in MODELED with the ExcelApi set its doc comment names, and implemented by the double.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { FEATURES, type Feature } from "../../src/excel/requirements";
import { FakeContext, FakeHost, MODELED } from "./fakeExcel";

const ROOT = path.join(__dirname, "..", "..");
const SRC = path.join(ROOT, "src", "excel");
const OFFICE_DTS = /@types[\\/]office-js[\\/]index\.d\.ts$/;

/** "Interface.member" → the ExcelApi set of its declaration ("" when it names none). */
function officeMembersUsed(): Map<string, string> {
  const files = fs.readdirSync(SRC).filter((f) => f.endsWith(".ts")).map((f) => path.join(SRC, f));
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    types: ["office-js"],
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const used = new Map<string, string>();
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(path.resolve(sf.fileName))) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n)) {
        const sym = checker.getSymbolAtLocation(n.name);
        const decl = sym?.declarations?.[0];
        if (sym && decl && OFFICE_DTS.test(decl.getSourceFile().fileName)) {
          // The declaring interface or class, or the namespace of a function/variable (Excel.run, Office.context).
          let owner: ts.Node = decl.parent;
          while (!ts.isInterfaceDeclaration(owner) && !ts.isClassDeclaration(owner) && !ts.isModuleDeclaration(owner)) owner = owner.parent;
          const ownerName = (owner as ts.NamedDeclaration).name?.getText() ?? "?";
          const doc = decl.getFullText();
          const set = /\[Api set: ExcelApi (\d+\.\d+)/.exec(doc)?.[1] ?? "";
          used.set(`${ownerName}.${sym.name}`, set);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return used;
}

/** A live instance of the double for each Office.js interface (what the member is looked up on). */
function doubles(): Record<string, unknown> {
  const host = new FakeHost();
  const ctx = new FakeContext(host);
  const sheet = ctx.workbook.worksheets.getItem("Sheet1");
  const range = sheet.getRange("A1:B2");
  const table = ctx.workbook.tables.getItem("T");
  const chart = sheet.charts.add("Line", range, "Columns");
  const cf = range.conditionalFormats.add("CellValue");
  const column = table.columns.getItemAt(0);
  return {
    Excel: { run: host.run.bind(host) },
    ClientRequestContext: ctx,
    RequestContext: ctx,
    ClientObject: range,
    RangeAreas: ctx.workbook.getSelectedRanges(),
    Application: ctx.application,
    Workbook: ctx.workbook,
    WorksheetCollection: ctx.workbook.worksheets,
    Worksheet: sheet,
    Range: range,
    RangeFormat: range.format,
    RangeFont: range.format.font,
    RangeFill: range.format.fill,
    RangeSort: range.sort,
    ConditionalFormatCollection: range.conditionalFormats,
    ConditionalFormat: cf,
    CellValueConditionalFormat: cf.cellValue,
    ConditionalRangeFormat: cf.cellValue.format,
    ConditionalRangeFill: cf.cellValue.format.fill,
    TableCollection: ctx.workbook.tables,
    Table: table,
    TableSort: table.sort,
    TableColumnCollection: table.columns,
    TableColumn: column,
    Filter: column.filter,
    AutoFilter: sheet.autoFilter,
    WorksheetFreezePanes: sheet.freezePanes,
    ChartCollection: sheet.charts,
    Chart: chart,
    ChartTitle: chart.title,
    ChartSeriesCollection: chart.series,
    ChartSeries: chart.series.getItemAt(0),
    // Office's common API: the host answers requirement checks; the rest is office-addin-mock's
    // (tests/excel/officeMock.test.ts) and the DocumentSettings fakes.
    RequirementSetSupport: { isSetSupported: host.isSetSupported.bind(host) },
  };
}

const COMMON_API = new Set(["Office.context", "Context.displayLanguage", "Context.document", "Context.requirements", "Document.settings"]);

describe("the strict double models every Office.js member src/excel uses", () => {
  const used = officeMembersUsed();

  test("the scan finds the members (a sanity check of the scan itself)", () => {
    expect(used.get("Worksheet.delete")).toBe("1.1");
    expect(used.get("Table.resize")).toBe("1.13");
    expect(used.has("Excel.run")).toBe(true);
    expect(used.size).toBeGreaterThan(60);
  });

  test("each member is listed in MODELED with the ExcelApi set of its doc comment", () => {
    const missing = [...used.keys()].filter((m) => !(m in MODELED));
    expect(missing).toEqual([]);
    const wrongSet = [...used].filter(([m, set]) => set !== "" && MODELED[m] !== set).map(([m, set]) => `${m}: doc ${set}, MODELED ${MODELED[m]}`);
    expect(wrongSet).toEqual([]);
  });

  test("the double implements each member", () => {
    const live = doubles();
    const absent = [...used.keys()].filter((m) => {
      if (COMMON_API.has(m)) return false;
      const [owner, member] = m.split(".");
      const obj = live[owner] as Record<string, unknown> | undefined;
      return !obj || !(member in obj);
    });
    expect(absent).toEqual([]);
  });
});

/** Members above the manifest's ExcelApi, and the run-time feature check that guards each. */
const GUARDED: Record<string, Feature> = {
  "Application.suspendApiCalculationUntilNextSync": "suspendCalculation",
  "Application.suspendScreenUpdatingUntilNextSync": "suspendScreen",
  "Workbook.getSelectedRanges": "selectedRanges",
  "RangeAreas.areaCount": "selectedRanges",
  "RangeAreas.load": "selectedRanges",
  "Worksheet.autoFilter": "autoFilter",
  "AutoFilter.apply": "autoFilter",
  "AutoFilter.clearCriteria": "autoFilter",
  "AutoFilter.enabled": "autoFilter",
  "AutoFilter.load": "autoFilter",
  "Range.conditionalFormats": "conditionalFormats",
  "ConditionalFormatCollection.add": "conditionalFormats",
  "ConditionalFormatCollection.clearAll": "conditionalFormats",
  "ConditionalFormat.cellValue": "conditionalFormats",
  "CellValueConditionalFormat.format": "conditionalFormats",
  "CellValueConditionalFormat.rule": "conditionalFormats",
  "ConditionalRangeFormat.fill": "conditionalFormats",
  "ConditionalRangeFill.color": "conditionalFormats",
  "Range.copyFrom": "copyFrom",
  "Range.getSurroundingRegion": "surroundingRegion",
  "Table.resize": "tableResize",
  "ChartSeries.axisGroup": "comboChart",
  "ChartSeries.chartType": "comboChart",
  "Worksheet.freezePanes": "freezePanes",
  "WorksheetFreezePanes.freezeAt": "freezePanes",
  "WorksheetFreezePanes.getLocationOrNullObject": "freezePanes",
  "WorksheetFreezePanes.unfreeze": "freezePanes",
};

describe("requirement sets", () => {
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const minor = (v: string) => Number(v.split(".")[1]);
  const declared = minor(/<Set Name="ExcelApi" MinVersion="([\d.]+)"/.exec(manifest)![1]);

  test("every member used above the manifest's ExcelApi is behind a feature check that asks for its set", () => {
    const unguarded: string[] = [];
    for (const [m, set] of officeMembersUsed()) {
      if (!set || minor(set) <= declared) continue;
      const f = GUARDED[m];
      if (!f || minor(FEATURES[f].set) < minor(set)) unguarded.push(`${m} (ExcelApi ${set})`);
    }
    expect(unguarded).toEqual([]);
  });

  test("the manifest asks for CustomFunctionsRuntime 1.3 (CustomFunctions.Error with a message)", () => {
    expect(manifest).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1.3"\/>/);
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  });
});
