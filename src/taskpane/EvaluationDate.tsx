/**
 * The evaluation date (METHOD.md "today") at the top of the pane: every result the pane
 * shows or writes is computed for this day, so the user sees it and can change it
 * (e.g. to the date the CLI was run with). Defaults to the machine's local date.
 */
import * as React from "react";
import { Button, Caption1, Input, Label, useId } from "@fluentui/react-components";
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
  const inputId = useId("eval-date");
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  return (
    <div>
      <Label htmlFor={inputId} size="small" weight="semibold" style={{ display: "block" }}>
        {s.evalDate}
      </Label>
      <div className={styles.dateRow}>
        <Input
          id={inputId}
          type="date"
          size="small"
          className={styles.dateInput}
          value={text}
          aria-invalid={!valid}
          aria-describedby={valid ? hintId : `${hintId} ${errorId}`}
          onChange={(_, data) => {
            setText(data.value);
            const next = parseIsoDay(data.value);
            if (Number.isFinite(next)) onChange(next);
          }}
        />
        {day !== today && (
          <Button size="small" appearance="subtle" onClick={() => onChange(today)}>
            {s.evalDateToday}
          </Button>
        )}
      </div>
      <span id={hintId} className={styles.visuallyHidden}>
        {s.evalDateHint}
      </span>
      {!valid && (
        <Caption1 as="p" id={errorId} role="alert" className={styles.errorText} style={{ margin: 0 }}>
          {s.evalDateInvalid(formatIsoDay(day))}
        </Caption1>
      )}
    </div>
  );
}
