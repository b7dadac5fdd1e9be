/** Step 1: which column holds which METHOD.md §1 field; every field can be remapped. */
import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Caption1,
} from "@fluentui/react-components";
import { FIELD_KEYS, type FieldKey } from "../engine/types";
import type { HeaderMapping } from "../engine/headers";
import { mappingMessages } from "../engine/headers";
import { ALL_OUTPUT_HEADERS, fieldLabel } from "../engine/labels";
import type { FoundTable } from "../excel/adapter";
import { columnLetter } from "./addresses";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";

/** Fields shown even when unmapped: the required name and the value measures. */
const ALWAYS_SHOWN: readonly FieldKey[] = ["name", "revenue", "profit"];
const NONE = "";

export interface MappingStepProps {
  table: FoundTable;
  mapping: HeaderMapping;
  onRemap: (field: FieldKey, column: number | null) => void;
}

export function MappingStep({ table, mapping, onRemap }: MappingStepProps) {
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const [showAll, setShowAll] = React.useState(false);

  const fields = FIELD_KEYS.filter(
    (f) => showAll || ALWAYS_SHOWN.includes(f) || mapping.columns[f] !== undefined,
  );
  const messages = mappingMessages(mapping, lang, table.location.firstColumn, ALL_OUTPUT_HEADERS);
  const blocked = mapping.missing.length > 0;

  return (
    <section aria-labelledby="mapping-title" className={styles.section}>
      <Subtitle2 as="h2" id="mapping-title" style={{ margin: 0 }}>
        {s.mappingTitle}
      </Subtitle2>
      <Caption1 as="p" style={{ margin: 0 }}>
        {s.mappingHint}
      </Caption1>
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
      <div className={styles.mappingGrid}>
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
      </div>
      <Button appearance="subtle" size="small" onClick={() => setShowAll(!showAll)}>
        {showAll ? s.showMappedFields : s.showAllFields}
      </Button>
    </section>
  );
}
