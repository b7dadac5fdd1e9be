/** @jest-environment jsdom */
import * as React from "react";
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { FakeAdapter, tableOf } from "./fakeAdapter";
import { classify } from "../../src/engine/classify";
import { parseIsoDay } from "../../src/engine/days";
import { mapHeaders } from "../../src/engine/headers";
import { buildTableInput } from "../../src/engine/tableInput";
import { AdapterProvider } from "../../src/taskpane/AdapterContext";
import { LangProvider } from "../../src/taskpane/useLang";
import { SummaryPanel } from "../../src/taskpane/SummaryPanel";
import { WorklistPanel } from "../../src/taskpane/WorklistPanel";

/*
 * Evaluated on 2026-11-02 (no holiday within 14 days; no birthdays, orders or familiarity, so
 * the only candidates are win-back and regular contact). Total value 1000 over five valued rows.
 *   row value prev  tier (METHOD §4)          last contact  next contact (§8)
 *   甲  500  400   A, +25 %      → 天王巨星   —             today (no last contact)
 *   乙  300  500   −40 %         → 明日黄花   —             today (win-back)
 *   丙  100   50   +100 %        → 后起之秀   —             today
 *   丁   60   60   0 %, B        → 一般客户   2026-11-01    11-01 + 90 ± 3 days: not this week
 *   戊   40    0   new           → 后起之秀   —             today
 *   己  "abc"  10  no value      → 数据不足   —             today
 * Key-account index (§5; only volume 0.40 and growth 0.15 known, renormalised by 0.55):
 *   甲 volume 1,    growth 0.75 → round(100 × 0.5125 / 0.55) = 93
 *   乙 volume 0.75, growth 0.10 → round(100 × 0.315 / 0.55)  = 57
 *   丙 volume 0.5,  growth 1    → round(100 × 0.35 / 0.55)   = 64
 *   丁 volume 0.25, growth 0.5  → round(100 × 0.175 / 0.55)  = 32
 *   戊 volume 0,    growth 0.75 → round(100 × 0.1125 / 0.55) = 20
 * Worklist order (§8: next contact, then tier Star, Rising, Fading, Regular, Insufficient, then
 * index high first): 甲 (Star), 丙 (Rising 64), 戊 (Rising 20), 乙 (Fading), 己 (Insufficient).
 */
const HEADERS = ["客户编号", "客户名称", "销售额", "上期销售额", "最近联系日期", "联系电话"];
const ROWS = [
  ["KH1", "甲公司", 500, 400, null, "138-0000-0001"],
  ["KH2", "乙公司", 300, 500, null, "138-0000-0002"],
  ["KH3", "丙公司", 100, 50, null, null],
  ["KH4", "丁公司", 60, 60, "2026-11-01", "138-0000-0004"],
  ["KH5", "戊公司", 40, 0, null, "138-0000-0005"],
  ["KH6", "己公司", "abc", 10, null, null],
];
/** Owners for the unit-level tests (the summaries' per-owner lines and the Worklist's owner). */
const OWNERS = ["王芳", "王芳", "王芳", "李强", "李强", "李强"];

beforeEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));
// The machine is shared: give the pane's asynchronous preview time under load.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

async function open(tab: string, adapter = new FakeAdapter(tableOf(HEADERS, ROWS))) {
  render(<App adapter={adapter} />);
  await screen.findByTestId("tier-row-total");
  fireEvent.change(screen.getByLabelText("评估日期"), { target: { value: "2026-11-02" } });
  await waitFor(() => expect(screen.queryByText("正在计算预览…")).toBeNull());
  fireEvent.click(screen.getByRole("tab", { name: tab }));
  return adapter;
}

function items(): string[][] {
  return screen.getAllByTestId("worklist-item").map((li) =>
    Array.from(li.children).map((c) => c.textContent ?? ""),
  );
}

