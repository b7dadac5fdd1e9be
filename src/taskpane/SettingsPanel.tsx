/**
 * Every METHOD.md setting, rendered from SETTING_SPECS and validated inline with the
 * engine's own messages. Saved in the workbook (adapter) and in the runtime's store so
 * custom functions classify with the same numbers.
 */
import * as React from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import {
  DEFAULT_SETTINGS,
  SETTING_GROUPS,
  SETTING_SPECS,
  validateSettings,
  type Settings,
  type SettingSpec,
} from "../engine/settings";
import { setCurrentSettings } from "../engine/settingsStore";
import { useAdapter } from "./AdapterContext";
import { useLang, useStrings } from "./useLang";
import { useStyles } from "./styles";
import { errorText } from "./errors";

type Draft = Record<string, string>;

/** Percent settings are stored as fractions (0.3) but typed as percentages (30). */
const tidy = (n: number) => Number(n.toPrecision(12));

function draftOf(settings: Settings): Draft {
  const draft: Draft = {};
  for (const spec of SETTING_SPECS) {
    const v = settings[spec.key];
    draft[spec.key] = String(spec.unit === "percent" ? tidy(v * 100) : v);
  }
  return draft;
}

/** Text as typed → what validateSettings judges (blank or non-numbers stay text so they are reported). */
function inputOf(draft: Draft): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const spec of SETTING_SPECS) {
    const t = (draft[spec.key] ?? "").trim();
    const n = t === "" ? NaN : Number(t);
    if (!Number.isFinite(n)) input[spec.key] = t;
    else input[spec.key] = spec.unit === "percent" ? tidy(n / 100) : n;
  }
  return input;
}

function unitSuffix(spec: SettingSpec): string {
  return spec.unit === "percent" ? " (%)" : "";
}

export interface SettingsPanelProps {
  settings: Settings;
  onSaved: (settings: Settings) => void;
}

export function SettingsPanel({ settings, onSaved }: SettingsPanelProps) {
  const adapter = useAdapter();
  const lang = useLang();
  const s = useStrings();
  const styles = useStyles();
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(settings));
  const [status, setStatus] = React.useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = React.useState(false);

  const { settings: validated, errors } = React.useMemo(() => validateSettings(inputOf(draft)), [draft]);
  const errorOf = (key: string) => {
    const e = errors.find((x) => x.key === key);
    return e ? (lang === "zh" ? e.zh : e.en) : undefined;
  };
  const dirty = SETTING_SPECS.some((spec) => draft[spec.key] !== draftOf(settings)[spec.key]);

  const save = async (next: Settings) => {
    setBusy(true);
    setStatus(null);
    try {
      await adapter.saveSettings(next);
      setCurrentSettings(next);
      onSaved(next);
      setStatus({ intent: "success", text: s.settingsSaved });
    } catch (err) {
      setStatus({ intent: "error", text: s.somethingWrong + errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const onSave = () => {
    if (errors.length > 0) {
      setStatus({ intent: "error", text: s.settingsInvalid });
      return;
    }
    void save(validated);
  };

  const onRestoreDefaults = () => {
    setDraft(draftOf(DEFAULT_SETTINGS));
    void save(DEFAULT_SETTINGS);
  };

  return (
    <section aria-labelledby="settings-title" className={styles.section}>
      <Subtitle2 as="h2" id="settings-title" style={{ margin: 0 }}>
        {s.settingsTitle}
      </Subtitle2>
      {SETTING_GROUPS.map(({ group, zh, en }) => (
        <fieldset key={group} className={styles.fieldset}>
          <legend className={styles.legend}>{lang === "zh" ? zh : en}</legend>
          {SETTING_SPECS.filter((spec) => spec.group === group).map((spec) => {
            const message = errorOf(spec.key);
            return (
              <Field
                key={spec.key}
                label={(lang === "zh" ? spec.zh : spec.en) + unitSuffix(spec)}
                validationMessage={message}
                validationState={message ? "error" : "none"}
                hint={spec.key === "weightVolume" ? s.volumeWeightHelp : undefined}
                size="small"
              >
                <Input
                  size="small"
                  inputMode="decimal"
                  value={draft[spec.key] ?? ""}
                  onChange={(_, data) => {
                    setStatus(null);
                    setDraft({ ...draft, [spec.key]: data.value });
                  }}
                />
              </Field>
            );
          })}
        </fieldset>
      ))}
      {dirty && errors.length === 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{s.settingsUnsaved}</MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <MessageBar intent={status.intent} layout="multiline">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={onSave}>
          {s.saveSettings}
        </Button>
        <Button disabled={busy} onClick={onRestoreDefaults}>
          {s.restoreDefaults}
        </Button>
      </div>
    </section>
  );
}
