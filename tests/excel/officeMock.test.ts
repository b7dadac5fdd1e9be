/**
 * The adapter against office-addin-mock: the real Excel.run / Office.context paths. The mock
 * answers "Error, property was not loaded" for anything read before load+sync; none of it
 * may reach a result.
 */
import { OfficeMockObject } from "office-addin-mock";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { getCurrentSettings, setCurrentSettings } from "../../src/engine/settingsStore";
import { createOfficeAdapter } from "../../src/excel/officeAdapter";
import { initSettingsFromDocument, SETTINGS_KEY } from "../../src/excel/settingsStorage";
import { leaksNotLoaded, NOT_LOADED } from "./helpers";

type G = { Office?: unknown; Excel?: unknown };
const g = globalThis as unknown as G;

function officeWith(store: Record<string, unknown>, saveStatus = "succeeded", lang = "zh-CN") {
  return new OfficeMockObject({
    context: {
      displayLanguage: lang,
      requirements: { isSetSupported: () => true },
      document: {
        settings: {
          get: (k: string) => (k in store ? store[k] : null),
          set: (k: string, v: unknown) => {
            store[k] = v;
          },
          saveAsync: (cb: (r: unknown) => void) => cb({ status: saveStatus, error: { message: "disk full" } }),
        },
      },
    },
  });
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
  setCurrentSettings({ ...DEFAULT_SETTINGS });
});

describe("Office.context through office-addin-mock", () => {
  test("uiLanguage never returns the mock's not-loaded marker", () => {
    g.Office = officeWith({});
    const lang = createOfficeAdapter().uiLanguage();
    expect(lang).not.toBe(NOT_LOADED);
    expect(lang).toMatch(/^[a-z]{2}(-[A-Z]{2})?$/i);
  });

  test("uiLanguage reads Office.context.displayLanguage when it is a plain value", () => {
    g.Office = { context: { displayLanguage: "zh-CN" } };
    expect(createOfficeAdapter().uiLanguage()).toBe("zh-CN");
    g.Office = { context: { displayLanguage: "" } };
    expect(createOfficeAdapter().uiLanguage()).toMatch(/^[a-z]{2}/i);
  });

  test("settings are saved as JSON in the document and loaded back", async () => {
    const store: Record<string, unknown> = {};
    g.Office = officeWith(store);
    const calculations: string[] = [];
    g.Excel = new OfficeMockObject({
      context: { application: { calculate: (t: string) => calculations.push(t) }, sync: async () => undefined },
      run: async function (_options: unknown, cb: (ctx: unknown) => Promise<unknown>) {
        return cb((this as unknown as { context: unknown }).context);
      },
    });
    const adapter = createOfficeAdapter();
    expect(await adapter.loadSettings()).toBeNull();
    const changed = { ...DEFAULT_SETTINGS, abcCutA: 0.7 };
    await adapter.saveSettings(changed);
    // Existing =CRM.* cells (not volatile) are recalculated with the new settings.
    expect(calculations).toEqual(["Full"]);
    expect(typeof store[SETTINGS_KEY]).toBe("string");
    expect(JSON.parse(store[SETTINGS_KEY] as string).abcCutA).toBe(0.7);
    expect(getCurrentSettings().abcCutA).toBe(0.7); // the custom functions see it at once
    const loaded = await adapter.loadSettings();
    expect(loaded).toEqual(changed);
    expect(leaksNotLoaded(loaded)).toBe(false);
  });

  test("start-up puts the workbook's settings in force; bad values keep defaults", async () => {
    g.Office = officeWith({ [SETTINGS_KEY]: JSON.stringify({ abcCutA: 0.75, abcCutB: "lots" }) });
    const loaded = await initSettingsFromDocument();
    expect(loaded!.settings.abcCutA).toBe(0.75);
    expect(loaded!.settings.abcCutB).toBe(DEFAULT_SETTINGS.abcCutB);
    expect(loaded!.errors.map((e) => e.key)).toEqual(["abcCutB"]);
    expect(getCurrentSettings().abcCutA).toBe(0.75);
  });

  test("a workbook without settings leaves the defaults; broken JSON is reported, not thrown", async () => {
    g.Office = officeWith({});
    expect(await initSettingsFromDocument()).toBeNull();
    expect(getCurrentSettings()).toEqual(DEFAULT_SETTINGS);
    g.Office = officeWith({ [SETTINGS_KEY]: "{not json" });
    const loaded = await initSettingsFromDocument();
    expect(loaded!.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded!.errors).toHaveLength(1);
  });

  test("a failed save is an error the pane can show", async () => {
    g.Office = officeWith({}, "failed");
    await expect(createOfficeAdapter().saveSettings({ ...DEFAULT_SETTINGS })).rejects.toThrow(
      "设置保存失败 / Saving settings failed: disk full",
    );
  });
});

describe("Excel.run through office-addin-mock", () => {
  const runOptions: unknown[] = [];
  beforeEach(() => (runOptions.length = 0));
  test("selectCell activates the sheet and selects the range", async () => {
    const calls: string[] = [];
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem: (name: string) => ({
              activate: () => calls.push(`activate ${name}`),
              getRange: (a: string) => ({ select: () => calls.push(`select ${a}`) }),
            }),
          },
        },
      },
      // Excel.run(options, batch): the overload the add-in uses (RunOptions.delayForCellEdit).
      run: async function (options: { delayForCellEdit?: boolean }, cb: (ctx: unknown) => Promise<unknown>) {
        runOptions.push(options);
        return cb((this as unknown as { context: unknown }).context);
      },
    });
    g.Excel = mock;
    await createOfficeAdapter({ setCheck: () => true }).selectCell("'客户 表'!D7");
    expect(calls).toEqual(["activate 客户 表", "select D7"]);
    expect(runOptions).toEqual([{ delayForCellEdit: true }]);
  });

  test("hasSnapshot loads before it reads", async () => {
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            sheet: { isNullObject: true },
            getItemOrNullObject: function () {
              return (this as unknown as { sheet: unknown }).sheet;
            },
          },
        },
      },
      // Excel.run(options, batch): the overload the add-in uses (RunOptions.delayForCellEdit).
      run: async function (options: { delayForCellEdit?: boolean }, cb: (ctx: unknown) => Promise<unknown>) {
        runOptions.push(options);
        return cb((this as unknown as { context: unknown }).context);
      },
    });
    g.Excel = mock;
    // Reading isNullObject without load+sync would give the (truthy) marker string and answer true.
    expect(await createOfficeAdapter({ setCheck: () => true }).hasSnapshot()).toBe(false);
  });
});
