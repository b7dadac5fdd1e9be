/** @jest-environment jsdom */
/** The pane reads the owner and region columns (METHOD §1, summaries and the Worklist only). */
import * as React from "react";
import { configure, render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { mapTable, tableInput } from "../../src/taskpane/tableInput";
import { FakeAdapter, tableOf } from "./fakeAdapter";

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
