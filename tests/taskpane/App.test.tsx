/** @jest-environment jsdom */
import * as React from "react";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { formatIsoDay, parseIsoDay, todayLocal } from "../../src/engine/days";
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
  await screen.findByTestId("tier-row-total");
}

/** The mapping is one line when every required field is recognised; this opens the dropdowns. */
function openMapping(name = "修改") {
  fireEvent.click(screen.getByRole("button", { name }));
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
// The machine is shared: give the pane's asynchronous preview time under load.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

describe("mapping", () => {
  test("every required field recognised: one line, expandable to the columns found by header", async () => {
    setup();
    await ready();
    expect(screen.getByTestId("mapping-summary").textContent).toBe("✓ 已识别 3 列·修改");
    const change = screen.getByRole("button", { name: "修改" });
    expect(change.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("combobox", { name: "客户名称（必填）" })).toBeNull();
    // An unused column is information, not a warning.
    expect(screen.queryByTestId("mapping-messages")).toBeNull();
    expect(screen.getByTestId("mapping-unused").textContent).toBe("未参与分级的列（不影响结果）：D 备注");

    openMapping();
    expect(screen.getByRole("button", { name: "收起" }).getAttribute("aria-expanded")).toBe("true");
    const name = screen.getByRole("combobox", { name: "客户名称（必填）" }) as HTMLSelectElement;
    const revenue = screen.getByRole("combobox", { name: "本期销售额" }) as HTMLSelectElement;
    const prev = screen.getByRole("combobox", { name: "上期销售额" }) as HTMLSelectElement;
    expect([name.value, revenue.value, prev.value]).toEqual(["0", "1", "2"]);
    expect(name.options[name.selectedIndex].text).toBe("A · 客户名称");
    // Profit is not in the table: shown, unmapped.
    const profit = screen.getByRole("combobox", { name: "毛利" }) as HTMLSelectElement;
    expect(profit.options[profit.selectedIndex].text).toBe("（无）");
    fireEvent.click(screen.getByRole("button", { name: "收起" }));
    expect(screen.queryByRole("combobox", { name: "客户名称（必填）" })).toBeNull();
  });

  test("a missing value column opens the mapping and blocks apply until the user maps it", async () => {
    setup(new FakeAdapter(tableOf(["客户名称", "合同额"], [["甲公司", 500]])));
    await screen.findByText("客户表：Sheet1!A1:B2（1 行）");
    expect(screen.getByTestId("mapping-messages").textContent).toBe(
      "缺少必需的列：本期销售额（或毛利）缺少必填列，不会写入任何内容。",
    );
    expect(screen.queryByTestId("mapping-summary")).toBeNull();
    expect(screen.getByTestId("mapping-unused").textContent).toBe("未参与分级的列（不影响结果）：B 合同额");
    expect(disabled(screen.getByRole("button", { name: "写入分级结果" }))).toBe(true);
    expect(screen.queryByRole("heading", { name: "2. 预览" })).toBeNull();

    fireEvent.change(screen.getByRole("combobox", { name: "本期销售额" }), { target: { value: "1" } });
    expect(screen.queryByTestId("mapping-messages")).toBeNull();
    await screen.findByTestId("tier-row-total");
    expect(disabled(screen.getByRole("button", { name: "写入分级结果" }))).toBe(false);
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "100%"]);
    // Now complete: the mapping stays open (the user is working in it) until hidden.
    expect(screen.getByTestId("mapping-summary").textContent).toBe("✓ 已识别 2 列·收起");
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
    openMapping();
    fireEvent.change(screen.getByRole("combobox", { name: "上期销售额" }), { target: { value: "" } });
    // Without prevRevenue: 甲, 乙 are A → Star; 丙, 丁, 戊 Regular.
    await waitFor(() => expect(tierRow("天王巨星")).toEqual(["天王巨星", "2", "80%"]));
    expect(tierRow("一般客户")).toEqual(["一般客户", "3", "20%"]);
    expect(tierRow("明日黄花")).toEqual(["明日黄花", "0", "0%"]);
    expect(screen.getByTestId("mapping-summary").textContent).toBe("✓ 已识别 2 列·收起");
  });

  test("the first decision comes before the details: tier table, then Write, then the problems", async () => {
    setup();
    await ready();
    const order = ["mapping-summary", "tier-row-total"].map((id) => screen.getByTestId(id));
    const write = screen.getByRole("button", { name: "写入分级结果" });
    const chart = screen.getByText("数据问题（1）");
    const follows = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(order[0], order[1])).toBe(true);
    expect(follows(order[1], write)).toBe(true);
    expect(follows(write, chart)).toBe(true);
  });
});

