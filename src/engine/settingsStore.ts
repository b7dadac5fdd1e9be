/**
 * The settings in force in this JavaScript runtime. In the shared runtime the task pane
 * writes them (after loading them from the workbook or editing the form) and the custom
 * functions read them, so both always agree.
 */
import { DEFAULT_SETTINGS, Settings, sameSettings } from "./settings";

export type SettingsListener = (settings: Readonly<Settings>) => void;

let current: Readonly<Settings> = DEFAULT_SETTINGS;
const listeners = new Set<SettingsListener>();

export function getCurrentSettings(): Readonly<Settings> {
  return current;
}

/**
 * Replaces the settings (pass validated settings: see validateSettings). Listeners hear of it
 * only when a number actually changed; a failing listener does not stop the others.
 */
export function setCurrentSettings(s: Settings): void {
  if (sameSettings(current, s)) return;
  current = Object.freeze({ ...s });
  for (const listener of [...listeners]) {
    try {
      listener(current);
    } catch {
      // One broken subscriber (e.g. an unmounted view) must not block the rest.
    }
  }
}

/** Subscribes to changes; returns the function that unsubscribes. */
export function onSettingsChange(listener: SettingsListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
