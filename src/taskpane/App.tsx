/**
 * The task pane: find the table → check the mapping → preview → apply → manager tools.
 * Everything Excel goes through the adapter in context; everything else is the engine.
 */
import * as React from "react";
import {
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Title3,
  webLightTheme,
} from "@fluentui/react-components";
import { classify, type ClassifyResult } from "../engine/classify";
import { todayLocal } from "../engine/days";
import { validateSettings, type Settings } from "../engine/settings";
import { getCurrentSettings, setCurrentSettings } from "../engine/settingsStore";
import type { FieldKey } from "../engine/types";
import type { ApplyReport, ExcelAdapter, FoundTable } from "../excel/adapter";
import { AdapterProvider, useAdapter } from "./AdapterContext";
import { ApplyPanel } from "./ApplyPanel";
import { ErrorBoundary } from "./ErrorBoundary";
import { LedgerPanel, TableKindSwitch } from "./LedgerPanel";
import { tableKindOf } from "./ledgerTable";
import type { TableKind } from "../engine/ledger";
import { errorText } from "./errors";
import { ManagerTools } from "./ManagerTools";
import { MappingStep } from "./MappingStep";
import { PreviewPanel } from "./PreviewPanel";
import { SettingsPanel } from "./SettingsPanel";
import { langFromUiLanguage, paneStrings } from "./strings";
import { mapTable, tableInput, type MappingOverrides } from "./tableInput";
import { LangProvider, useStrings } from "./useLang";
import { useStyles } from "./styles";

export function App({ adapter }: { adapter: ExcelAdapter }) {
  const lang = React.useMemo(() => {
    try {
      return langFromUiLanguage(adapter.uiLanguage());
    } catch {
      return langFromUiLanguage("");
    }
  }, [adapter]);
  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <AdapterProvider adapter={adapter}>
        <LangProvider value={lang}>
          <ErrorBoundary strings={paneStrings(lang)}>
            <Pane />
          </ErrorBoundary>
        </LangProvider>
      </AdapterProvider>
    </FluentProvider>
  );
}

type TableState =
  { kind: "loading" } | { kind: "ready"; table: FoundTable } | { kind: "error"; message: string };

function Pane() {
  const adapter = useAdapter();
  const s = useStrings();
  const styles = useStyles();
  const [tab, setTab] = React.useState<"classify" | "settings">("classify");
  const [settings, setSettings] = React.useState<Settings>(() => ({ ...getCurrentSettings() }));
  const [settingsVersion, setSettingsVersion] = React.useState(0);
  const [tableState, setTableState] = React.useState<TableState>({ kind: "loading" });
  const [overrides, setOverrides] = React.useState<MappingOverrides>({});
  const [applied, setApplied] = React.useState(false);
  const [snapshot, setSnapshot] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  // §12: the user's ledger / customer table switch (undefined: as detected).
  const [kindOverride, setKindOverride] = React.useState<TableKind | undefined>(undefined);

  const refreshSnapshot = React.useCallback(() => {
    adapter.hasSnapshot().then(setSnapshot, () => setSnapshot(false));
  }, [adapter]);

  /** `quiet`: re-read after apply/restore without hiding the report; the user's remaps survive. */
  const readTable = React.useCallback(
    async (quiet = false) => {
      if (!quiet) setTableState({ kind: "loading" });
      try {
        const table = await adapter.findCustomerTable();
        if (!quiet) {
          setOverrides({});
          setKindOverride(undefined);
        }
        setTableState({ kind: "ready", table });
      } catch (err) {
        if (!quiet) setTableState({ kind: "error", message: `${s.tableNotFound}（${errorText(err)}）` });
      }
    },
    [adapter, s],
  );

  React.useEffect(() => {
    let live = true;
    // Settings kept in the workbook win over the runtime's defaults.
    adapter.loadSettings().then(
      (saved) => {
        if (!live || !saved) return;
        const { settings: valid } = validateSettings(saved);
        setCurrentSettings(valid);
        setSettings(valid);
        setSettingsVersion((v) => v + 1);
      },
      () => undefined,
    );
    void readTable();
    refreshSnapshot();
    return () => {
      live = false;
    };
  }, [adapter, readTable, refreshSnapshot]);

  const table = tableState.kind === "ready" ? tableState.table : null;
  const tableKind = React.useMemo(
    () => (table ? tableKindOf(table, kindOverride) : null),
    [table, kindOverride],
  );
  const isLedger = tableKind?.kind === "ledger";
  const mapping = React.useMemo(() => (table ? mapTable(table, overrides) : null), [table, overrides]);
  const preview = React.useMemo((): { result: ClassifyResult | null; error: string | null } => {
    if (!table || !mapping || mapping.missing.length > 0 || isLedger) return { result: null, error: null };
    try {
      return { result: classify(tableInput(table, mapping), { today: todayLocal(), settings }), error: null };
    } catch (err) {
      return { result: null, error: errorText(err) };
    }
  }, [table, mapping, settings, isLedger]);

  const onRemap = (field: FieldKey, column: number | null) =>
    setOverrides((o) => ({ ...o, [field]: column }));
  const onFinished = (report: ApplyReport | null) => {
    if (report && !report.cancelled) {
      setApplied(true);
      void readTable(true);
    }
    refreshSnapshot();
  };

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1" style={{ margin: 0 }}>
          {s.appTitle}
        </Title3>
        <Caption1 as="p" style={{ margin: 0 }}>
          {s.appSubtitle}
        </Caption1>
      </header>
      <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as "classify" | "settings")}>
        <Tab value="classify">{s.tabClassify}</Tab>
        <Tab value="settings">{s.tabSettings}</Tab>
      </TabList>
      {notice && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {tab === "settings" ? (
        <SettingsPanel key={settingsVersion} settings={settings} onSaved={setSettings} />
      ) : (
        <>
          <div className={styles.row}>
            {tableState.kind === "loading" ? (
              <Spinner size="tiny" label={s.findingTable} />
            ) : (
              <Button size="small" onClick={() => void readTable()}>
                {table ? s.refreshTable : s.findTable}
              </Button>
            )}
            {table && <Caption1>{s.tableFound(table.location.address, table.location.rowCount)}</Caption1>}
          </div>
          {tableState.kind === "error" && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{tableState.message}</MessageBarBody>
            </MessageBar>
          )}
          {tableKind?.canBeLedger && <TableKindSwitch choice={tableKind} onChange={setKindOverride} />}
          {table && isLedger && (
            <LedgerPanel table={table} settings={settings} onFinished={() => refreshSnapshot()} />
          )}
          {table && mapping && !isLedger && (
            <>
              <MappingStep table={table} mapping={mapping} onRemap={onRemap} />
              {preview.error && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{s.somethingWrong + preview.error}</MessageBarBody>
                </MessageBar>
              )}
              {preview.result && (
                <PreviewPanel table={table} mapping={mapping} result={preview.result} onError={setNotice} />
              )}
              <ApplyPanel
                table={table}
                mapping={mapping.columns}
                result={preview.result}
                onFinished={onFinished}
              />
            </>
          )}
          <ManagerTools
            canSortFilter={applied || (table?.ownColumns.length ?? 0) > 0}
            canRestore={snapshot}
            onRestored={() => {
              setApplied(false);
              refreshSnapshot();
              void readTable(true);
            }}
          />
        </>
      )}
    </main>
  );
}
