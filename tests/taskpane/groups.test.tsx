/** @jest-environment jsdom */
/** The pane reads the owner and region columns (METHOD §1, summaries and the Worklist only), and gives results back. */
import * as React from "react";
import { configure, fireEvent, render, screen, waitFor } from "@testing-library/react";
import * as engine from "../../src/engine/classify";
import { App } from "../../src/taskpane/App";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { mapTable, tableInput } from "../../src/taskpane/tableInput";
import { planLedgerSheet } from "../../src/taskpane/ledgerTable";
import { parseIsoDay } from "../../src/engine/days";
import type { ApplyReport } from "../../src/excel/adapter";
import { FakeAdapter, deferred, tableOf } from "./fakeAdapter";

const HEADERS = ["客户名称", "销售额", "负责销售", "区域", "备注"];
const ROWS = [
  ["甲公司", 500, "王芳", "华东", ""],
  ["乙公司", 300, "李强", "华南", ""],
];

beforeEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

test("the engine's input carries the owner and region columns", () => {
  const table = tableOf(HEADERS, ROWS);
  const input = tableInput(table, mapTable(table, {}));
  expect(input.groups).toEqual({ owner: ["王芳", "李强"], region: ["华东", "华南"] });
  expect(Object.keys(input.columns).sort()).toEqual(["name", "revenue"]);
});

test("owner and region count as recognised columns, not as unused ones", async () => {
  render(<App adapter={new FakeAdapter(tableOf(HEADERS, ROWS))} />);
  await screen.findByTestId("tier-row-total");
  expect(screen.getByTestId("mapping-summary").textContent).toBe("✓ 已识别 4 列·修改");
  expect(screen.getByTestId("mapping-unused").textContent).toBe("未参与分级的列（不影响结果）：E 备注");
});

test("re-classifying hands the previous result's memory back to the engine first", async () => {
  const release = jest.spyOn(engine, "releaseResult");
  const run = jest.spyOn(engine, "classify");
  try {
    const table = tableOf(
      ["客户名称", "销售额", "毛利"],
      [
        ["甲公司", 500, 100],
        ["乙公司", 300, 60],
      ],
    );
    render(<App adapter={new FakeAdapter(table)} />);
    await screen.findByTestId("tier-row-total");
    expect(run).toHaveBeenCalledTimes(1);
    expect(release).not.toHaveBeenCalled();
    const first = run.mock.results[0].value;

    fireEvent.click(screen.getByRole("button", { name: "修改" }));
    fireEvent.change(screen.getByRole("combobox", { name: "毛利" }), { target: { value: "" } });
    await waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    expect(release).toHaveBeenCalledTimes(1);
    expect(release.mock.calls[0][0]).toBe(first);
    expect(release.mock.invocationCallOrder[0]).toBeLessThan(run.mock.invocationCallOrder[1]);
  } finally {
    release.mockRestore();
    run.mockRestore();
  }
});

test("the pane's ledger path: the customer sheet's owner and region reach the classification", () => {
  const ledger = tableOf(
    ["客户名称", "单据日期", "价税合计", "业务员", "区域"],
    [
      ["甲公司", "2026-03-01", 1000, "王芳", "华东"],
      ["乙公司", "2026-02-01", 500, "李强", "华南"],
    ],
  );
  const plan = planLedgerSheet(ledger, null, { ...DEFAULT_SETTINGS }, "zh", parseIsoDay("2026-03-31")!);
  if (!plan.ok) throw new Error(plan.message);
  expect(plan.request.result.input?.groups).toEqual({ owner: ["王芳", "李强"], region: ["华东", "华南"] });
});

test("…but not while Apply is writing: the result it reads between chunks keeps its memory", async () => {
  const release = jest.spyOn(engine, "releaseResult");
  const run = jest.spyOn(engine, "classify");
  try {
    const adapter = new FakeAdapter(tableOf(["客户名称", "销售额", "毛利"], [["甲公司", 500, 100]]));
    adapter.pendingApply = deferred<ApplyReport>();
    render(<App adapter={adapter} />);
    await screen.findByTestId("tier-row-total");
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await waitFor(() => expect(adapter.applyRequests.length).toBe(1));

    fireEvent.click(screen.getByRole("button", { name: "修改" }));
    fireEvent.change(screen.getByRole("combobox", { name: "毛利" }), { target: { value: "" } });
    await waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    expect(release).not.toHaveBeenCalled();
    expect(adapter.applyRequests[0].result).toBe(run.mock.results[0].value);
    adapter.pendingApply.resolve({
      outputAddress: "Sheet1!D1:R2",
      rowsWritten: 1,
      summarySheet: "客户分级汇总",
      warnings: [],
      cancelled: true,
    });
  } finally {
    release.mockRestore();
    run.mockRestore();
  }
});