describe("worklist 本周待办", () => {
  test("in METHOD §8's order, with id, tier, action, Why and the table's phone column", async () => {
    await open("本周待办");
    await screen.findByRole("heading", { name: "本周待办：5 位客户" });
    expect(screen.getByText(/^下次联系日期在 2026-11-02 至 2026-11-08 的客户/)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "今天 2026-11-02（5 位）" })).toBeTruthy();
    const names = screen.getAllByTestId("worklist-item").map((li) => within(li).getByRole("button").textContent);
    expect(names).toEqual(["甲公司", "丙公司", "戊公司", "乙公司", "己公司"]);
    const rows = items();
    // Line 1: name and tier; line 3: id · phone (the user's own contact column).
    expect(rows.map((r) => r[0])).toEqual(["甲公司天王巨星", "丙公司后起之秀", "戊公司后起之秀", "乙公司明日黄花", "己公司数据不足"]);
    expect(rows.map((r) => r[2])).toEqual([
      "KH1 · 138-0000-0001",
      "KH3",
      "KH5 · 138-0000-0005",
      "KH2 · 138-0000-0002",
      "KH6",
    ]);
    expect(rows[3][1]).toMatch(/^挽回：/);
    for (const r of rows) expect(r[3]).toMatch(/^依据：/);
  });

  test("a click on a name selects the customer's row in the sheet", async () => {
    const adapter = await open("本周待办");
    await screen.findByRole("heading", { name: "本周待办：5 位客户" });
    fireEvent.click(screen.getByRole("button", { name: "戊公司" }));
    await waitFor(() => expect(adapter.callsOf("selectCell")).toEqual([["Sheet1!A6:F6"]]));
  });

  test("the worklist follows the evaluation date", async () => {
    await open("本周待办");
    await screen.findByRole("heading", { name: "本周待办：5 位客户" });
    // 丁 (last contact 11-01, cadence 90 ± 3) is due between 2027-01-27 and 2027-02-02.
    fireEvent.change(screen.getByLabelText("评估日期"), { target: { value: "2027-02-02" } });
    await screen.findByRole("heading", { name: "本周待办：6 位客户" });
  });

  test("English", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    adapter.language = "en-US";
    render(<App adapter={adapter} />);
    await screen.findByTestId("tier-row-total");
    fireEvent.change(screen.getByLabelText("Evaluation date"), { target: { value: "2026-11-02" } });
    await waitFor(() => expect(screen.queryByText("Computing the preview…")).toBeNull());
    fireEvent.click(screen.getByRole("tab", { name: "This week" }));
    await screen.findByRole("heading", { name: "This week: 5 customers" });
    expect(screen.getByRole("heading", { name: "Today 2026-11-02 (5)" })).toBeTruthy();
    expect(items()[0][0]).toBe("甲公司Star");
  });
});

