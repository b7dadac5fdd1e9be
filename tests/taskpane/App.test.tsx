/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { getCurrentSettings, setCurrentSettings } from "../../src/engine/settingsStore";
import type { ApplyReport, ApplyRequest } from "../../src/excel/adapter";
import { FakeAdapter, deferred, tableOf } from "./fakeAdapter";

/*
 * Six customers, hand-classified (METHOD.md §2–§4), total value 500+300+100+60+40 = 1000:
 *   甲 500 (prev 400, +25%)  before 0   → A → 天王巨星
 *   乙 300 (prev 500, −40%)  before 500 → A, but growth ≤ −30% with history → 明日黄花
 *   丙 100 (prev 50, +100%)  before 800 → B → 后起之秀 (growth ≥ 30%)
 *   丁  60 (prev 60, 0%)     before 900 → B → 一般客户
 *   戊  40 (prev 0 → new)    before 960 → C → 后起之秀
 *   己 "abc" → unreadable, no value → 数据不足, problem at B7
 * Shares: Star 50%, Rising 14%, Regular 6%, Fading 30%, Insufficient 0%.
 * Pareto: top 20% of the 5 valued customers = 1 customer = 500/1000 = 50%.
 */
const HEADERS = ["客户名称", "销售额", "上期销售额", "备注"];
const ROWS = [
  ["甲公司", 500, 400, ""],
  ["乙公司", 300, 500, ""],
  ["丙公司", 100, 50, ""],
  ["丁公司", 60, 60, ""],
  ["戊公司", 40, 0, ""],
  ["己公司", "abc", 10, ""],
];

function setup(adapter = new FakeAdapter(tableOf(HEADERS, ROWS))) {
  render(<App adapter={adapter} />);
  return adapter;
}

async function ready() {
  await screen.findByText("客户表：Sheet1!A1:D7（6 行）");
}

function disabled(el: HTMLElement): boolean {
  return (el as HTMLButtonElement).disabled;
}

/** Tools are disabled while the previous call runs: wait for the button, then click. */
async function clickWhenEnabled(name: string) {
  await waitFor(() => expect(disabled(screen.getByRole("button", { name }))).toBe(false));
  fireEvent.click(screen.getByRole("button", { name }));
}

function tierRow(label: string): string[] {
  const cell = screen.getByRole("cell", { name: label });
  return within(cell.closest("tr")!)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");
}

beforeEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

describe("mapping", () => {
  test("shows the columns found by header", async () => {
    setup();
    await ready();
    const name = screen.getByRole("combobox", { name: "客户名称（必填）" }) as HTMLSelectElement;
    const revenue = screen.getByRole("combobox", { name: "本期销售额" }) as HTMLSelectElement;
    const prev = screen.getByRole("combobox", { name: "上期销售额" }) as HTMLSelectElement;
    expect([name.value, revenue.value, prev.value]).toEqual(["0", "1", "2"]);
    expect(name.options[name.selectedIndex].text).toBe("A · 客户名称");
    // Profit is not in the table: shown, unmapped.
    const profit = screen.getByRole("combobox", { name: "毛利" }) as HTMLSelectElement;
    expect(profit.options[profit.selectedIndex].text).toBe("（无）");
    expect(screen.getByTestId("mapping-messages").textContent).toBe("D 列“备注”未使用");
  });

  test("a missing value column blocks apply until the user maps it", async () => {
    setup(new FakeAdapter(tableOf(["客户名称", "合同额"], [["甲公司", 500]])));
    await screen.findByText("客户表：Sheet1!A1:B2（1 行）");
    expect(screen.getByTestId("mapping-messages").textContent).toBe(
      "缺少必需的列：本期销售额（或毛利）B 列“合同额”未使用缺少必填列，不会写入任何内容。",
    );
    expect(disabled(screen.getByRole("button", { name: "写入分级结果" }))).toBe(true);
    expect(screen.queryByRole("heading", { name: "2. 预览" })).toBeNull();

    fireEvent.change(screen.getByRole("combobox", { name: "本期销售额" }), { target: { value: "1" } });
    expect(screen.queryByTestId("mapping-messages")).toBeNull();
    expect(disabled(screen.getByRole("button", { name: "写入分级结果" }))).toBe(false);
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "100%"]);
  });

  test("a missing name column gives the message and nothing can be written", async () => {
    setup(new FakeAdapter(tableOf(["销售额"], [[500]])));
    await screen.findByText("客户表：Sheet1!A1:A2（1 行）");
    expect(screen.getByTestId("mapping-messages").textContent).toBe(
      "缺少必需的列：客户名称（或客户编号）缺少必填列，不会写入任何内容。",
    );
    expect(disabled(screen.getByRole("button", { name: "写入分级结果" }))).toBe(true);
  });

  test("unmapping a field with (none) takes it out of the preview", async () => {
    setup();
    await ready();
    fireEvent.change(screen.getByRole("combobox", { name: "上期销售额" }), { target: { value: "" } });
    // Without prevRevenue: 甲, 乙 are A → Star; 丙, 丁, 戊 Regular.
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "2", "80%"]);
    expect(tierRow("一般客户")).toEqual(["一般客户", "3", "20%"]);
    expect(tierRow("明日黄花")).toEqual(["明日黄花", "0", "0%"]);
  });
});