describe("evaluation date", () => {
  /*
   * Two customers who last ordered on 2026-06-01, both with history (prev = revenue, growth 0).
   * Total value 600; 甲 before 0 < 480 → A, 乙 before 500 ≥ 480 → B.
   * On 2026-07-01: recency 30 → 甲 Star, 乙 Regular.
   * On 2026-12-31: recency 213 > 180 → both Fading (METHOD §4 rule 2 comes before Star).
   */
  const DATED = tableOf(
    ["客户名称", "销售额", "上期销售额", "最近下单日期"],
    [
      ["甲公司", 500, 500, "2026-06-01"],
      ["乙公司", 100, 100, "2026-06-01"],
    ],
  );
  const dateInput = () => screen.getByLabelText("评估日期") as HTMLInputElement;

  test("shown at the top, defaults to today, and the preview and the write follow it", async () => {
    const adapter = setup(new FakeAdapter(DATED));
    await screen.findByTestId("tier-row-total");
    expect(dateInput().value).toBe(formatIsoDay(todayLocal()));
    expect(dateInput().type).toBe("date");
    // The date comes before the tabs: it governs every tab.
    const tabs = screen.getByRole("tablist");
    expect(dateInput().compareDocumentPosition(tabs) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.change(dateInput(), { target: { value: "2026-07-01" } });
    await waitFor(() => expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "83.3%"]));
    expect(tierRow("一般客户")).toEqual(["一般客户", "1", "16.7%"]);

    fireEvent.change(dateInput(), { target: { value: "2026-12-31" } });
    await waitFor(() => expect(tierRow("明日黄花")).toEqual(["明日黄花", "2", "100%"]));
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "0", "0%"]);

    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await screen.findByTestId("apply-report");
    expect(adapter.applyRequests[0].result.today).toBe(parseIsoDay("2026-12-31"));
    expect(screen.getByTestId("apply-report").textContent).toContain("评估日期：2026-12-31");
  });

  test("an incomplete date is reported and the last complete one stays in use; 'today'", async () => {
    setup(new FakeAdapter(DATED));
    await screen.findByTestId("tier-row-total");
    fireEvent.change(dateInput(), { target: { value: "2026-12-31" } });
    await waitFor(() => expect(tierRow("明日黄花")).toEqual(["明日黄花", "2", "100%"]));
    fireEvent.change(dateInput(), { target: { value: "" } });
    expect(screen.getByText("请输入完整的日期；仍按 2026-12-31 计算。")).toBeTruthy();
    expect(tierRow("明日黄花")).toEqual(["明日黄花", "2", "100%"]);
    fireEvent.click(screen.getByRole("button", { name: "今天" }));
    await waitFor(() => expect(dateInput().value).toBe(formatIsoDay(todayLocal())));
    expect(screen.queryByText("请输入完整的日期；仍按 2026-12-31 计算。")).toBeNull();
    expect(screen.queryByRole("button", { name: "今天" })).toBeNull();
  });
});

