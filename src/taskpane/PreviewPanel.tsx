/** Step 2: the classification before anything is written — tiers, value shares, Pareto, problems. */
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
import type { HeaderMapping } from "../engine/headers";
import { problemMessage, tierLabel } from "../engine/labels";
import type { CellProblem } from "../engine/types";
import type { FoundTable } from "../excel/adapter";
import { dataCellAddress } from "./addresses";
import { useAdapter } from "./AdapterContext";
import { formatPercent, previewStats } from "./previewStats";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

/** Enough to act on; the rest are in the sheet's Problems column. */
export const MAX_PROBLEMS_LISTED = 20;

/** The tier table: what the user decides on before writing (fits the first screen). */
export function TierPreview({ result }: { result: ClassifyResult }) {
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const stats = React.useMemo(() => previewStats(result), [result]);
  const totalShare = stats.rows.reduce((sum, r) => sum + r.valueShare, 0);

  return (
    <section aria-labelledby="preview-title" className={styles.section}>
      <Subtitle2 as="h2" id="preview-title" style={{ margin: 0 }}>
        {s.previewTitle}
      </Subtitle2>
      {stats.customers === 0 ? (
        <Text>{s.previewEmpty}</Text>
      ) : (
        <>
          <Table size="extra-small" aria-label={s.previewTitle}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.tierCol}</TableHeaderCell>
                <TableHeaderCell className={styles.numberCell}>{s.customersCol}</TableHeaderCell>
                <TableHeaderCell className={styles.numberCell}>{s.valueShareCol}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {stats.rows.map((row) => (
                <TableRow key={row.tier} data-testid={`tier-row-${row.tier}`}>
                  <TableCell>{tierLabel(row.tier, lang)}</TableCell>
                  <TableCell className={styles.numberCell}>{row.customers}</TableCell>
                  <TableCell className={styles.numberCell}>{formatPercent(row.valueShare)}</TableCell>
                </TableRow>
              ))}
              <TableRow data-testid="tier-row-total">
                <TableCell>{s.totalRow}</TableCell>
                <TableCell className={styles.numberCell}>{stats.customers}</TableCell>
                <TableCell className={styles.numberCell}>{formatPercent(totalShare)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
          {stats.overdue > 0 && (
            <Caption1 as="p" style={{ margin: 0 }}>
              {s.overdueCount(stats.overdue)}
            </Caption1>
          )}
        </>
      )}
    </section>
  );
}

export interface PreviewDetailsProps {
  table: FoundTable;
  mapping: HeaderMapping;
  result: ClassifyResult;
  onError: (message: string) => void;
}

/** Below the Write button: the cells that could not be read (the Pareto curve is on the Summary tab). */
export function PreviewDetails({ table, mapping, result, onError }: PreviewDetailsProps) {
  const s = useStrings();
  const styles = useStyles();
  return (
    <section aria-label={s.previewDetails} className={styles.section}>
      <ProblemList table={table} mapping={mapping} problems={result.problems} onError={onError} />
    </section>
  );
}

function ProblemList(props: {
  table: FoundTable;
  mapping: HeaderMapping;
  problems: CellProblem[];
  onError: (m: string) => void;
}) {
  const { table, mapping, problems, onError } = props;
  const adapter = useAdapter();
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  if (problems.length === 0) return <Caption1 as="p">{s.noProblems}</Caption1>;

  const shown = problems.slice(0, MAX_PROBLEMS_LISTED);
  return (
    <div>
      <Text weight="semibold" as="h3" style={{ margin: 0, fontSize: "inherit" }}>
        {s.problemsTitle(problems.length)}
      </Text>
      <ul className={styles.problemList}>
        {shown.map((p, i) => {
          // The problem's own column, or the name column when the field has none.
          const column = mapping.columns[p.field] ?? mapping.columns.name ?? mapping.columns.id ?? 0;
          const address = dataCellAddress(table.location, p.row, column);
          const cellOnly = address.slice(address.lastIndexOf("!") + 1);
          const message = problemMessage(p, lang, mapping.headers[column] ?? "");
          return (
            <li key={i}>
              <Link
                as="button"
                onClick={() => adapter.selectCell(address).catch((err: unknown) => onError(String(err)))}
              >
                {cellOnly}
              </Link>{" "}
              <Text size={200}>{message}</Text>
            </li>
          );
        })}
      </ul>
      {problems.length > shown.length && (
        <Caption1 as="p">{s.moreProblems(problems.length - shown.length)}</Caption1>
      )}
    </div>
  );
}