describe("preview", () => {
  test("customers and value share per tier, Pareto caption and problem cells", async () => {
    const adapter = setup();
    await ready();
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "50%"]);
    expect(tierRow("后起之秀")).toEqual(["后起之秀", "2", "14%"]);
    expect(tierRow("一般客户")).toEqual(["一般客户", "1", "6%"]);
    expect(tierRow("明日黄花")).toEqual(["明日黄花", "1", "30%"]);
    expect(tierRow("数据不足")).toEqual(["数据不足", "1", "0%"]);
    expect(tierRow("合计")).toEqual(["合计", "6", "100%"]);
    expect(screen.getByText("前 20% 的客户贡献 50% 的价值")).toBeTruthy();
    expect(screen.getByRole("img", { name: "帕累托曲线（80/20）: 前 20% 的客户贡献 50% 的价值" })).toBeTruthy();

    expect(screen.getByText("数据问题（1）")).toBeTruthy();
    expect(screen.getByText("销售额：无法识别为数字（\"abc\"）")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "B7" }));
    await waitFor(() => expect(adapter.callsOf("selectCell")).toEqual([["Sheet1!B7"]]));
  });
});

describe("settings", () => {
  async function openSettings() {
    fireEvent.click(screen.getByRole("tab", { name: "设置" }));
    return screen.findByRole("heading", { name: "分级设置" });
  }

  test("an invalid value shows the engine's message inline and is not saved", async () => {
    const adapter = setup();
    await ready();
    await openSettings();
    // Weights are percentages (settings.ts): typed 200 (%) is the fraction 2, out of range.
    const weight = screen.getByRole("textbox", { name: "权重：销售规模 (%)" }) as HTMLInputElement;
    expect(weight.value).toBe("40");
    fireEvent.change(weight, { target: { value: "200" } });
    expect(
      screen.getByText(
        "设置“权重：销售规模”（weightVolume）的值 2 无效：应为 0–1 之间的数（即 0%–100%）；已使用默认值 0.4",
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "保存设置" }));
    expect(screen.getByText("有设置无效，请先修改标红的项。")).toBeTruthy();
    expect(adapter.callsOf("saveSettings")).toEqual([]);
  });

  test("the volume weight explains 'a big order is not a big customer'", async () => {
    setup();
    await ready();
    await openSettings();
    expect(
      screen.getByText(
        "“大单不等于大客户”：量越重，下单金额越决定大客户指数；量越轻，连续下单、按时回款和成长越重要。默认 0.40。",
      ),
    ).toBeTruthy();
  });

  test("percent settings are typed as percentages and saved as fractions; the preview follows", async () => {
    const adapter = setup();
    await ready();
    await openSettings();
    const cutA = screen.getByRole("textbox", { name: "A类客户：累计贡献前 (%)" }) as HTMLInputElement;
    expect(cutA.value).toBe("80");
    fireEvent.change(cutA, { target: { value: "50" } });
    fireEvent.click(screen.getByRole("button", { name: "保存设置" }));
    await screen.findByText("设置已保存到本工作簿。");
    const saved = adapter.callsOf("saveSettings")[0][0] as typeof DEFAULT_SETTINGS;
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, abcCutA: 0.5 });
    expect(getCurrentSettings().abcCutA).toBe(0.5);
    // With A up to 50%: only 甲 (before 0) is A; 乙 (before 500) is B and still Fading.
    fireEvent.click(screen.getByRole("tab", { name: "分级" }));
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "50%"]);
  });

  test("restore defaults puts every number back and saves them", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    // Weights add up to 100 %: 60 + 5 + 20 + 15.
    adapter.savedSettings = { ...DEFAULT_SETTINGS, weightVolume: 0.6, weightContinuity: 0.05, lapseDays: 90 };
    setup(adapter);
    await ready();
    await openSettings();
    const weight = screen.getByRole("textbox", { name: "权重：销售规模 (%)" }) as HTMLInputElement;
    await waitFor(() => expect(weight.value).toBe("60"));
    expect(getCurrentSettings().lapseDays).toBe(90);
    fireEvent.click(screen.getByRole("button", { name: "恢复默认" }));
    await screen.findByText("设置已保存到本工作簿。");
    expect((screen.getByRole("textbox", { name: "权重：销售规模 (%)" }) as HTMLInputElement).value).toBe("40");
    expect(adapter.callsOf("saveSettings")).toEqual([[DEFAULT_SETTINGS]]);
    expect(getCurrentSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe("apply", () => {
  test("writes with the user's mapping, shows progress, then the report and warnings", async () => {
    const adapter = setup();
    const pending = deferred<ApplyReport>();
    adapter.pendingApply = pending;
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await screen.findByRole("button", { name: "正在写入…" });
    const request = adapter.applyRequests[0] as ApplyRequest;
    expect(request.mapping).toEqual({ name: 0, revenue: 1, prevRevenue: 2 });
    expect(request.lang).toBe("zh");
    expect(request.result.rowCount).toBe(6);
    expect(Array.from(request.result.tier)).toEqual([2, 1, 3, 4, 3, 0]); // Star Fading Rising Regular Rising Insufficient
    act(() => request.onProgress!(0.25));
    expect(screen.getByText("25%")).toBeTruthy();
    expect(screen.getByRole("progressbar")).toBeTruthy();
    await act(async () =>
      pending.resolve({
        outputAddress: "Sheet1!E1:R7",
        rowsWritten: 6,
        summarySheet: "客户分级汇总",
        warnings: ["此版本的 Excel 不支持条件格式，已跳过。"],
        cancelled: false,
      }),
    );
    expect(screen.getByTestId("apply-report").textContent).toBe("已写入 6 行：Sheet1!E1:R7汇总表：客户分级汇总");
    expect(screen.getByText("此版本的 Excel 不支持条件格式，已跳过。")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  test("cancel aborts the signal and says the sheet is back", async () => {
    const adapter = setup();
    const pending = deferred<ApplyReport>();
    adapter.pendingApply = pending;
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    const cancel = await screen.findByRole("button", { name: "取消" });
    const signal = adapter.applyRequests[0].signal!;
    expect(signal.aborted).toBe(false);
    fireEvent.click(cancel);
    expect(signal.aborted).toBe(true);
    expect(disabled(screen.getByRole("button", { name: "取消" }))).toBe(true);
    await act(async () =>
      pending.resolve({ outputAddress: "", rowsWritten: 0, summarySheet: null, warnings: [], cancelled: true }),
    );
    expect(screen.getByTestId("apply-report").textContent).toBe("已取消，表格已恢复原样。");
    expect(screen.queryByRole("button", { name: "取消" })).toBeNull();
  });

  test("a failed write shows the error inline and the pane stays usable", async () => {
    const adapter = setup();
    const pending = deferred<ApplyReport>();
    adapter.pendingApply = pending;
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await screen.findByRole("button", { name: "取消" });
    await act(async () => pending.reject(new Error("RichApi.Error: 工作表已保护")));
    expect(screen.getByText("写入失败：RichApi.Error: 工作表已保护")).toBeTruthy();
    expect(disabled(screen.getByRole("button", { name: "写入分级结果" }))).toBe(false);
  });
});

describe("manager tools and restore", () => {
  test("sort and filter are off before anything is written, then call the adapter", async () => {
    const adapter = setup();
    await ready();
    expect(disabled(screen.getByRole("button", { name: "按大客户指数排序" }))).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await screen.findByTestId("apply-report");

    await clickWhenEnabled("按大客户指数排序");
    await waitFor(() => expect(adapter.callsOf("sortBy")).toEqual([["keyIndex", true]]));
    await clickWhenEnabled("按潜力得分排序");
    await clickWhenEnabled("按下次联系日期排序");
    await waitFor(() =>
      expect(adapter.callsOf("sortBy")).toEqual([
        ["keyIndex", true],
        ["potential", true],
        ["nextContact", false],
      ]),
    );
    const filter = screen.getByRole("combobox", { name: "只看某一等级" }) as HTMLSelectElement;
    await waitFor(() => expect(filter.disabled).toBe(false));
    fireEvent.change(filter, { target: { value: "天王巨星" } });
    await waitFor(() => expect(adapter.callsOf("filterTier")).toEqual([["天王巨星"]]));
    await waitFor(() => expect(filter.disabled).toBe(false));
    fireEvent.change(filter, { target: { value: "" } });
    await waitFor(() => expect(adapter.callsOf("filterTier")).toEqual([["天王巨星"], [null]]));
  });

  test("a table written by an earlier run can be sorted straight away", async () => {
    const headers = [...HEADERS, "价值等级", "潜力得分"];
    const rows = ROWS.map((r) => [...r, "一般客户", 3]);
    setup(new FakeAdapter(tableOf(headers, rows, [4, 5])));
    await screen.findByText("客户表：Sheet1!A1:F7（6 行）");
    expect(disabled(screen.getByRole("button", { name: "按大客户指数排序" }))).toBe(false);
    // The output column 潜力得分 is not read back as the `potential` input, nor reported unused.
    const potential = screen.queryByRole("combobox", { name: "潜力得分" });
    expect(potential).toBeNull();
    expect(screen.getByTestId("mapping-messages").textContent).toBe("D 列“备注”未使用");
  });

  test("restore is enabled only with a snapshot and calls the adapter", async () => {
    const adapter = setup();
    await ready();
    expect(disabled(screen.getByRole("button", { name: "恢复原表" }))).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await screen.findByTestId("apply-report");
    const restore = screen.getByRole("button", { name: "恢复原表" });
    await waitFor(() => expect(disabled(restore)).toBe(false));
    fireEvent.click(restore);
    await screen.findByText("已恢复原表");
    expect(adapter.callsOf("restore")).toEqual([[]]);
    await waitFor(() => expect(disabled(screen.getByRole("button", { name: "恢复原表" }))).toBe(true));
  });
});

describe("language and errors", () => {
  test("English when Office's UI language is en-US", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    adapter.language = "en-US";
    setup(adapter);
    await screen.findByText("Customer table: Sheet1!A1:D7 (6 rows)");
    expect(screen.getByRole("button", { name: "Write tiers" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Settings" })).toBeTruthy();
    expect(tierRow("Star")).toEqual(["Star", "1", "50%"]);
    expect(screen.getByText("The top 20% of customers bring 50% of the value")).toBeTruthy();
    expect(screen.getByText("Column D “备注” is not used")).toBeTruthy();
    expect(screen.getByText("销售额: not a number (\"abc\")")).toBeTruthy();
    expect((screen.getByRole("combobox", { name: "Customer (required)" }) as HTMLSelectElement).value).toBe("0");
  });

  test("Chinese for zh-CN (and zh-TW)", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    adapter.language = "zh-TW";
    setup(adapter);
    await ready();
    expect(screen.getByRole("button", { name: "写入分级结果" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "客户分级助手" })).toBeTruthy();
  });

  test("no table found: a clear message and a way to try again", async () => {
    const adapter = setup(new FakeAdapter(new Error("没有选中任何数据")));
    await screen.findByText(
      "没有找到客户表。请选中客户表中的任一单元格，再点“查找客户表”。（没有选中任何数据）",
    );
    adapter.table = tableOf(HEADERS, ROWS);
    fireEvent.click(screen.getByRole("button", { name: "查找客户表" }));
    await ready();
  });
});
