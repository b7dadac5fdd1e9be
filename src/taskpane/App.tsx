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
import { classify, releaseResult, type ClassifyResult } from "../engine/classify";
import { todayLocal } from "../engine/days";
import { validateSettings, type Settings } from "../engine/settings";
import { getCurrentSettings, setCurrentSettings } from "../engine/settingsStore";
import type { DayNumber, FieldKey } from "../engine/types";
import type { ApplyReport, ExcelAdapter, FoundTable } from "../excel/adapter";
import { AdapterProvider, useAdapter } from "./AdapterContext";
import { ApplyPanel } from "./ApplyPanel";
import { contactColumns } from "./contactColumns";
import { ErrorBoundary } from "./ErrorBoundary";
import { LedgerPanel, TableKindSwitch } from "./LedgerPanel";
import { tableKindOf } from "./ledgerTable";
import type { TableKind } from "../engine/ledger";
import { errorText } from "./errors";
import { ManagerTools } from "./ManagerTools";
import { MappingStep } from "./MappingStep";
import { PreviewDetails, TierPreview } from "./PreviewPanel";
import { EvaluationDate } from "./EvaluationDate";
import { SettingsPanel } from "./SettingsPanel";
import { SummaryPanel } from "./SummaryPanel";
import { WorklistPanel } from "./WorklistPanel";
import { langFromUiLanguage, paneStrings } from "./strings";
import { hasPendingCalls, trackPendingCalls } from "./pendingCalls";
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
  const tracked = React.useMemo(() => trackPendingCalls(adapter), [adapter]);
  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <AdapterProvider adapter={tracked}>
        <LangProvider value={lang}>
          <ErrorBoundary strings={paneStrings(lang)}>
            <Pane />
          </ErrorBoundary>
        </LangProvider>
      </AdapterProvider>
    </FluentProvider>
  );
}

type PaneTab = "classify" | "worklist" | "summary" | "settings";

type TableState =
  | { kind: "idle" }
  | { kind: "loading"; previous: FoundTable | null }
  | { kind: "ready"; table: FoundTable }
  | { kind: "error"; message: string };

type PreviewState =
  | { kind: "none" }
  /** `previous`: the last result, still shown (dimmed by the spinner) until the new one is there. */
  | { kind: "computing"; previous: ClassifyResult | null }
  | { kind: "done"; result: ClassifyResult }
  | { kind: "error"; message: string };

