/**
 * Worklist 本周待办 (METHOD.md §8) in the pane: the customers due in the next `worklistDays`
 * days, in the order the shared model gives (report/worklist.ts: next contact, tier, key-account
 * index, row), grouped by day. Each customer shows id, name, owner, tier, next action, next
 * contact and Why, plus the table's own phone/contact columns; clicking the name selects the
 * customer's row in the sheet.
 */
import * as React from "react";
import { Badge, Caption1, Link, Subtitle2, Text } from "@fluentui/react-components";
import { readText } from "../engine/cells";
import type { ClassifyResult } from "../engine/classify";
import { formatIsoDay } from "../engine/days";
import type { HeaderMapping } from "../engine/headers";
import { worklistCells, worklistRows } from "../engine/report/worklist";
import { Tier } from "../engine/types";
import type { FoundTable } from "../excel/adapter";
import { dataRowAddress } from "./addresses";
import { useAdapter } from "./AdapterContext";
import { contactColumns } from "./contactColumns";
import { errorText } from "./errors";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

/** Enough for a week of calls; the Worklist sheet has them all. */
export const MAX_WORKLIST_SHOWN = 200;

const TIER_COLOR: Record<number, "brand" | "success" | "warning" | "informative" | "subtle"> = {
  [Tier.Star]: "brand",
  [Tier.Rising]: "success",
  [Tier.Fading]: "warning",
  [Tier.Regular]: "informative",
  [Tier.Insufficient]: "subtle",
};

export interface WorklistPanelProps {
  table: FoundTable;
  mapping: HeaderMapping;
  result: ClassifyResult;
  onError: (message: string) => void;
}

export function WorklistPanel({ table, mapping, result, onError }: WorklistPanelProps) {
  const adapter = useAdapter();
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const rows = React.useMemo(() => worklistRows(result), [result]);
  const contacts = React.useMemo(() => contactColumns(mapping), [mapping]);
  const shown = rows.slice(0, MAX_WORKLIST_SHOWN);
  const days = result.settings.worklistDays;
  const last = formatIsoDay(result.today + days - 1);

  // Consecutive rows with the same next contact form one day's group.
  const groups: { day: number; rows: number[] }[] = [];
  for (const row of shown) {
    const day = result.nextContact[row];
    const g = groups[groups.length - 1];
    if (g && g.day === day) g.rows.push(row);
    else groups.push({ day, rows: [row] });
  }
  const dayCount = new Map<number, number>();
  for (const row of rows)
    dayCount.set(result.nextContact[row], (dayCount.get(result.nextContact[row]) ?? 0) + 1);

  const select = (row: number) =>
    adapter.selectCell(dataRowAddress(table.location, row)).catch((err: unknown) => onError(errorText(err)));

  return (
    <section aria-labelledby="worklist-title" className={styles.section}>
      <Subtitle2 as="h2" id="worklist-title" style={{ margin: 0 }}>
        {s.worklistTitle(rows.length)}
      </Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>
        {s.worklistRange(formatIsoDay(result.today), last)}
      </Caption1>
      {rows.length === 0 && <Text>{s.worklistEmpty}</Text>}
      {groups.map((g) => (
        <div key={g.day} className={styles.worklistDay}>
          <Text as="h3" weight="semibold" size={300} className={styles.worklistDayTitle}>
            {s.worklistDay(formatIsoDay(g.day), g.day === result.today, dayCount.get(g.day) ?? g.rows.length)}
          </Text>
          <ol className={styles.worklist} aria-label={formatIsoDay(g.day)}>
            {g.rows.map((row) => {
              const [id, name, owner, tierText, action, , why] = worklistCells(result, row, lang);
              const tier = result.tier[row];
              const reach = contacts
                .map((c) => readText(table.columns[c]?.[row] ?? null))
                .filter((t) => t !== "");
              const shownName = name ?? id ?? s.worklistRow(row + 1);
              return (
                <li key={row} className={styles.worklistItem} data-testid="worklist-item">
                  <div className={styles.worklistLine}>
                    <Link as="button" className={styles.worklistName} onClick={() => void select(row)}>
                      {shownName}
                    </Link>
                    <Badge size="small" appearance="tint" color={TIER_COLOR[tier] ?? "informative"}>
                      {tierText}
                    </Badge>
                  </div>
                  {action && <Text size={200}>{action}</Text>}
                  <Caption1 className={styles.help}>
                    {[id && name ? id : null, owner, ...reach].filter(Boolean).join(" · ")}
                  </Caption1>
                  {why && (
                    <Caption1 className={styles.help}>
                      {s.worklistWhy}
                      {why}
                    </Caption1>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      ))}
      {rows.length > shown.length && <Caption1 as="p">{s.worklistMore(rows.length - shown.length)}</Caption1>}
    </section>
  );
}
