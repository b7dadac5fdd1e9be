/** @jest-environment jsdom */
/**
 * The pane on a sales ledger (METHOD.md §12, issue 13): how the table was read is always said,
 * the switch reads it the other way, the customer list is picked by sheet, and building the
 * customer sheet shows progress and can be cancelled.
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { todayLocal } from "../../src/engine/days";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import type { LedgerSheetReport } from "../../src/excel/adapter";
import { FakeAdapter, deferred, tableOf } from "./fakeAdapter";

/** Excel serial of the day `n` days before today (the pane classifies as of today). */
const daysAgo = (n: number) => todayLocal() - n + 25569;

/** 3 lines, 2 customers: 甲公司 twice (10 and 100 days ago), 乙公司 once — all in the current period. */
const LEDGER_HEADERS = ["客户名称", "订单日期", "金额"];
const LEDGER_ROWS = [
  ["甲公司", daysAgo(10), 1000],
  ["乙公司", daysAgo(40), 500],
  ["甲公司", daysAgo(100), 2000],
];

function ledgerAdapter(language = "zh-CN"): FakeAdapter {
  const adapter = new FakeAdapter(tableOf(LEDGER_HEADERS, LEDGER_ROWS));
  adapter.language = language;
  adapter.sheets = ["Sheet1", "客户清单", "客户汇总"];
  adapter.sheetTables["客户清单"] = {
    sheetName: "客户清单",
    address: "'客户清单'!A1:B3",
    headers: ["客户名称", "负责人"],
    columns: [
      ["乙公司", "丙公司"],
      ["王伟", "李娜"],
    ],
    rowCount: 2,
  };
  return adapter;
}

beforeEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

const radio = (name: string) => screen.getByRole("radio", { name }) as HTMLInputElement;

describe("a sales ledger in the pane", () => {
  test("says how it was read, and offers the customer sheet instead of Apply", async () => {
    render(<App adapter={ledgerAdapter()} />);
    const read = await screen.findByTestId("ledger-read");
    expect(read.textContent).toBe(
      "按订单明细读取：3 行，2 个客户订单明细：读取 3 行，跳过 0 行，汇总为 2 个客户",
    );
    expect(radio("订单明细（每行一笔订单）").checked).toBe(true);
    expect(radio("客户表（每行一个客户）").checked).toBe(false);
    expect(screen.getByText("已自动识别为订单明细：有订单日期和金额列，且同一客户出现在多行。")).toBeTruthy();
    expect(screen.getByRole("button", { name: "生成客户汇总表" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "写入表格" })).toBeNull();
  });

  test("the switch reads it as a customer table, and back", async () => {
    render(<App adapter={ledgerAdapter()} />);
    await screen.findByTestId("ledger-read");
    fireEvent.click(radio("客户表（每行一个客户）"));
    await waitFor(() => expect(screen.queryByTestId("ledger-read")).toBeNull());
    expect(screen.queryByRole("button", { name: "生成客户汇总表" })).toBeNull();
    expect(radio("客户表（每行一个客户）").checked).toBe(true);
    fireEvent.click(radio("订单明细（每行一笔订单）"));
    expect((await screen.findByTestId("ledger-read")).textContent).toContain(
      "按订单明细读取：3 行，2 个客户",
    );
  });

  test("a customer table without order dates gets no switch", async () => {
    render(<App adapter={new FakeAdapter(tableOf(["客户名称", "销售额"], [["甲公司", 100]]))} />);
    await screen.findByText("客户表：Sheet1!A1:B2（1 行）");
    expect(screen.queryByRole("radio")).toBeNull();
  });

  test("in English: read as a sales ledger: N lines, M customers", async () => {
    render(<App adapter={ledgerAdapter("en-US")} />);
    const read = await screen.findByTestId("ledger-read");
    expect(read.textContent).toContain("read as a sales ledger: 3 lines, 2 customers");
    expect(screen.getByRole("button", { name: "Build the customer sheet" })).toBeTruthy();
  });

  test("the list's sheet is picked from the other visible sheets, then joined and written", async () => {
    const adapter = ledgerAdapter();
    render(<App adapter={adapter} />);
    await screen.findByTestId("ledger-read");
    const select = screen.getByRole("combobox", {
      name: "客户清单所在的工作表（可选）",
    }) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    // Neither the ledger's own sheet nor our 客户汇总 is offered.
    expect([...select.options].map((o) => o.textContent)).toEqual(["（不使用客户清单）", "客户清单"]);
    fireEvent.change(select, { target: { value: "客户清单" } });
    fireEvent.click(screen.getByRole("button", { name: "生成客户汇总表" }));
    const report = await screen.findByTestId("ledger-report");
    expect(adapter.callsOf("readSheetTable")).toEqual([["客户清单"]]);
    const req = adapter.ledgerRequests[0];
    // List rows first (乙公司 matched by name, 丙公司 list-only), then the ledger-only 甲公司.
    expect(req.table.headers.slice(0, 3)).toEqual(["客户名称", "负责人", "本期销售额"]);
    expect(req.table.columns[0]).toEqual(["乙公司", "丙公司", "甲公司"]);
    expect(req.table.columns[2]).toEqual([500, 0, 3000]);
    expect(req.result.rowCount).toBe(3);
    expect(req.lang).toBe("zh");
    expect(report.textContent).toBe(
      "已写入工作表“客户汇总”：3 个客户。可用“恢复”删除该工作表。" +
        "客户清单：2 行，其中 1 个与订单明细对上；新增订单明细中的 1 个客户",
    );
    // Restore is offered for our sheet.
    await waitFor(() =>
      expect((screen.getByRole("button", { name: "恢复原表" }) as HTMLButtonElement).disabled).toBe(false),
    );
  });

  test("progress while writing, and Cancel stops it", async () => {
    const adapter = ledgerAdapter();
    adapter.pendingLedger = deferred<LedgerSheetReport>();
    render(<App adapter={adapter} />);
    await screen.findByTestId("ledger-read");
    fireEvent.click(screen.getByRole("button", { name: "生成客户汇总表" }));
    await waitFor(() => expect(adapter.ledgerRequests.length).toBe(1));
    act(() => adapter.ledgerRequests[0].onProgress?.(0.4));
    expect(await screen.findByText("40%")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "取消" }));
    expect(adapter.ledgerRequests[0].signal?.aborted).toBe(true);
    await act(async () =>
      adapter.pendingLedger!.resolve({
        sheetName: "客户汇总",
        rowsWritten: 0,
        warnings: [],
        cancelled: true,
      }),
    );
    expect((await screen.findByTestId("ledger-report")).textContent).toBe("已取消，未留下客户汇总表。");
    expect(screen.getByRole("button", { name: "生成客户汇总表" })).toBeTruthy();
  });

  test("a line with an unreadable amount is skipped and listed with its sheet row and column", async () => {
    const rows = [...LEDGER_ROWS, ["乙公司", daysAgo(5), "n/a"]];
    render(<App adapter={new FakeAdapter(tableOf(LEDGER_HEADERS, rows))} />);
    const read = await screen.findByTestId("ledger-read");
    // N counts every line read, the skipped one too (the engine's ledgerReadMessage).
    expect(read.textContent).toBe(
      "按订单明细读取：4 行，2 个客户订单明细：读取 4 行，跳过 1 行，汇总为 2 个客户",
    );
    expect(screen.getByTestId("ledger-problems").textContent).toBe(
      "订单明细第 5 行 C 列（金额）：无法识别的数字“n/a”，该行已跳过",
    );
  });
});
