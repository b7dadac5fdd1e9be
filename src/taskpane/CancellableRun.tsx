/**
 * A long write with progress and Cancel, as Apply and the ledger's customer sheet do it: the
 * state (useCancellableRun) and the controls (RunControls: the button, Cancel while it runs,
 * the progress bar with its percentage read out to screen readers).
 */
import * as React from "react";
import { Button, Field, ProgressBar } from "@fluentui/react-components";
import { useStyles } from "./styles";

export interface CancellableRun {
  /** 0..1 while running, null otherwise. */
  progress: number | null;
  busy: boolean;
  cancelling: boolean;
  /** Runs `work` with a fresh abort signal and a progress callback (clamped to 0..1). */
  run(work: (signal: AbortSignal, onProgress: (fraction: number) => void) => Promise<void>): Promise<void>;
  cancel(): void;
}

export function useCancellableRun(): CancellableRun {
  const [progress, setProgress] = React.useState<number | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const controller = React.useRef<AbortController | null>(null);
  return {
    progress,
    busy: progress !== null,
    cancelling,
    async run(work) {
      const abort = new AbortController();
      controller.current = abort;
      setProgress(0);
      setCancelling(false);
      try {
        await work(abort.signal, (fraction) => setProgress(Math.max(0, Math.min(1, fraction))));
      } finally {
        controller.current = null;
        setProgress(null);
      }
    },
    cancel() {
      setCancelling(true);
      controller.current?.abort();
    },
  };
}

export function RunControls({
  state,
  label,
  busyLabel,
  cancelLabel,
  disabled,
  onRun,
}: {
  state: CancellableRun;
  label: string;
  busyLabel: string;
  cancelLabel: string;
  /** Besides while it runs. */
  disabled?: boolean;
  onRun: () => void;
}) {
  const styles = useStyles();
  const { busy, progress, cancelling } = state;
  return (
    <>
      <div className={styles.row}>
        <Button appearance="primary" disabled={disabled || busy} onClick={onRun}>
          {busy ? busyLabel : label}
        </Button>
        {busy && (
          <Button disabled={cancelling} onClick={() => state.cancel()}>
            {cancelLabel}
          </Button>
        )}
      </div>
      {busy && (
        <Field
          validationMessage={`${Math.round((progress ?? 0) * 100)}%`}
          validationState="none"
          aria-live="polite"
        >
          <ProgressBar value={progress ?? 0} max={1} aria-label={busyLabel} />
        </Field>
      )}
    </>
  );
}
