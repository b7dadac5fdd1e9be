/**
 * The custom functions' first calculation waits for the workbook's settings: Excel may call them
 * as soon as the shared runtime starts, before the task pane has read the settings from the
 * document, and a result computed with the defaults would stay (the functions are not volatile).
 * The task pane's start-up calls settingsLoaded() once the settings are in force (or when the
 * workbook has none). Should that never happen (Office.js failed), the functions go on with the
 * settings in force after FALLBACK_MS rather than wait for ever.
 */
export const FALLBACK_MS = 10_000;

let loaded = false;
let release: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  release = resolve;
});
let fallback: ReturnType<typeof setTimeout> | null = null;

/** Called by the task pane once the workbook's settings are in force. */
export function settingsLoaded(): void {
  loaded = true;
  if (fallback !== null) clearTimeout(fallback);
  release();
}

/** Resolves when the settings are in force (at once after the first time). */
export function whenSettingsLoaded(): Promise<void> {
  if (loaded) return Promise.resolve();
  if (fallback === null) fallback = setTimeout(settingsLoaded, FALLBACK_MS);
  return ready;
}