describe("keyboard and screen readers", () => {
  test("the first screen's controls come in reading order, each with a name", async () => {
    setup();
    await ready();
    const controls = Array.from(document.querySelectorAll("main input, main button, main select")) as HTMLElement[];
    const names = controls.map((el) => {
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
      // A Fluent tab holds its label twice (the second reserves the bold width, aria-hidden).
      const tab = el.getAttribute("role") === "tab" ? el.querySelector(".fui-Tab__content")?.textContent : null;
      return labelled || tab || el.getAttribute("aria-label") || el.textContent || "";
    });
    expect(names.slice(0, 9)).toEqual([
      "评估日期",
      "分级",
      "本周待办",
      "汇总",
      "设置",
      "重新读取客户表",
      "修改",
      "写入分级结果",
      "B7",
    ]);
    expect(names.every((n) => n.trim() !== "")).toBe(true);
    // The date's purpose is read out with it.
    const date = screen.getByLabelText("评估日期");
    const described = date.getAttribute("aria-describedby")!.split(" ").map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(["等级、超期未联系和下次联系日期都按这一天计算。"]);
  });
});

describe("progress and cancel", () => {
  test("reading the table shows a spinner and can be cancelled (nothing is changed by a read)", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    const read = deferred<ReturnType<typeof tableOf>>();
    adapter.pendingRead = read;
    setup(adapter);
    expect(await screen.findByText("正在读取客户表…")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "取消" }));
    expect(screen.queryByText("正在读取客户表…")).toBeNull();
    expect(screen.getByRole("button", { name: "查找客户表" })).toBeTruthy();
    // The abandoned read's answer is ignored.
    await act(async () => read.resolve(tableOf(HEADERS, ROWS)));
    expect(screen.queryByText("客户表：Sheet1!A1:D7（6 行）")).toBeNull();
    adapter.pendingRead = null;
    fireEvent.click(screen.getByRole("button", { name: "查找客户表" }));
    await ready();
  });

  test("sorting shows what is running until it is done", async () => {
    const adapter = setup(new FakeAdapter(tableOf([...HEADERS, "价值等级"], ROWS.map((r) => [...r, "一般客户"]), [4])));
    await screen.findByTestId("tier-row-total");
    const sort = deferred<void>();
    adapter.pendingSort = sort;
    fireEvent.click(screen.getByRole("button", { name: "按大客户指数排序" }));
    expect(await screen.findByText("正在排序…")).toBeTruthy();
    expect(disabled(screen.getByRole("button", { name: "按潜力得分排序" }))).toBe(true);
    await act(async () => sort.resolve());
    expect(screen.queryByText("正在排序…")).toBeNull();
    expect(disabled(screen.getByRole("button", { name: "按潜力得分排序" }))).toBe(false);
  });
});

