/**
 * EVERY behaviour of the Excel test double (fakeExcel.ts, fakeFunctionsHost.ts) that is NOT
 * backed by a sentence of the Office.js documentation is listed here, and only here. The double's
 * code refers to these entries by key (`ASSUMED.quotePrefix` …) so a reader sees at once which
 * rule is documented (cited in a comment at the rule) and which is our assumption.
 *
 * Status "unverified": not checked in real Excel by us. Replace an entry by a citation when a
 * page of the documentation or a run in real Excel confirms (or corrects) it.
 */
export interface Assumption {
  readonly text: string;
  readonly why: string;
  readonly status: "unverified";
}

const a = (text: string, why: string): Assumption => ({ text, why, status: "unverified" });

export const ASSUMED = {
  freezePaneFromA1: a(
    "WorksheetFreezePanes.freezeAt(range) freezes the rows above and the columns left of the range's bottom-right corner, i.e. the pane from A1 to that corner; getLocation then gives that A1-anchored range.",
    "The documentation says the range 'corresponds to cells that will be frozen in the top- and left-most pane' but not what a range that does not start at A1 does.",
  ),
  freezePanesPerSheet: a(
    "A worksheet's freezePanes act on that worksheet, whichever sheet is active (the add-in activates the sheet first anyway).",
    "The documentation speaks of 'the active worksheet view'.",
  ),
  payloadLimitsAsDocumentedOnTheWeb: a(
    "Excel on the web refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), and a read (get) of a range is limited to 5,000,000 cells.",
    "learn.microsoft.com 'Resource limits and performance optimization for Office Add-ins', Excel add-ins section (as quoted in issue 9; the page's Excel section could not be re-read in this session). The double measures JSON.stringify of the queued calls with their arguments, and of the loaded values; Office.js's real envelope is somewhat larger.",
  ),
  responseLimitAfterWrites: a(
    "When only the response of a batch is too large, the writes queued in that batch were applied (the host processed the request; only the answer could not be sent).",
    "The documentation does not say what happens to the writes of such a batch.",
  ),
  readOverCellLimitCode: a(
    "A load of values/formulas/numberFormat over more than 5,000,000 cells fails at sync with code RangeExceedsLimit.",
    "Excel.ErrorCodes has rangeExceedsLimit; which code the host really uses for this is not documented.",
  ),
  quotePrefix: a(
    "A string written through Range.values that starts with an apostrophe (') becomes a text constant; the apostrophe is not part of the value read back.",
    "Excel's rule for typed input (the quote prefix); Range.values' documentation does not mention it.",
  ),
  textFormatKeepsStrings: a(
    "In a cell whose number format is '@' (Text), a string written through Range.values is kept exactly as written (no formula, number or date parsing).",
    "Excel's rule for typed input into a Text-formatted cell.",
  ),
  atSignStartsFormula: a(
    "A string starting with '@' is read as a formula, like '=', '+' and '-' (which the documentation names).",
    "Excel's typed-input rule; Range.values' doc names only +, - and =.",
  ),
  generalParsing: a(
    "In a General cell, '12%' becomes 0.12, '1,234' becomes 1234, '007' becomes 7, 'TRUE'/'FALSE' (any case) become booleans, an ISO date 'YYYY-MM-DD' becomes its date serial; a string that is only a number (with optional sign) is that number, not a formula.",
    "Excel's typed-input parsing in en-US; the doc only says ISO dates are stored as dates. Number formats that Excel would add (0%, dates) are not modelled.",
  ),
  formulasNotEvaluated: a(
    "Formulas are not evaluated: a formula written by the add-in reads back as '#NAME?' (a formula cell set up by a test keeps the value the test gave it).",
    "A calculation engine is out of scope for the double; the add-in never relies on a formula's value.",
  ),
  staleMeansWorkbookWide: a(
    "A write under suspendApiCalculationUntilNextSync makes every formula of the workbook stale (not only the dependents of the written cells) until application.calculate is requested.",
    "The double keeps no dependency graph; it is the cautious reading of 'it is the developer's responsibility to re-calc the workbook'.",
  ),
  lastVisibleSheet: a(
    "The last visible worksheet of a workbook cannot be deleted or hidden (InvalidOperation).",
    "Excel's rule that a workbook keeps one visible sheet; not stated in the Office.js doc comments.",
  ),
  sheetNamesCaseInsensitive: a(
    "Worksheet names are compared without regard to case (getItem, add).",
    "Excel's sheet-name rule.",
  ),
  nullObjectUse: a(
    "Using a null object (from *OrNullObject) for anything but isNullObject fails at sync with ItemNotFound.",
    "The *OrNullObject article says what isNullObject means, not what a call on a null object does.",
  ),
  multiAreaSelectionCode: a(
    "getSelectedRange() on a multi-area selection fails at sync with code InvalidSelection.",
    "The doc says 'this method will throw an error' without naming the code.",
  ),
  cellEditCode: a(
    "A batch refused because the user is editing a cell fails with code InvalidOperationInCellEditMode.",
    "Excel.ErrorCodes has invalidOperationInCellEditMode; the RunOptions doc says only that the batch fails.",
  ),
  tableHeaderRenaming: a(
    "When a table is resized over a column whose header repeats a header of the table (case-insensitive), Excel renames the new header by appending the first free number (潜力得分 → 潜力得分2); a blank header becomes 'ColumnN'.",
    "Excel keeps table headers unique (issue 9); the exact renaming rule is not in the doc comments.",
  ),
  headerRowHidden: a(
    "getHeaderRowRange() on a table whose header row is hidden fails at sync (InvalidOperation); getTotalRowRange() likewise without a totals row.",
    "Not documented.",
  ),
  chartSeriesFromLayout: a(
    "charts.add(type, source, 'Columns'): when the top-left cell of the source is blank, the first row holds the series names and the first column the categories; otherwise, when the first column holds text it is the categories, else every column is a series (no categories) and the first row gives the names when it is text.",
    "Excel's chart-from-range rule; the ChartSeriesBy doc only says how 'Auto' picks rows or columns.",
  ),
  sharedRuntimeMeansExcelApi110: a(
    "A host that supports SharedRuntime 1.1 (required by manifest.xml) supports ExcelApi 1.10 or later, so the double refuses to play an older host.",
    "Issue 9 and the requirement-set pages (shared runtime: Excel on Windows from version 2002, Excel on the web, Mac 16.35); not re-checked in this session.",
  ),
  errorCodeAtSync: a(
    "Errors raised by the host carry Excel.ErrorCodes values in `code` (InvalidOperation, ItemNotFound, InvalidArgument, ApiNotFound …) and the batch's earlier operations stay applied.",
    "Issue 9; the doc comments list the codes, not the partial application.",
  ),
  customFunctionErrorArgs: a(
    "With allowErrorForDataTypeAny absent or false, a custom function whose argument holds an error value is not called and its cell shows that error (the first one, scanning arguments then cells in order).",
    "learn.microsoft.com custom-functions-errors / custom-functions-json describe allowErrorForDataTypeAny; which error is shown when several are present is our assumption.",
  ),
  customFunctionOmittedNull: a(
    "An omitted optional argument arrives as null (not undefined).",
    "learn.microsoft.com custom-functions-parameter-options (as quoted in issue 9).",
  ),
  customFunctionNoRecalc: a(
    "A non-volatile custom function is recalculated only when one of its inputs changes or on a full recalculation (application.calculate('Full')), not when the workbook opens, on F9 ('Recalculate'), or when add-in settings change.",
    "Excel's non-volatile function rule (VBA Application.Volatile: 'A nonvolatile function is recalculated only when the input variables change') and CalculationType.full: 'This will mark all cells as dirty and then recalculate them.'",
  ),
} as const;

export type AssumptionKey = keyof typeof ASSUMED;
