/**
 * The one place that decides how a text is kept inert — never read as a formula — in each
 * medium we write to (GUIDE: "a string written to a cell is never interpreted as a formula,
 * in any medium"):
 *
 * - "excelRange" (the task pane writing `Range.values`): Excel reads a value that starts with
 *   `=`, `+`, `-` or `@` as a formula (tab and CR too, which some programs strip first), and
 *   swallows a leading `'`. Such a text gets Excel's quote prefix `'`, which makes it a text
 *   constant whatever the cell's number format; the user sees the text unchanged.
 * - "csv": a spreadsheet opening the file evaluates a field that starts with `=`, `+`, `-`,
 *   `@`, a tab or a CR ("CSV injection"). Such a text gets a leading `'`, which every
 *   spreadsheet shows as text — except:
 *     · a plain decimal number ("-5", "+1.5e3"): it evaluates to itself;
 *     · a phone number: `+` then only digits, spaces, dashes and round brackets, with at
 *       least one digit (`+86 138 0000 0000`, `+1-202-555-0100`, `+44 (20) 7946 0958`).
 *       It can call no function and reach nothing outside the sheet (that needs letters,
 *       `!`, `|` or quotes), and a prefix would change the number for every other reader of
 *       the file. Note: Excel opening such a CSV directly may show `+1-202-555-0100` as the
 *       arithmetic result; the file itself keeps the number as written.
 * - "xlsxFile" (a workbook file we generate): the text goes in a string cell, which no
 *   spreadsheet evaluates; it is written as it is.
 * - "customFunction" (a custom function's result): a value, never evaluated; as it is.
 */
export type Medium = "excelRange" | "csv" | "xlsxFile" | "customFunction";

const EXCEL_TRIGGER = /^[=+\-@'\t\r]/;
const CSV_TRIGGER = /^[=+\-@\t\r]/;
/** A plain decimal number, as a script reading the CSV would parse it. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A phone number: `+`, then digits, spaces, dashes and round brackets only, at least one digit. */
const PHONE = /^\+[\d ()-]*\d[\d ()-]*$/;

/** True when a spreadsheet opening a CSV could evaluate this field as a formula. */
export function csvNeedsGuard(text: string): boolean {
  return CSV_TRIGGER.test(text) && !PLAIN_NUMBER.test(text) && !PHONE.test(text);
}

/** True when Excel would read this value, written to a range, as a formula (or swallow its `'`). */
export function excelNeedsGuard(text: string): boolean {
  return EXCEL_TRIGGER.test(text);
}

/** The text as it must be written in `medium` so that it stays the text it is. */
export function inertText(text: string, medium: Medium): string {
  switch (medium) {
    case "excelRange":
      return excelNeedsGuard(text) ? "'" + text : text;
    case "csv":
      return csvNeedsGuard(text) ? "'" + text : text;
    default:
      return text;
  }
}