describe("preview", () => {
  test("customers and value share per tier and problem cells", async () => {
    const adapter = setup();
    await ready();
    expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "50%"]);
    expect(tierRow("后起之秀")).toEqual(["后起之秀", "2", "14%"]);
    expect(tierRow("一般客户")).toEqual(["一般客户", "1", "6%"]);
    expect(tierRow("明日黄花")).toEqual(["明日黄花", "1", "30%"]);
    expect(tierRow("数据不足")).toEqual(["数据不足", "1", "0%"]);
    expect(tierRow("合计")).toEqual(["合计", "6", "100%"]);

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
  const box = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
  /** Groups start folded (but the first); this opens one by its title. */
  const openGroup = (title: string) => fireEvent.click(screen.getByRole("button", { name: title }));

  test("grouped as the engine's table says, each field with its unit and help; advanced ones folded", async () => {
    setup();
    await ready();
    await openSettings();
    const legends = Array.from(document.querySelectorAll("legend button"));
    expect(legends.map((l) => l.textContent)).toEqual(["▾价值分级", "▸大客户指数", "▸关系水平", "▸联系节奏", "▸节日与生日", "▸订单明细", "▸购买节奏"]);
    // Only the first group is open: the page starts as a short list.
    expect(legends.map((l) => l.getAttribute("aria-expanded"))).toEqual(["true", "false", "false", "false", "false", "false", "false"]);
    expect(screen.queryByRole("textbox", { name: "权重：销售规模 (%)" })).toBeNull();
    const tiers = within(screen.getByTestId("settings-group-tiers"));
    // Unit: "天" after the box (and in its accessible name); help: one line in the rep's words.
    const lapse = tiers.getByRole("textbox", { name: "明日黄花：多久没下单 (天)" }) as HTMLInputElement;
    expect(lapse.value).toBe("180");
    expect(lapse.parentElement!.textContent).toBe("天");
    expect(tiers.getByText("超过这么多天没有下单的老客户，列为明日黄花。")).toBeTruthy();
    // Advanced settings of the group are folded behind one button.
    expect(tiers.queryByRole("textbox", { name: "B类客户：累计贡献前 (%)" })).toBeNull();
    const more = tiers.getByRole("button", { name: "更多设置（4 项）" });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(more);
    expect(box("B类客户：累计贡献前 (%)").value).toBe("95");
    expect(tiers.getByRole("button", { name: "收起更多设置" }).getAttribute("aria-expanded")).toBe("true");
    // A whole-number setting without a unit (a count) has no unit text.
    openGroup("关系水平");
    fireEvent.click(within(screen.getByTestId("settings-group-relationship")).getByRole("button", { name: "更多设置（3 项）" }));
    expect(box("请求转介绍：订单数至少").parentElement!.textContent).toBe("");
  });

  test("an invalid value shows the engine's message inline and is not saved", async () => {
    const adapter = setup();
    await ready();
    await openSettings();
    const lapse = box("明日黄花：多久没下单 (天)");
    fireEvent.change(lapse, { target: { value: "0" } });
    expect(
      screen.getByText("设置“明日黄花：多久没下单”（lapseDays）的值 0 无效：应为 1–3650 之间的整数；已使用默认值 180"),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "保存设置" }));
    expect(screen.getByText("有设置无效，请先修改标红的项。")).toBeTruthy();
    expect(adapter.callsOf("saveSettings")).toEqual([]);
  });

  test("an invalid folded setting unfolds its group so the user sees it", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    adapter.savedSettings = { ...DEFAULT_SETTINGS };
    setup(adapter);
    await ready();
    await openSettings();
    const tiers = within(screen.getByTestId("settings-group-tiers"));
    fireEvent.click(tiers.getByRole("button", { name: "更多设置（4 项）" }));
    fireEvent.change(box("后起之秀：回款平均逾期不超过 (天)"), { target: { value: "-1" } });
    fireEvent.click(tiers.getByRole("button", { name: "收起更多设置" }));
    // Still open: it holds an error.
    expect(box("后起之秀：回款平均逾期不超过 (天)").value).toBe("-1");
  });

  test("weights are percentages that must add up to 100 %", async () => {
    const adapter = setup();
    await ready();
    await openSettings();
    openGroup("大客户指数");
    expect(screen.getByText(/^“大单不等于大客户”/)).toBeTruthy();
    expect(box("权重：销售规模 (%)").value).toBe("40");
    expect(box("权重：持续下单 (%)").value).toBe("25");
    expect(box("权重：按时回款 (%)").value).toBe("20");
    expect(box("权重：增长 (%)").value).toBe("15");
    expect(screen.getByTestId("weight-total").textContent).toBe("四项权重合计 100%。");
    fireEvent.change(box("权重：销售规模 (%)"), { target: { value: "50" } });
    expect(screen.getByTestId("weight-total").textContent).toBe("四项权重合计 110%，应为 100%。");
    fireEvent.click(screen.getByRole("button", { name: "保存设置" }));
    expect(screen.getByText("有设置无效，请先修改标红的项。")).toBeTruthy();
    expect(adapter.callsOf("saveSettings")).toEqual([]);
    fireEvent.change(box("权重：持续下单 (%)"), { target: { value: "15" } });
    expect(screen.getByTestId("weight-total").textContent).toBe("四项权重合计 100%。");
    fireEvent.click(screen.getByRole("button", { name: "保存设置" }));
    await screen.findByText("设置已保存到本工作簿。");
    expect(adapter.callsOf("saveSettings")).toEqual([[{ ...DEFAULT_SETTINGS, weightVolume: 0.5, weightContinuity: 0.15 }]]);
  });

  test("percent settings are typed as percentages and saved as fractions; the preview follows", async () => {
    const adapter = setup();
    await ready();
    await openSettings();
    const cutA = box("A类客户：累计贡献前 (%)");
    expect(cutA.value).toBe("80");
    fireEvent.change(cutA, { target: { value: "50" } });
    fireEvent.click(screen.getByRole("button", { name: "保存设置" }));
    await screen.findByText("设置已保存到本工作簿。");
    const saved = adapter.callsOf("saveSettings")[0][0] as typeof DEFAULT_SETTINGS;
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, abcCutA: 0.5 });
    expect(getCurrentSettings().abcCutA).toBe(0.5);
    // With A up to 50%: only 甲 (before 0) is A; 乙 (before 500) is B and still Fading.
    fireEvent.click(screen.getByRole("tab", { name: "分级" }));
    await waitFor(() => expect(tierRow("天王巨星")).toEqual(["天王巨星", "1", "50%"]));
    expect(tierRow("明日黄花")).toEqual(["明日黄花", "1", "30%"]);
  });

  test("restore defaults puts every number back and saves them", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    adapter.savedSettings = { ...DEFAULT_SETTINGS, weightVolume: 0.6, weightGrowth: 0, weightPayment: 0.15, lapseDays: 90 };
    setup(adapter);
    await ready();
    await openSettings();
    openGroup("大客户指数");
    await waitFor(() => expect(box("权重：销售规模 (%)").value).toBe("60"));
    expect(getCurrentSettings().lapseDays).toBe(90);
    fireEvent.click(screen.getByRole("button", { name: "恢复默认" }));
    await screen.findByText("设置已保存到本工作簿。");
    expect(box("权重：销售规模 (%)").value).toBe("40");
    expect(adapter.callsOf("saveSettings")).toEqual([[DEFAULT_SETTINGS]]);
    expect(getCurrentSettings()).toEqual(DEFAULT_SETTINGS);
  });

  test("English labels, units and help from the same table", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    adapter.language = "en-US";
    setup(adapter);
    await screen.findByTestId("tier-row-total");
    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    const lapse = (await screen.findByRole("textbox", { name: "Fading: no order for more than (days)" })) as HTMLInputElement;
    expect(lapse.value).toBe("180");
    expect(screen.getByText("A customer with no order for more than this many days is Fading.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Key-account index" }));
    expect(screen.getByTestId("weight-total").textContent).toBe("The four weights add up to 100 %.");
    expect(screen.getAllByRole("button", { name: /^More settings \(\d+\)$/ }).length).toBeGreaterThan(0);
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
    expect(screen.getByTestId("apply-report").textContent).toBe(
      `已写入 6 行：Sheet1!E1:R7汇总表：客户分级汇总评估日期：${formatIsoDay(todayLocal())}`,
    );
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
    openMapping();
    const potential = screen.queryByRole("combobox", { name: "潜力得分" });
    expect(potential).toBeNull();
    expect(screen.getByTestId("mapping-unused").textContent).toBe("未参与分级的列（不影响结果）：D 备注");
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
    await screen.findByTestId("tier-row-total");
    expect(screen.getByRole("button", { name: "Write tiers" })).toBeTruthy();
    expect(screen.getByTestId("mapping-summary").textContent).toBe("✓ 3 columns recognised·Change");
    expect(screen.getByRole("tab", { name: "Settings" })).toBeTruthy();
    expect(tierRow("Star")).toEqual(["Star", "1", "50%"]);
    fireEvent.click(screen.getByRole("tab", { name: "Summary" }));
    expect(await screen.findByText("The top 20% of customers bring 50% of the value")).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "Tiers" }));
    await screen.findByTestId("tier-row-total");
    expect(screen.getByText("Columns not used for tiers (no effect on the results): D 备注")).toBeTruthy();
    expect(screen.getByText("销售额: not a number (\"abc\")")).toBeTruthy();
    openMapping("Change");
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
