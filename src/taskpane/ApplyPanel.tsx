/** Step 3: write the result to the sheet, with progress and Cancel, then show the report. */
import * as React from "react";
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import type { ClassifyResult } from "../engine/classify";
import { formatIsoDay } from "../engine/days";
import type { DayNumber, FieldKey } from "../engine/types";
import type { ApplyReport, FoundTable } from "../excel/adapter";
import { useAdapter } from "./AdapterContext";
import { RunControls, useCancellableRun } from "./CancellableRun";
import { errorText } from "./errors";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

export interface ApplyPanelProps {
  table: FoundTable;
  mapping: Partial<Record<FieldKey, number>>;
  /** null when a required column is missing: nothing may be written. */
  result: ClassifyResult | null;
  /** The table's phone/contact columns, for the Worklist sheet. */
  contactColumns?: number[];
  onFinished: (report: ApplyReport | null) => void;
}

export function ApplyPanel({ table, mapping, result, contactColumns, onFinished }: ApplyPanelProps) {
  const adapter = useAdapter();
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const [report, setReport] = React.useState<{ report: ApplyReport; today: DayNumber } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const writing = useCancellableRun();

  const apply = async () => {
    if (!result) return;
    setReport(null);
    setError(null);
    await writing.run(async (signal, onProgress) => {
      try {
        const r = await adapter.apply({
          table,
          mapping,
          result,
          lang,
          onProgress,
          signal,
          contactColumns,
        });
        setReport({ report: r, today: result.today });
        onFinished(r);
      } catch (err) {
        setError(s.applyFailed + errorText(err));
        onFinished(null);
      }
    });
  };

  return (
    <section aria-labelledby="apply-title" className={styles.section}>
      <Subtitle2 as="h2" id="apply-title" style={{ margin: 0 }}>
        {s.applyTitle}
      </Subtitle2>
      <RunControls
        state={writing}
        label={s.apply}
        busyLabel={s.applying}
        cancelLabel={s.cancel}
        disabled={!result}
        onRun={() => void apply()}
      />
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {report && <ReportView report={report.report} today={report.today} />}
      {report && !report.report.cancelled && <FreezeOffer table={table} mapping={mapping} />}
    </section>
  );
}

/** Offered, never forced: keep the customer's name in view while the result columns scroll in. */
function FreezeOffer({ table, mapping }: { table: FoundTable; mapping: Partial<Record<FieldKey, number>> }) {
  const adapter = useAdapter();
  const s = useStrings();
  const styles = useStyles();
  const [state, setState] = React.useState<
    "offer" | "busy" | { intent: "success" | "error" | "info"; text: string }
  >("offer");
  const nameColumn = mapping.name ?? mapping.id;
  if (!adapter.freezeNameColumn || nameColumn === undefined) return null;
  const freeze = async () => {
    setState("busy");
    try {
      const r = await adapter.freezeNameColumn!({
        headerRow: table.location.headerRow,
        column: table.location.firstColumn + nameColumn,
      });
      setState({ intent: r.frozen ? "success" : "info", text: r.message });
    } catch (err) {
      setState({ intent: "error", text: s.somethingWrong + errorText(err) });
    }
  };
  if (typeof state === "object")
    return (
      <MessageBar intent={state.intent} layout="multiline" data-testid="freeze-status">
        <MessageBarBody>{state.text}</MessageBarBody>
      </MessageBar>
    );
  return (
    <div className={styles.row} data-testid="freeze-offer">
      <Button size="small" disabled={state === "busy"} onClick={() => void freeze()}>
        {s.freezeOffer}
      </Button>
      <Caption1 className={styles.help}>{s.freezeHint}</Caption1>
    </div>
  );
}

function ReportView({ report, today }: { report: ApplyReport; today: DayNumber }) {
  const s = useStrings();
  if (report.cancelled) {
    return (
      <MessageBar intent="info" layout="multiline" data-testid="apply-report">
        <MessageBarBody>{s.applyCancelled}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <>
      <MessageBar intent="success" layout="multiline" data-testid="apply-report">
        <MessageBarBody>
          <div>{s.applyDone(report.rowsWritten, report.outputAddress)}</div>
          {report.summarySheet && <div>{s.summarySheet(report.summarySheet)}</div>}
          <div>{s.evalDateUsed(formatIsoDay(today))}</div>
        </MessageBarBody>
      </MessageBar>
      {report.warnings.map((w, i) => (
        <MessageBar key={i} intent="warning" layout="multiline">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
