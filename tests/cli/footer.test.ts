import { footerStart, MAX_FOOTER_ROWS } from "../../src/cli/footer";

/** Rows given as "1" (only the first cell), "n" (more), with "|" before a row that follows a blank row. */
function start(rows: string): number {
  const cells: string[] = [];
  const blank: boolean[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] === "|") continue;
    blank.push(i > 0 && rows[i - 1] === "|");
    cells.push(rows[i]);
  }
  return footerStart(
    cells.length,
    (r) => cells[r] === "1",
    (r) => blank[r],
  );
}

describe("footerStart: a report's footer lines after its table", () => {
  it("Salesforce's shape: customers, a totals row, a blank line, four single-cell lines", () => {
    expect(start("nnnn|1111")).toBe(4);
  });

  it("blank lines between the footer's lines do not matter; only the one before the first", () => {
    expect(start("nnn|1|1|1")).toBe(3);
  });

  it("no blank line before the single-cell rows: customers with only a name, no footer", () => {
    expect(start("nnn111")).toBe(6);
    expect(start("nnn1|11")).toBe(6);
  });

  it("a table whose last row has more than its first cell has no footer", () => {
    expect(start("nnn|11n")).toBe(6);
  });

  it(`at most ${MAX_FOOTER_ROWS} lines: one more and they are data`, () => {
    expect(start("nn|" + "1".repeat(MAX_FOOTER_ROWS))).toBe(2);
    expect(start("nn|" + "1".repeat(MAX_FOOTER_ROWS + 1))).toBe(2 + MAX_FOOTER_ROWS + 1);
  });

  it("single-cell rows all the way up (no row with more): no footer, and none without rows", () => {
    expect(start("11|11")).toBe(4);
    expect(start("")).toBe(0);
  });
});
