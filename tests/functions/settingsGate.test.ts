/** The functions' first calculation waits until the task pane has put the workbook's settings in force. */
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { setCurrentSettings } from "../../src/engine/settingsStore";
import { CRM_FUNCTIONS } from "../../src/functions/functions";
import { settingsLoaded } from "../../src/functions/settingsGate";

afterAll(() => setCurrentSettings({ ...DEFAULT_SETTINGS }));

test("a call before the settings are loaded waits for them, then uses them", async () => {
  let result: unknown = null;
  const pending = CRM_FUNCTIONS.ABC([[50], [30], [15], [5]]).then((r) => (result = r));
  await new Promise((r) => setTimeout(r, 20));
  expect(result).toBeNull();
  // The task pane read the workbook's settings: cut A at 40 %.
  setCurrentSettings({ ...DEFAULT_SETTINGS, abcCutA: 0.4 });
  settingsLoaded();
  await pending;
  expect(result).toEqual([["A"], ["B"], ["B"], ["C"]]);
  // Later calls do not wait.
  expect(await CRM_FUNCTIONS.ABC([[1]])).toEqual([["A"]]);
});
