/**
 * The functions as Excel calls them, on the strict double of tests/excel/fakeFunctionsHost.ts,
 * with the metadata the build really ships (generated from functions.ts, then webpack.config.js).
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as path from "path";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { CRM_FUNCTIONS } from "../../src/functions/functions";
import { settingsLoaded } from "../../src/functions/settingsGate";
import { callAsExcel, CellError, FunctionsSheet, type FunctionMetadata } from "../excel/fakeFunctionsHost";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withErrorInputs } = require("../../webpack.config.js") as { withErrorInputs: (m: unknown) => { functions: FunctionMetadata[] } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translateMetadata } = require("../../scripts/functions-zh-cn.js") as { translateMetadata: (m: unknown) => { functions: FunctionMetadata[] } };

let shipped: FunctionMetadata[];
const meta = (id: string) => shipped.find((f) => f.id === id)!;
const NA = new CellError("#N/A");

beforeAll(async () => {
  settingsLoaded();
  const generated = await generateCustomFunctionsMetadata(path.join(__dirname, "../../src/functions/functions.ts"));
  shipped = withErrorInputs(JSON.parse(generated.metadataJson)).functions;
}, 60_000);
afterEach(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

describe("error values in arguments", () => {
  test("every function (en and zh-CN metadata) is called with error values", () => {
    const zh = translateMetadata({ functions: shipped }).functions;
    for (const f of [...shipped, ...zh]) expect([f.id, f.options?.allowErrorForDataTypeAny]).toEqual([f.id, true]);
  });

  test("one #N/A in a population is left out; a customer's own #N/A gives #VALUE! in that cell only", async () => {
    const values = [[50], [30], [NA], [15], [5]];
    expect(await callAsExcel(meta("ABC"), CRM_FUNCTIONS.ABC as never, [values])).toEqual([["A"], ["A"], ["#VALUE!"], ["B"], ["C"]]);
    // Per row, against the population: the rows that have a value keep it.
    expect(await callAsExcel(meta("ABC"), CRM_FUNCTIONS.ABC as never, [[[15]], values])).toEqual([["B"]]);
  });

  test("without the option Excel would not call the function: the cell shows #N/A", async () => {
    const old = { ...meta("ABC"), options: {} };
    expect(await callAsExcel(old, CRM_FUNCTIONS.ABC as never, [[[15]], [[50], [NA], [15]]])).toBe("#N/A");
  });

  test("omitted optional arguments arrive as null and count as omitted", async () => {
    expect(await callAsExcel(meta("TIER"), CRM_FUNCTIONS.TIER as never, [[[50]], [[50], [30], [15], [5]]])).toEqual([["天王巨星"]]);
  });
});

describe("recalculation", () => {
  test("a settings change reaches existing cells only through a full calculation", async () => {
    const sheet = new FunctionsSheet();
    const values = [[50], [30], [15], [5]];
    await sheet.enter("B1", meta("ABC"), CRM_FUNCTIONS.ABC as never, [values]);
    expect(sheet.value("B1")).toEqual([["A"], ["A"], ["B"], ["C"]]);
    setCurrentSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.4 });
    await sheet.recalc("settingsChanged");
    await sheet.recalc("F9");
    expect(sheet.value("B1")).toEqual([["A"], ["A"], ["B"], ["C"]]);
    await sheet.recalc("Full");
    // before: 0, 50, 80, 95 of 100 → with cut A 0.4: A, B, B, C
    expect(sheet.value("B1")).toEqual([["A"], ["B"], ["B"], ["C"]]);
  });
});
