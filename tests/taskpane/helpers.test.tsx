/** @jest-environment jsdom */
import * as React from "react";
import { render, screen } from "@testing-library/react";
import { dataCellAddress, quoteSheetName } from "../../src/taskpane/addresses";
import { formatPercent, previewStats } from "../../src/taskpane/previewStats";
import { langFromUiLanguage } from "../../src/taskpane/strings";
import { ErrorBoundary } from "../../src/taskpane/ErrorBoundary";
import { OpenInExcel } from "../../src/taskpane/OpenInExcel";
import { paneStrings } from "../../src/taskpane/strings";
import { classify } from "../../src/engine/classify";
import { dayFromYmd } from "../../src/engine/days";
import type { TableLocation } from "../../src/excel/adapter";

const LOC: TableLocation = {
  sheetName: "客户",
  address: "客户!C3:F10",
  headerRow: 2,
  firstColumn: 2,
  rowCount: 7,
  columnCount: 4,
  source: "table",
};

describe("cell addresses of problems", () => {
  test("row and column offsets of a table that does not start at A1", () => {
    // Header in sheet row 3 (index 2), data row 0 is sheet row 4; table column 1 is sheet column D.
    expect(dataCellAddress(LOC, 0, 1)).toBe("客户!D4");
    expect(dataCellAddress(LOC, 6, 0)).toBe("客户!C10");
    expect(dataCellAddress({ ...LOC, firstColumn: 0 }, 0, 26)).toBe("客户!AA4");
  });

  test("sheet names that need quotes get them", () => {
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("My sheet")).toBe("'My sheet'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(quoteSheetName("2026")).toBe("'2026'");
    expect(quoteSheetName("AB12")).toBe("'AB12'"); // looks like a cell reference
  });
});

describe("preview statistics", () => {
  const today = dayFromYmd(2026, 3, 1);
  const run = (revenue: (number | string)[]) =>
    previewStats(
      classify(
        { rowCount: revenue.length, columns: { name: revenue.map((_, i) => `C${i}`), revenue } },
        { today },
      ),
    );

  test("ten customers: Pareto points, top 20% share", () => {
    // Values 50, 20, 10, 5, 5, 4, 3, 1, 1, 1 (total 100): the top 2 (20%) bring 70%.
    const s = run([5, 50, 1, 20, 3, 10, 1, 5, 4, 1]);
    expect(s.customers).toBe(10);
    expect(s.top20Share).toBeCloseTo(0.7, 12);
    expect(s.pareto.length).toBe(11);
    expect(s.pareto[0]).toEqual([0, 0]);
    expect(s.pareto[1][0]).toBeCloseTo(0.1, 12);
    expect(s.pareto[1][1]).toBeCloseTo(0.5, 12);
    expect(s.pareto[10]).toEqual([1, 1]);
  });

  test("more customers than points: the summary's curve, at most 200 points, ending at (1, 1)", () => {
    const s = run(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(s.pareto.length).toBe(200);
    expect(s.pareto[199]).toEqual([1, 1]);
    expect(s.pareto[1][0]).toBeCloseTo(0.006, 12); // ⌈1000/199⌉ = 6 customers of 1000
  });

  test("no value anywhere: every row is 数据不足 and there is no curve", () => {
    const s = run(["abc", ""]);
    expect(s.rows.map((r) => r.customers)).toEqual([0, 0, 0, 0, 2]);
    expect(s.pareto).toEqual([[0, 0]]);
    expect(formatPercent(s.top20Share)).toBe("—");
  });

  test("all values 0: everyone is C and the shares are 0", () => {
    const s = run([0, 0, 0]);
    expect(s.rows.map((r) => r.valueShare)).toEqual([0, 0, 0, 0, 0]);
    expect(s.pareto).toEqual([[0, 0]]);
  });

  test("percent format", () => {
    expect(formatPercent(0.8)).toBe("80%");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(0.14)).toBe("14%");
    expect(formatPercent(1)).toBe("100%");
  });
});

describe("language", () => {
  test.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["ZH-cn", "zh"],
    ["en-US", "en"],
    ["fr-FR", "en"],
    ["", "en"],
  ])("%s → %s", (ui, lang) => {
    expect(langFromUiLanguage(ui)).toBe(lang);
  });
});

describe("never a blank pane", () => {
  function Boom(): React.ReactElement {
    throw new Error("渲染失败");
  }

  test("a render error becomes a message with a retry button", () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    render(
      <ErrorBoundary strings={paneStrings("zh")}>
        <Boom />
      </ErrorBoundary>,
    );
    spy.mockRestore();
    expect(screen.getByRole("alert").textContent).toBe("出了点问题：渲染失败重试");
    expect(screen.getByRole("button", { name: "重试" })).toBeTruthy();
  });

  test("outside Office the page says to open it in Excel, in both languages", () => {
    render(<OpenInExcel />);
    expect(screen.getByRole("heading", { name: "请在 Excel 中打开客户分级助手" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Open CRM Tiers in Excel" })).toBeTruthy();
  });
});
