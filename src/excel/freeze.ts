/**
 * The "freeze the name column" offer (issue 12): after a write, the user may freeze the header
 * row and the columns up to the customer's name so the name stays in view while the result
 * columns scroll in. The user's own frozen panes are kept in the snapshot's meta first, and
 * Restore puts them back (or unfreezes when there were none). WorksheetFreezePanes is ExcelApi 1.7.
 */
import { rangeA1 } from "./a1";

/**
 * The sheet's frozen cells as a local address ("A1:B2", or "1:1" for frozen rows only, kept as
 * Excel gave it), or null when nothing is frozen.
 */
export async function readUserFreeze(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
): Promise<string | null> {
  const location = sheet.freezePanes.getLocationOrNullObject();
  // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
  location.load("isNullObject");
  await context.sync();
  if (location.isNullObject) return null;
  location.load("address");
  await context.sync();
  const address = location.address;
  return address.slice(address.lastIndexOf("!") + 1);
}

/** Freezes rows 1..headerRow+1 and columns A..column (0-based sheet indices) of the sheet. */
export function freezeThrough(sheet: Excel.Worksheet, headerRow: number, column: number): void {
  sheet.activate(); // freezeAt acts on "the active worksheet view"
  sheet.freezePanes.freezeAt(sheet.getRange(rangeA1(0, 0, headerRow + 1, column + 1)));
}

/** Puts the user's frozen panes back: their own range, or none. */
export function restoreUserFreeze(sheet: Excel.Worksheet, userFreeze: string | null): void {
  sheet.activate();
  if (userFreeze === null) sheet.freezePanes.unfreeze();
  else sheet.freezePanes.freezeAt(sheet.getRange(userFreeze));
}
