/** Step 4: sort and filter the written table, and put the sheet back (restore). */
import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
} from "@fluentui/react-components";
import { tierLabel } from "../engine/labels";
import type { SortKey } from "../excel/adapter";
import { useAdapter } from "./AdapterContext";
import { errorText } from "./errors";
import { TIER_ORDER } from "./previewStats";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

export interface ManagerToolsProps {
  /** Output columns exist in the sheet (this session's apply, or an earlier run). */
  canSortFilter: boolean;
  canRestore: boolean;
  /** Rows moved (sort): the pane re-reads the table so its Worklist points at the right rows. */
  onChanged: () => void;
  onRestored: () => void;
}

/** Biggest first for scores; earliest first for dates (who to call next). */
const SORTS: { key: SortKey; descending: boolean }[] = [
  { key: "keyIndex", descending: true },
  { key: "potential", descending: true },
  { key: "nextContact", descending: false },
];

export function ManagerTools({ canSortFilter, canRestore, onChanged, onRestored }: ManagerToolsProps) {
  const adapter = useAdapter();
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  /** What is running (shown beside a spinner), or null. */
  const [busy, setBusy] = React.useState<string | null>(null);
  const [filter, setFilter] = React.useState("");
  const [status, setStatus] = React.useState<{ intent: "success" | "error" | "info"; text: string } | null>(
    null,
  );

  type Status = { intent: "success" | "error" | "info"; text: string };
  const run = async (label: string, work: () => Promise<Status | null>) => {
    setBusy(label);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (err) {
      setStatus({ intent: "error", text: s.somethingWrong + errorText(err) });
    } finally {
      setBusy(null);
    }
  };
  const sortLabel: Record<SortKey, string> = {
    keyIndex: s.sortByKeyIndex,
    potential: s.sortByPotential,
    nextContact: s.sortByNextContact,
  };

  return (
    <section aria-labelledby="tools-title" className={styles.section}>
      <Subtitle2 as="h2" id="tools-title" style={{ margin: 0 }}>
        {s.toolsTitle}
      </Subtitle2>
      <div className={styles.row}>
        {SORTS.map(({ key, descending }) => (
          <Button
            key={key}
            size="small"
            disabled={!canSortFilter || busy !== null}
            onClick={() =>
              void run(s.sorting, async () => {
                await adapter.sortBy(key, descending);
                onChanged();
                return null;
              })
            }
          >
            {sortLabel[key]}
          </Button>
        ))}
      </div>
      <Field label={s.filterTier} size="small">
        <Select
          size="small"
          value={filter}
          disabled={!canSortFilter || busy !== null}
          onChange={(_, data) => {
            setFilter(data.value);
            void run(
              s.filtering,
              async () => (await adapter.filterTier(data.value === "" ? null : data.value), null),
            );
          }}
        >
          <option value="">{s.allTiers}</option>
          {TIER_ORDER.map((t) => (
            <option key={t} value={tierLabel(t, lang)}>
              {tierLabel(t, lang)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button
          disabled={!canRestore || busy !== null}
          onClick={() =>
            void run(s.restoring, async () => {
              const r = await adapter.restore();
              setFilter("");
              onRestored();
              return { intent: r.restored ? "success" : "info", text: r.message || s.done };
            })
          }
        >
          {s.restore}
        </Button>
        <Caption1 className={styles.help}>{s.restoreHint}</Caption1>
      </div>
      <div aria-live="polite">{busy && <Spinner size="tiny" label={busy} />}</div>
      {status && (
        <MessageBar intent={status.intent} layout="multiline">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