describe("summary", () => {
  test("headline first, then tiers, ABC, owners, the top 10 and the Pareto chart", async () => {
    await open("汇总");
    await screen.findByRole("heading", { name: "汇总" });
    expect(screen.getByText("评估日期：2026-11-02")).toBeTruthy();
    const tile = (id: string) => Array.from(screen.getByTestId(id).children).map((c) => c.textContent);
    expect(tile("head-customers")).toEqual(["客户数", "6"]);
    expect(tile("head-star-share")).toEqual(["天王巨星价值占比", "50%"]);
    expect(tile("head-overdue")).toEqual(["超期未联系", "0"]);
    expect(tile("head-problems")).toEqual(["有数据问题的客户", "1"]);
    const cells = (id: string) =>
      within(screen.getByTestId(id))
        .getAllByRole("row")
        .slice(1)
        .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(cells("summary-tiers")).toEqual([
      ["天王巨星", "1", "50%"],
      ["后起之秀", "2", "14%"],
      ["一般客户", "1", "6%"],
      ["明日黄花", "1", "30%"],
      ["数据不足", "1", "0%"],
    ]);
    // ABC: 甲 乙 are A (before 0, 500 < 800), 丙 丁 B (800, 900 < 950), 戊 C.
    expect(cells("summary-abc")).toEqual([
      ["A", "2", "80%"],
      ["B", "2", "16%"],
      ["C", "1", "4%"],
    ]);
    // No owner or region column: no such tables.
    expect(screen.queryByTestId("summary-owners")).toBeNull();
    expect(screen.queryByTestId("summary-regions")).toBeNull();
    const top = within(screen.getByTestId("summary-top")).getAllByRole("listitem").map((li) => li.textContent);
    expect(top).toEqual([
      "甲公司指数 93 · 天王巨星 · 占比 50%",
      "丙公司指数 64 · 后起之秀 · 占比 10%",
      "乙公司指数 57 · 明日黄花 · 占比 30%",
      "丁公司指数 32 · 一般客户 · 占比 6%",
      "戊公司指数 20 · 后起之秀 · 占比 4%",
    ]);
    expect(screen.getByRole("img", { name: "帕累托曲线（80/20）: 前 20% 的客户贡献 50% 的价值" })).toBeTruthy();
    // The order a manager reads: headline, tiers, ABC, owners, top, chart.
    const order = ["head-customers", "summary-tiers", "summary-abc", "summary-top"].map((id) =>
      screen.getByTestId(id),
    );
    order.push(screen.getByRole("img", { name: /帕累托曲线/ }) as unknown as HTMLElement);
    for (let i = 1; i < order.length; i++)
      expect(order[i - 1].compareDocumentPosition(order[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe("owner and region columns (the summary model's groups)", () => {
  /** The panels over a result whose input carries owner (and region) columns, as the shared model reads them. */
  function renderWith(panel: "worklist" | "summary", withRegion: boolean) {
    const table = tableOf([...HEADERS, "负责销售"], ROWS.map((r, i) => [...r, OWNERS[i]]));
    const mapping = mapHeaders(table.headers);
    const input = buildTableInput(
      { rowCount: table.location.rowCount, column: (c) => table.columns[c] },
      mapping,
      { owner: 6 },
    );
    if (withRegion) input.groups!.region = ["华东", "华东", "华南", "华南", "华南", ""];
    const result = classify(input, { today: parseIsoDay("2026-11-02"), settings: { ...DEFAULT_SETTINGS } });
    const adapter = new FakeAdapter(table);
    render(
      <AdapterProvider adapter={adapter}>
        <LangProvider value="zh">
          {panel === "worklist" ? (
            <WorklistPanel table={table} mapping={mapping} result={result} onError={() => undefined} />
          ) : (
            <SummaryPanel table={table} result={result} onError={() => undefined} />
          )}
        </LangProvider>
      </AdapterProvider>,
    );
  }
  const cells = (id: string) =>
    within(screen.getByTestId(id))
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));

  test("the worklist shows each customer's owner", () => {
    renderWith("worklist", false);
    expect(items().map((r) => r[2])).toEqual([
      "KH1 · 王芳 · 138-0000-0001",
      "KH3 · 王芳",
      "KH5 · 李强 · 138-0000-0005",
      "KH2 · 王芳 · 138-0000-0002",
      "KH6 · 李强",
    ]);
  });

  test("per owner: customers, value share, Stars, Fading, overdue; biggest first", () => {
    renderWith("summary", false);
    expect(cells("summary-owners")).toEqual([
      ["王芳", "3", "90%", "1", "1", "0"],
      ["李强", "3", "10%", "0", "0", "0"],
    ]);
    expect(screen.queryByTestId("summary-regions")).toBeNull();
  });

  test("per region too when the table has one; a blank region is its own line, last", () => {
    renderWith("summary", true);
    // 华东: 甲 500 + 乙 300 = 80 %; 华南: 丙 100 + 丁 60 + 戊 40 = 20 %; blank: 己 (no value).
    expect(cells("summary-regions")).toEqual([
      ["华东", "2", "80%", "1", "1", "0"],
      ["华南", "3", "20%", "0", "0", "0"],
      ["（未填）", "1", "0%", "0", "0", "0"],
    ]);
  });
});

describe("freeze the name column", () => {
  test("offered after a write, not forced; asks the adapter to freeze through the name column", async () => {
    const adapter = new FakeAdapter(tableOf(HEADERS, ROWS));
    render(<App adapter={adapter} />);
    await screen.findByTestId("tier-row-total");
    expect(screen.queryByRole("button", { name: "冻结客户名称列" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "写入分级结果" }));
    await screen.findByTestId("apply-report");
    expect(adapter.callsOf("freezeNameColumn")).toEqual([]);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "冻结客户名称列" })));
    expect(adapter.callsOf("freezeNameColumn")).toEqual([[{ headerRow: 0, column: 1 }]]);
    expect(screen.getByTestId("freeze-status").textContent).toBe(
      "已冻结表头和客户名称列；“恢复原表”会还原您原来的冻结设置。",
    );
    // The write passed the table's phone column for the Worklist sheet.
    expect(adapter.applyRequests[0].contactColumns).toEqual([5]);
  });
});
