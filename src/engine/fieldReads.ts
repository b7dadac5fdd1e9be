/**
 * How classify reads the cells of its number and date fields (METHOD §1): a reader that holds a
 * file's bytes (the CLI's CSV reader) may hand these fields' plainest texts over as numbers, which
 * the engine reads to the same value (see src/cli/csvCells.ts). Any field not listed is read as
 * its text. tests/cli/csvCells.test.ts checks, field by field, that classify's results agree.
 */
import type { FieldKey } from "./types";

export type FieldRead = "number" | "date";

export const FIELD_READS: Readonly<Partial<Record<FieldKey, FieldRead>>> = {
  revenue: "number",
  prevRevenue: "number",
  profit: "number",
  // Rates: plain text without "%" is read as the number it is (a plain 30 means 30 %, either way).
  marginRate: "number",
  prevMarginRate: "number",
  orders: "number",
  activeMonths: "number",
  overdueDays: "number",
  potential: "number",
  referrals: "number",
  firstOrder: "date",
  lastOrder: "date",
  lastContact: "date",
};
