/**
 * Entry point of the task pane. Inside Excel: the Office.js adapter and the workbook's
 * settings. Outside Office: a simulated host injected by the e2e page
 * (window.__CRM_TEST_ADAPTER__), else a friendly "open this in Excel" message.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import type { ExcelAdapter } from "../excel/adapter";
import { createOfficeAdapter } from "../excel/officeAdapter";
import { initSettingsFromDocument } from "../excel/settingsStorage";
import { App } from "./App";
import { OpenInExcel } from "./OpenInExcel";

declare global {
  interface Window {
    __CRM_TEST_ADAPTER__?: ExcelAdapter;
  }
}

function inExcel(info: { host: Office.HostType | null } | undefined): boolean {
  return info?.host === Office.HostType.Excel || (info?.host != null && typeof Excel !== "undefined");
}

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  const info = typeof Office !== "undefined" ? await Office.onReady() : undefined;
  if (inExcel(info)) {
    try {
      await initSettingsFromDocument();
    } catch {
      // The pane still works with defaults; SettingsPanel reloads them through the adapter.
    }
    root.render(<App adapter={createOfficeAdapter()} />);
  } else if (window.__CRM_TEST_ADAPTER__) {
    root.render(<App adapter={window.__CRM_TEST_ADAPTER__} />);
  } else {
    root.render(<OpenInExcel />);
  }
}

void start();
