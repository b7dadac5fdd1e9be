/** The pane reaches Excel only through the adapter provided here (tests pass a fake). */
import * as React from "react";
import type { ExcelAdapter } from "../excel/adapter";

const AdapterContext = React.createContext<ExcelAdapter | null>(null);

export function AdapterProvider(props: { adapter: ExcelAdapter; children?: React.ReactNode }) {
  return <AdapterContext.Provider value={props.adapter}>{props.children}</AdapterContext.Provider>;
}

export function useAdapter(): ExcelAdapter {
  const adapter = React.useContext(AdapterContext);
  if (!adapter) throw new Error("useAdapter() outside <AdapterProvider>");
  return adapter;
}
