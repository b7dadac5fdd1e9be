/**
 * Entry point of the task pane. Inside Excel: the Office.js adapter and the workbook's
 * settings. Outside Office: a simulated host injected by the e2e page
 * (window.__CRM_TEST_ADAPTER__), else a friendly "open this in Excel" message — also when
 * Office.js did not load at all (offline, blocked CDN) or never became ready.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import type { ExcelAdapter } from "../excel/adapter";
import { createOfficeAdapter } from "../excel/officeAdapter";
import { initSettingsFromDocument } from "../excel/settingsStorage";
import { settingsLoaded } from "../functions/settingsGate";
import { App } from "./App";
import { OpenInExcel } from "./OpenInExcel";

declare global {
  interface Window {
    __CRM_TEST_ADAPTER__?: ExcelAdapter;
  }
}

/** How long Office.onReady may take before the pane stops waiting. */
export const OFFICE_READY_TIMEOUT_MS = 15_000;

type HostInfo = { host: Office.HostType | null } | null;

/** Office.js's global, when its script loaded (it is absent offline or when the CDN is blocked). */
function officeGlobal(): typeof Office | undefined {
  return (globalThis as { Office?: typeof Office }).Office;
}

/** The host, or null when Office.js is missing or not ready in time. */
export async function officeHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<HostInfo> {
  const office = officeGlobal();
  if (!office || typeof office.onReady !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([
      office.onReady().then(
        (info) => info as HostInfo,
        () => null,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function inExcel(info: HostInfo): boolean {
  if (!info || info.host == null) return false;
  const office = officeGlobal();
  return (
    info.host === office?.HostType?.Excel || typeof (globalThis as { Excel?: unknown }).Excel !== "undefined"
  );
}

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  const info = await officeHost();
  if (inExcel(info)) {
    try {
      await initSettingsFromDocument();
    } catch {
      // The pane still works with defaults; SettingsPanel reloads them through the adapter.
    } finally {
      settingsLoaded(); // the custom functions may calculate now
    }
    root.render(<App adapter={createOfficeAdapter()} />);
  } else if (window.__CRM_TEST_ADAPTER__) {
    root.render(<App adapter={window.__CRM_TEST_ADAPTER__} />);
  } else {
    root.render(<OpenInExcel />);
  }
}

void start();