function Pane() {
  const adapter = useAdapter();
  const s = useStrings();
  const styles = useStyles();
  const [tab, setTab] = React.useState<PaneTab>("classify");
  const [settings, setSettings] = React.useState<Settings>(() => ({ ...getCurrentSettings() }));
  const [settingsVersion, setSettingsVersion] = React.useState(0);
  const [tableState, setTableState] = React.useState<TableState>({ kind: "loading", previous: null });
  const [overrides, setOverrides] = React.useState<MappingOverrides>({});
  const [today, setToday] = React.useState<DayNumber>(() => todayLocal());
  const [applied, setApplied] = React.useState(false);
  const [snapshot, setSnapshot] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  // §12: the user's ledger / customer table switch (undefined: as detected).
  const [kindOverride, setKindOverride] = React.useState<TableKind | undefined>(undefined);
  /** Each read gets a number; Cancel (or a newer read) makes an older read's answer stale. */
  const readSeq = React.useRef(0);

  const refreshSnapshot = React.useCallback(() => {
    adapter.hasSnapshot().then(setSnapshot, () => setSnapshot(false));
  }, [adapter]);

  /** `quiet`: re-read after apply/restore without hiding the report; the user's remaps survive. */
  const readTable = React.useCallback(
    async (quiet = false) => {
      const seq = ++readSeq.current;
      if (!quiet)
        setTableState((st) => ({ kind: "loading", previous: st.kind === "ready" ? st.table : null }));
      try {
        const table = await adapter.findCustomerTable();
        if (seq !== readSeq.current) return;
        if (!quiet) {
          setOverrides({});
          setKindOverride(undefined);
        }
        setTableState({ kind: "ready", table });
      } catch (err) {
        if (seq !== readSeq.current) return;
        if (!quiet) setTableState({ kind: "error", message: `${s.tableNotFound}（${errorText(err)}）` });
      }
    },
    [adapter, s],
  );
  /** Reading changes nothing in the workbook, so it can always be abandoned. */
  const cancelRead = () => {
    readSeq.current++;
    setTableState((st) =>
      st.kind === "loading" && st.previous ? { kind: "ready", table: st.previous } : { kind: "idle" },
    );
  };

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

  const table =
    tableState.kind === "ready"
      ? tableState.table
      : tableState.kind === "loading"
        ? tableState.previous
        : null;
  const tableKind = React.useMemo(
    () => (table ? tableKindOf(table, kindOverride) : null),
    [table, kindOverride],
  );
  const isLedger = tableKind?.kind === "ledger";
  const mapping = React.useMemo(() => (table ? mapTable(table, overrides) : null), [table, overrides]);
  const input = React.useMemo(
    () => (table && mapping && mapping.missing.length === 0 && !isLedger ? tableInput(table, mapping) : null),
    [table, mapping, isLedger],
  );
  const [preview, setPreview] = React.useState<PreviewState>({ kind: "none" });
  const previewTable = React.useRef<FoundTable | null>(null);
  /** The last result computed: its memory goes back to the engine when the next one is made. */
  const lastResult = React.useRef<ClassifyResult | null>(null);
  // Classifying a big table takes seconds: show the spinner first, then compute.
  React.useEffect(() => {
    if (!input) {
      setPreview({ kind: "none" });
      return;
    }
    // The last result stays on screen only for the same table (after a re-read its rows moved).
    const sameTable = previewTable.current === table;
    previewTable.current = table;
    setPreview((p) => ({
      kind: "computing",
      previous: !sameTable ? null : p.kind === "done" ? p.result : p.kind === "computing" ? p.previous : null,
    }));
    const timer = setTimeout(() => {
      try {
        const previous = lastResult.current;
        lastResult.current = null;
        // Not while Excel is being written: Apply reads its result between chunks.
        if (previous && !hasPendingCalls(adapter)) releaseResult(previous);
        const next = classify(input, { today, settings });
        lastResult.current = next;
        setPreview({ kind: "done", result: next });
      } catch (err) {
        setPreview({ kind: "error", message: errorText(err) });
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [input, today, settings, table, adapter]);
  /** What is written: only a result for the current date, settings and mapping. */
  const result = preview.kind === "done" ? preview.result : null;
  /** What is shown: the current result, or the last one while the next is computed (no flicker). */
  const shown = result ?? (preview.kind === "computing" ? preview.previous : null);

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
      <EvaluationDate day={today} onChange={setToday} />
      <TabList size="small" selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as PaneTab)}>
        <Tab value="classify" className={styles.tab}>
          {s.tabClassify}
        </Tab>
        <Tab value="worklist" className={styles.tab}>
          {s.tabWorklist}
        </Tab>
        <Tab value="summary" className={styles.tab}>
          {s.tabSummary}
        </Tab>
        <Tab value="settings" className={styles.tab}>
          {s.tabSettings}
        </Tab>
      </TabList>
      {notice && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {tab === "settings" ? (
        <SettingsPanel key={settingsVersion} settings={settings} onSaved={setSettings} />
      ) : tab === "worklist" || tab === "summary" ? (
        !table || !mapping || !shown ? (
          preview.kind === "computing" ? (
            <Spinner size="tiny" label={s.computingPreview} />
          ) : (
            <Caption1 as="p">{s.worklistNeedsTable}</Caption1>
          )
        ) : (
          <>
            {preview.kind === "computing" && <Spinner size="tiny" label={s.computingPreview} />}
            {tab === "worklist" ? (
              <WorklistPanel table={table} mapping={mapping} result={shown} onError={setNotice} />
            ) : (
              <SummaryPanel table={table} result={shown} onError={setNotice} />
            )}
          </>
        )
      ) : (
        <>
          <div className={styles.row} aria-live="polite">
            {tableState.kind === "loading" ? (
              <>
                <Spinner size="tiny" label={s.findingTable} />
                <Button size="small" onClick={cancelRead}>
                  {s.cancel}
                </Button>
              </>
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
            <LedgerPanel
              table={table}
              settings={settings}
              today={today}
              onFinished={() => refreshSnapshot()}
            />
          )}
          {table && mapping && !isLedger && (
            <>
              <MappingStep table={table} mapping={mapping} onRemap={onRemap} />
              {preview.kind === "computing" && <Spinner size="tiny" label={s.computingPreview} />}
              {preview.kind === "error" && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{s.somethingWrong + preview.message}</MessageBarBody>
                </MessageBar>
              )}
              {shown && <TierPreview result={shown} />}
              <ApplyPanel
                table={table}
                mapping={mapping.columns}
                result={result}
                contactColumns={contactColumns(mapping)}
                onFinished={onFinished}
              />
              {result && (
                <PreviewDetails table={table} mapping={mapping} result={result} onError={setNotice} />
              )}
            </>
          )}
          <ManagerTools
            canSortFilter={applied || (table?.ownColumns.length ?? 0) > 0}
            canRestore={snapshot}
            onChanged={() => void readTable(true)}
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
