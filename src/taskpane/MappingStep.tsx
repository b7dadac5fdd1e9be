/**
 * Step 1: which column holds which METHOD.md §1 field. When every required field was
 * recognised the mapping is one line (`已识别 24 列 · 修改`) that expands to the dropdowns;
 * a missing required column opens it. Columns no rule uses are information, not warnings.
 */
import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { FIELD_KEYS, type FieldKey } from "../engine/types";
import type { HeaderMapping } from "../engine/headers";
import { mappingMessages, mapSummaryColumns, normalizeHeader } from "../engine/headers";
import { ALL_OUTPUT_HEADERS, fieldLabel } from "../engine/labels";
import type { FoundTable } from "../excel/adapter";
import { columnLetter } from "./addresses";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

/** Fields shown even when unmapped: the required name and the value measures. */
const ALWAYS_SHOWN: readonly FieldKey[] = ["name", "revenue", "profit"];
const NONE = "";
const OWN_HEADERS = new Set(ALL_OUTPUT_HEADERS.map(normalizeHeader));

export interface MappingStepProps {
  table: FoundTable;
  mapping: HeaderMapping;
  onRemap: (field: FieldKey, column: number | null) => void;
}

/** Columns of the table no field uses, as "D 备注" (blank headers, owner/region and our own output columns left out). */
export function unusedColumns(mapping: HeaderMapping, firstColumn: number): string[] {
  const out: string[] = [];
  const groups = new Set(Object.values(mapSummaryColumns(mapping.headers)));
  for (const c of mapping.unmapped) {
    const h = mapping.headers[c] ?? "";
    if (!h || OWN_HEADERS.has(normalizeHeader(h)) || groups.has(c)) continue;
    out.push(`${columnLetter(firstColumn + c)} ${h.length > 30 ? h.slice(0, 29) + "…" : h}`);
  }
  return out;
}

export function MappingStep({ table, mapping, onRemap }: MappingStepProps) {
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const [showAll, setShowAll] = React.useState(false);

  const blocked = mapping.missing.length > 0;
  // Opened for a missing column, it stays open once fixed: the focus is in its dropdowns.
  React.useEffect(() => {
    if (blocked) setOpen(true);
  }, [blocked]);
  const expanded = open || blocked;
  // The owner and region columns (summaries, Worklist) are recognised too.
  const recognised =
    Object.keys(mapping.columns).length + Object.keys(mapSummaryColumns(mapping.headers)).length;
  // Missing and ambiguous columns need the user; unused ones are listed apart, as information.
  const messages = mappingMessages({ ...mapping, unmapped: [] }, lang, table.location.firstColumn);
  const unused = unusedColumns(mapping, table.location.firstColumn);
  const fields = FIELD_KEYS.filter(
    (f) => showAll || ALWAYS_SHOWN.includes(f) || mapping.columns[f] !== undefined,
  );

  return (
    <section aria-labelledby="mapping-title" className={styles.section}>
      <Subtitle2 as="h2" id="mapping-title" style={{ margin: 0 }}>
        {s.mappingTitle}
      </Subtitle2>
      {!blocked && (
        <div className={styles.mappingLine} data-testid="mapping-summary">
          <Text className={styles.recognised}>
            <span aria-hidden="true">✓ </span>
            {s.mappingRecognised(recognised)}
          </Text>
          <span aria-hidden="true">·</span>
          <Link
            as="button"
            aria-expanded={expanded}
            aria-controls="mapping-fields"
            onClick={() => setOpen(!open)}
          >
            {expanded ? s.mappingHide : s.mappingChange}
          </Link>
        </div>
      )}
      {messages.length > 0 && (
        <MessageBar intent={blocked ? "error" : "warning"} layout="multiline" data-testid="mapping-messages">
          <MessageBarBody>
            {messages.map((m, i) => (
              <div key={i}>{m}</div>
            ))}
            {blocked && <div>{s.cannotApply}</div>}
          </MessageBarBody>
        </MessageBar>
      )}
      {unused.length > 0 && (
        <Caption1 as="p" className={styles.help} style={{ margin: 0 }} data-testid="mapping-unused">
          {s.unusedColumns(unused.join(lang === "zh" ? "、" : ", "))}
        </Caption1>
      )}
      {expanded && (
        <div id="mapping-fields" className={styles.mappingGrid}>
          <Caption1 as="p" style={{ margin: 0 }}>
            {s.mappingHint}
          </Caption1>
          {fields.map((field) => {
            const column = mapping.columns[field];
            const required = field === "name";
            const label = fieldLabel(field, lang) + (required ? s.requiredMark : "");
            return (
              <Field key={field} label={label} orientation="horizontal" size="small">
                <Select
                  size="small"
                  value={column === undefined ? NONE : String(column)}
                  onChange={(_, data) => onRemap(field, data.value === NONE ? null : Number(data.value))}
                >
                  <option value={NONE}>{s.notMapped}</option>
                  {mapping.headers.map((header, c) => (
                    <option key={c} value={String(c)}>
                      {`${columnLetter(table.location.firstColumn + c)} · ${header}`}
                    </option>
                  ))}
                </Select>
              </Field>
            );
          })}
          <Button appearance="subtle" size="small" onClick={() => setShowAll(!showAll)}>
            {showAll ? s.showMappedFields : s.showAllFields}
          </Button>
        </div>
      )}
    </section>
  );
}
