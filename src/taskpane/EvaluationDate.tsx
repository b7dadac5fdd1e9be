/**
 * The evaluation date (METHOD.md "today") at the top of the pane: every result the pane
 * shows or writes is computed for this day, so the user sees it and can change it
 * (e.g. to the date the CLI was run with). Defaults to the machine's local date.
 */
import * as React from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import { formatIsoDay, parseIsoDay, todayLocal } from "../engine/days";
import type { DayNumber } from "../engine/types";
import { useStrings } from "./useLang";
import { useStyles } from "./styles";

export interface EvaluationDateProps {
  day: DayNumber;
  onChange: (day: DayNumber) => void;
}

export function EvaluationDate({ day, onChange }: EvaluationDateProps) {
  const s = useStrings();
  const styles = useStyles();
  // The text as typed: a date input gives "" while a part of the date is incomplete.
  const [text, setText] = React.useState(() => formatIsoDay(day));
  React.useEffect(() => setText(formatIsoDay(day)), [day]);
  const valid = Number.isFinite(parseIsoDay(text));
  const today = todayLocal();

  return (
    <div className={styles.dateRow}>
      <Field
        label={s.evalDate}
        orientation="horizontal"
        size="small"
        validationState={valid ? "none" : "error"}
        validationMessage={valid ? undefined : s.evalDateInvalid(formatIsoDay(day))}
        className={styles.dateField}
      >
        <Input
          type="date"
          size="small"
          value={text}
          aria-describedby="eval-date-hint"
          onChange={(_, data) => {
            setText(data.value);
            const next = parseIsoDay(data.value);
            if (Number.isFinite(next)) onChange(next);
          }}
        />
      </Field>
      {day !== today && (
        <Button size="small" appearance="subtle" onClick={() => onChange(today)}>
          {s.evalDateToday}
        </Button>
      )}
      <span id="eval-date-hint" className={styles.visuallyHidden}>
        {s.evalDateHint}
      </span>
    </div>
  );
}
