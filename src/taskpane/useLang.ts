/** The pane's language follows Office's UI language (adapter.uiLanguage()). */
import * as React from "react";
import type { Lang } from "../engine/types";
import { useAdapter } from "./AdapterContext";
import { langFromUiLanguage, paneStrings, type PaneStrings } from "./strings";

const LangContext = React.createContext<Lang | null>(null);
export const LangProvider = LangContext.Provider;

export function useLang(): Lang {
  const fixed = React.useContext(LangContext);
  const adapter = useAdapter();
  if (fixed) return fixed;
  let ui = "";
  try {
    ui = adapter.uiLanguage();
  } catch {
    // A host without a display language falls back to English rather than failing the pane.
  }
  return langFromUiLanguage(ui);
}

export function useStrings(): PaneStrings {
  return paneStrings(useLang());
}
