/**
 * The Summary a manager reads in ten seconds (METHOD.md §11), from the one shared model
 * (report/summary.ts): headline figures first, then per tier and ABC class, per owner and per
 * region when the table has them, the top 10 by key-account index, and the Pareto curve.
 */
import * as React from "react";
import {
  Caption1,
  Link,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { ClassifyResult } from "../engine/classify";
import { formatIsoDay } from "../engine/days";
import { abcLabel, tierLabel } from "../engine/labels";
import { summarize, type PeopleSummary } from "../engine/report/summary";
import type { FoundTable } from "../excel/adapter";
import { dataRowAddress } from "./addresses";
import { useAdapter } from "./AdapterContext";
import { errorText } from "./errors";
import { ParetoChart } from "./ParetoChart";
import { formatPercent } from "./previewStats";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

export interface SummaryPanelProps {
  table: FoundTable;
  result: ClassifyResult;
  onError: (message: string) => void;
}

export function SummaryPanel({ table, result, onError }: SummaryPanelProps) {
  const adapter = useAdapter();
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const summary = React.useMemo(() => summarize(result), [result]);
  const h = summary.headline;

  const tiles: { label: string; value: string; testid: string }[] = [
    { label: s.headCustomers, value: String(h.customers), testid: "head-customers" },
    { label: s.headStarShare, value: formatPercent(h.starShare), testid: "head-star-share" },
    { label: s.headOverdue, value: String(h.overdue), testid: "head-overdue" },
    { label: s.headProblems, value: String(h.problemRows), testid: "head-problems" },
  ];

  return (
    <section aria-labelledby="summary-title" className={styles.section}>
      <Subtitle2 as="h2" id="summary-title" style={{ margin: 0 }}>
        {s.summaryTitle}
      </Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>
        {s.evalDateUsed(formatIsoDay(summary.today))}
      </Caption1>
      <dl className={styles.headline} style={{ margin: 0 }}>
        {tiles.map((t) => (
          <div key={t.testid} className={styles.headlineTile} data-testid={t.testid}>
            <dt>
              <Caption1>{t.label}</Caption1>
            </dt>
            <dd className={styles.headlineValue} style={{ margin: 0 }}>
              {t.value}
            </dd>
          </div>
        ))}
      </dl>

      <GroupTable
        title={s.byTier}
        firstHeader={s.tierCol}
        rows={summary.tiers.map((g) => ({ key: String(g.tier), label: tierLabel(g.tier, lang), ...g }))}
        testid="summary-tiers"
      />
      <GroupTable
        title={s.byAbc}
        firstHeader={s.abcCol}
        rows={summary.abc.map((g) => ({ key: String(g.abc), label: abcLabel(g.abc), ...g }))}
        testid="summary-abc"
      />
      {summary.owners.length > 0 && (
        <PeopleTable
          title={s.byOwner}
          firstHeader={s.ownerCol}
          rows={summary.owners}
          testid="summary-owners"
        />
      )}
      {summary.regions.length > 0 && (
        <PeopleTable
          title={s.byRegion}
          firstHeader={s.regionCol}
          rows={summary.regions}
          testid="summary-regions"
        />
      )}

      {summary.top.length > 0 && (
        <div>
          <Text as="h3" weight="semibold" size={300} style={{ margin: 0 }}>
            {s.topTitle(summary.top.length)}
          </Text>
          <ol className={styles.topList} data-testid="summary-top">
            {summary.top.map((c) => (
              <li key={c.row}>
                <Link
                  as="button"
                  onClick={() =>
                    adapter
                      .selectCell(dataRowAddress(table.location, c.row))
                      .catch((err: unknown) => onError(errorText(err)))
                  }
                >
                  {c.name || c.id || s.worklistRow(c.row + 1)}
                </Link>
                <Caption1 block>
                  {s.topLine(c.keyIndex, tierLabel(c.tier, lang), formatPercent(c.share))}
                </Caption1>
              </li>
            ))}
          </ol>
        </div>
      )}

      {summary.pareto.length > 1 && (
        <ParetoChart
          points={summary.pareto.map((p) => [p.customers, p.value] as [number, number])}
          caption={s.paretoCaption("20%", formatPercent(summary.top20Share))}
        />
      )}
    </section>
  );
}

interface GroupRow {
  key: string;
  label: string;
  count: number;
  share: number;
}

function GroupTable(props: { title: string; firstHeader: string; rows: GroupRow[]; testid: string }) {
  const s = useStrings();
  const styles = useStyles();
  return (
    <div>
      <Text as="h3" weight="semibold" size={300} style={{ margin: 0 }}>
        {props.title}
      </Text>
      <Table size="extra-small" aria-label={props.title} data-testid={props.testid}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{props.firstHeader}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.customersCol}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.valueShareCol}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell>{r.label}</TableCell>
              <TableCell className={styles.numberCell}>{r.count}</TableCell>
              <TableCell className={styles.numberCell}>{formatPercent(r.share)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function PeopleTable(props: { title: string; firstHeader: string; rows: PeopleSummary[]; testid: string }) {
  const s = useStrings();
  const styles = useStyles();
  return (
    <div>
      <Text as="h3" weight="semibold" size={300} style={{ margin: 0 }}>
        {props.title}
      </Text>
      <Table
        size="extra-small"
        aria-label={props.title}
        data-testid={props.testid}
        className={styles.peopleTable}
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{props.firstHeader}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.customersColShort}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.valueShareColShort}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.starsCol}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.fadingCol}</TableHeaderCell>
            <TableHeaderCell className={styles.numberCell}>{s.overdueCol}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r) => (
            <TableRow key={r.name}>
              <TableCell>{r.name || s.blankGroup}</TableCell>
              <TableCell className={styles.numberCell}>{r.count}</TableCell>
              <TableCell className={styles.numberCell}>{formatPercent(r.share)}</TableCell>
              <TableCell className={styles.numberCell}>{r.stars}</TableCell>
              <TableCell className={styles.numberCell}>{r.fading}</TableCell>
              <TableCell className={styles.numberCell}>{r.overdue}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
