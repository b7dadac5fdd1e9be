/** Shown when the page is opened outside Office (e.g. straight in a browser). */
import * as React from "react";
import { Body1, FluentProvider, Title3, webLightTheme } from "@fluentui/react-components";
import { paneStrings } from "./strings";

export function OpenInExcel() {
  const zh = paneStrings("zh");
  const en = paneStrings("en");
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 16, display: "flex", flexDirection: "column", gap: 8 }}>
        <Title3 as="h1">{zh.openInExcel}</Title3>
        <Body1 as="p">{zh.openInExcelDetail}</Body1>
        <Title3 as="h2">{en.openInExcel}</Title3>
        <Body1 as="p">{en.openInExcelDetail}</Body1>
      </main>
    </FluentProvider>
  );
}
