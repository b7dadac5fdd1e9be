/**
 * A sheet of ours written anew on every Apply (Summary, Worklist): the sheet of that name from an
 * earlier run is deleted and a new one added in the same batch.
 */

/** The new sheet, and whether one of that name existed before (Restore then keeps the new one). */
export async function replaceSheet(
  context: Excel.RequestContext,
  name: string,
): Promise<{ sheet: Excel.Worksheet; existed: boolean }> {
  const old = context.workbook.worksheets.getItemOrNullObject(name);
  // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar flag the rule does not know; loading it is the documented *OrNullObject check
  old.load("isNullObject");
  await context.sync();
  const existed = !old.isNullObject;
  if (existed) old.delete();
  return { sheet: context.workbook.worksheets.add(name), existed };
}
