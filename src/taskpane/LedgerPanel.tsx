/**
 * When the read table is a sales ledger (METHOD.md §12): how it was read (always said, and a
 * switch to read it the other way), then building our customer sheet 客户汇总 from it, joined
 * with an optional customer list picked by sheet — with progress and Cancel as for Apply.
 */
import * as React from "react";
import {
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { todayLocal } from "../engine/days";
import type { TableKind } from "../engine/ledger";
import type { Settings } from "../engine/settings";
import type { DayNumber } from "../engine/types";
import type { FoundTable, LedgerSheetReport } from "../excel/adapter";
import { useAdapter } from "./AdapterContext";
import { RunControls, useCancellableRun } from "./CancellableRun";
import { errorText } from "./errors";
import { ledgerStrings } from "./ledgerStrings";
import { planLedgerSheet, type TableKindChoice } from "./ledgerTable";
import { useLang } from "./useLang";
import { useStyles } from "./styles";

/** Our sheet's names in both languages: never offered as the customer list. */
const OUR_SHEETS = /^(客户汇总|Customer summary)( \(\d+\))?$/;

/** The ledger / customer table switch, with what detection found. */
export function TableKindSwitch({
  choice,
  onChange,
}: {
  choice: TableKindChoice;
  onChange: (kind: TableKind) => void;
}) {
  const t = ledgerStrings(useLang());
  return (
    <Field
      label={t.readAs}
      size="small"
      hint={choice.detection.kind === "ledger" ? t.detectedLedger : t.detectedCustomers}
    >
      <RadioGroup
        layout="horizontal"
        value={choice.kind}
        onChange={(_, data) => onChange(data.value as TableKind)}
      >
        <Radio value="ledger" label={t.readAsLedger} />
        <Radio value="customers" label={t.readAsCustomers} />
      </RadioGroup>
    </Field>
  );
}

export interface LedgerPanelProps {
  table: FoundTable;
  settings: Settings;
  /** The evaluation date (default: today). */
  today?: DayNumber;
  /** After a write (or a cancel): the pane refreshes Restore. */
  onFinished: (report: LedgerSheetReport | null) => void;
}

export function LedgerPanel({ table, settings, today: day, onFinished }: LedgerPanelProps) {
  const adapter = useAdapter();
  const lang = useLang();
  const t = ledgerStrings(lang);
  const styles = useStyles();
  const [sheets, setSheets] = React.useState<string[]>([]);
  const [listSheet, setListSheet] = React.useState("");
  const [report, setReport] = React.useState<LedgerSheetReport | null>(null);
  const [joinLines, setJoinLines] = React.useState<string[]>([]);
  const [error, setError] = React.useState<string | null>(null);
  const writing = useCancellableRun();

  React.useEffect(() => {
    let live = true;
    adapter.listSheets().then(
      (names) => {
        if (live) setSheets(names.filter((n) => n !== table.location.sheetName && !OUR_SHEETS.test(n)));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [adapter, table.location.sheetName]);

  // How the ledger reads on its own (the list is read only when building).
  const plan = React.useMemo(
    () => planLedgerSheet(table, null, settings, lang, day ?? todayLocal()),
    [table, settings, lang, day],
  );

  const busy = writing.busy;
  const build = async () => {
    setReport(null);
    setJoinLines([]);
    setError(null);
    await writing.run(async (signal, onProgress) => {
      try {
        const list = listSheet ? await adapter.readSheetTable(listSheet) : null;
        const full = list ? planLedgerSheet(table, list, settings, lang, day ?? todayLocal()) : plan;
        if (!full.ok) throw new Error(full.message);
        if (list) setJoinLines(full.report.slice(2));
        const r = await adapter.writeLedgerSheet({ ...full.request, onProgress, signal });
        setReport(r);
        onFinished(r);
      } catch (err) {
        setError(t.failed + errorText(err));
        onFinished(null);
      }
    });
  };

  const ourName = lang === "zh" ? "客户汇总" : "Customer summary";
  return (
    <section aria-labelledby="ledger-title" className={styles.section}>
      <Subtitle2 as="h2" id="ledger-title" style={{ margin: 0 }}>
        {t.title}
      </Subtitle2>
      {!plan.ok ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{plan.message}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <MessageBar intent="info" layout="multiline" data-testid="ledger-read">
            <MessageBarBody>
              {plan.report.map((line, i) => (
                <div key={i}>{line}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
          {/* §13 in one line: fitted on N repeat buyers, or why its columns stay blank. */}
          <Caption1 as="p" style={{ margin: 0 }} data-testid="ledger-rhythm">
            {plan.rhythm}
          </Caption1>
          {plan.problems.length > 0 && (
            <details>
              <summary>
                <Caption1>{t.problemsTitle}</Caption1>
              </summary>
              <ul className={styles.problemList} data-testid="ledger-problems">
                {plan.problems.map((p, i) => (
                  <li key={i}>
                    <Caption1>{p}</Caption1>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <Caption1 as="p" style={{ margin: 0 }}>
            {t.intro(ourName)}
          </Caption1>
          <Field label={t.listSheet} hint={t.listHint} size="small">
            <Select value={listSheet} disabled={busy} onChange={(_, data) => setListSheet(data.value)}>
              <option value="">{t.noList}</option>
              {sheets.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <RunControls
            state={writing}
            label={t.build}
            busyLabel={t.building}
            cancelLabel={t.cancel}
            onRun={() => void build()}
          />
        </>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {report && (
        <MessageBar
          intent={report.cancelled ? "info" : "success"}
          layout="multiline"
          data-testid="ledger-report"
        >
          <MessageBarBody>
            <div>{report.cancelled ? t.cancelled : t.done(report.sheetName, report.rowsWritten)}</div>
            {!report.cancelled && joinLines.map((line, i) => <div key={i}>{line}</div>)}
          </MessageBarBody>
        </MessageBar>
      )}
      {report?.warnings.map((w, i) => (
        <MessageBar key={i} intent="warning" layout="multiline">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
