/**
 * Settings live in the workbook (Office document settings), so the whole team opening the
 * file shares them and the custom functions (same runtime) use them too.
 */
import { settingsFromJson, settingsToJson, type Settings, type SettingsError } from "../engine/settings";
import { setCurrentSettings } from "../engine/settingsStore";

export const SETTINGS_KEY = "crmTiers.settings";

/** The part of Office.Settings we use (a fake in tests). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

export function officeDocumentSettings(): DocumentSettings | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return (office?.context?.document?.settings as unknown as DocumentSettings | undefined) ?? null;
}

export interface LoadedSettings {
  settings: Settings;
  /** What was wrong with the stored settings (bad values keep their defaults). */
  errors: SettingsError[];
}

/** The workbook's settings, or null when it holds none. Never throws. */
export function readStoredSettings(doc: DocumentSettings | null): LoadedSettings | null {
  if (!doc) return null;
  let raw: unknown;
  try {
    raw = doc.get(SETTINGS_KEY);
  } catch {
    return null;
  }
  if (raw === null || raw === undefined || raw === "") return null;
  // Older or hand-edited workbooks may hold an object instead of the JSON text.
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  return settingsFromJson(text);
}

export function writeStoredSettings(doc: DocumentSettings | null, settings: Settings): Promise<void> {
  if (!doc)
    return Promise.reject(
      new Error("设置无法保存：没有打开的工作簿 / Settings cannot be saved: no workbook"),
    );
  doc.set(SETTINGS_KEY, settingsToJson(settings));
  return new Promise((resolve, reject) => {
    doc.saveAsync((result) => {
      if (result && result.status === "failed")
        reject(new Error(`设置保存失败 / Saving settings failed: ${result.error?.message ?? "unknown"}`));
      else resolve();
    });
  });
}

/**
 * Start-up: puts the workbook's settings in force for the task pane and the custom
 * functions. Returns them (null when the workbook has none: the defaults stay).
 */
export async function initSettingsFromDocument(
  doc: DocumentSettings | null = officeDocumentSettings(),
): Promise<LoadedSettings | null> {
  const loaded = readStoredSettings(doc);
  if (loaded) setCurrentSettings(loaded.settings);
  return loaded;
}
