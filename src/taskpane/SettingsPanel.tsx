/**
 * Every METHOD.md setting, rendered from the engine's one table (SETTING_SPECS, grouped by
 * SETTING_GROUPS): each field with its unit and a one-line help in the rep's words, the
 * advanced ones folded per group, the four key-account weights as percentages that must add
 * up to 100 %. Validated inline with the engine's own messages; saved in the workbook
 * (adapter) and in the runtime's store so custom functions classify with the same numbers.
 */
import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
} from "@fluentui/react-components";
import { pick } from "../engine/bilingual";
import {
  DEFAULT_SETTINGS,
  SETTING_GROUPS,
  SETTING_SPECS,
  settingUnitText,
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

/** The key-account weights: shown with their running total (they must add up to 100 %). */
const isWeight = (spec: SettingSpec) => spec.group === "keyIndex" && spec.key.startsWith("weight");

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

/** The weights' total in percent as typed (NaN when one is not a number). */
function weightTotal(draft: Draft): number {
  let sum = 0;
  for (const spec of SETTING_SPECS) if (isWeight(spec)) sum += Number((draft[spec.key] ?? "").trim() || NaN);
  return tidy(sum);
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
  const [openAdvanced, setOpenAdvanced] = React.useState<ReadonlySet<string>>(new Set());
  /** Groups shown open: the first one to begin with (the page starts as a short list of groups). */
  const [openGroups, setOpenGroups] = React.useState<ReadonlySet<string>>(
    () => new Set([SETTING_GROUPS[0].group]),
  );
  const toggle = (set: ReadonlySet<string>, key: string) => {
    const next = new Set(set);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  };

  const { settings: validated, errors } = React.useMemo(() => validateSettings(inputOf(draft)), [draft]);
  const errorOf = (key: string) => {
    const e = errors.find((x) => x.key === key);
    return e ? (lang === "zh" ? e.zh : e.en) : undefined;
  };
  const saved = draftOf(settings);
  const dirty = SETTING_SPECS.some((spec) => draft[spec.key] !== saved[spec.key]);
  const total = weightTotal(draft);

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

  const fieldOf = (spec: SettingSpec) => {
    const message = errorOf(spec.key);
    const unit = pick(settingUnitText(spec), lang);
    const label = pick(spec.label, lang);
    return (
      <Field
        key={spec.key}
        label={{
          children: (
            <>
              {label}
              {unit && <span className={styles.visuallyHidden}>{` (${unit})`}</span>}
            </>
          ),
        }}
        hint={pick(spec.help, lang)}
        validationMessage={message}
        validationState={message ? "error" : "none"}
        size="small"
      >
        <Input
          size="small"
          inputMode="decimal"
          className={styles.settingInput}
          contentAfter={unit ? <span aria-hidden="true">{unit}</span> : undefined}
          value={draft[spec.key] ?? ""}
          onChange={(_, data) => {
            setStatus(null);
            setDraft({ ...draft, [spec.key]: data.value });
          }}
        />
      </Field>
    );
  };

  return (
    <section aria-labelledby="settings-title" className={styles.section}>
      <Subtitle2 as="h2" id="settings-title" style={{ margin: 0 }}>
        {s.settingsTitle}
      </Subtitle2>
      {SETTING_GROUPS.map(({ group, zh, en }) => {
        const specs = SETTING_SPECS.filter((spec) => spec.group === group);
        if (specs.length === 0) return null;
        const basic = specs.filter((spec) => !spec.advanced);
        const advanced = specs.filter((spec) => spec.advanced);
        // A folded setting with an error is shown: the user must see what to fix.
        const open = openAdvanced.has(group) || advanced.some((spec) => errorOf(spec.key));
        const groupOpen = openGroups.has(group) || specs.some((spec) => errorOf(spec.key));
        const weights = basic.filter(isWeight);
        const title = lang === "zh" ? zh : en;
        return (
          <fieldset
            key={group}
            className={groupOpen ? styles.fieldset : styles.fieldsetFolded}
            data-testid={`settings-group-${group}`}
          >
            <legend className={styles.legend}>
              <Button
                appearance="transparent"
                size="small"
                className={styles.groupButton}
                aria-expanded={groupOpen}
                aria-controls={`settings-${group}`}
                onClick={() => setOpenGroups(toggle(openGroups, group))}
              >
                <span aria-hidden="true" className={styles.chevron}>
                  {groupOpen ? "▾" : "▸"}
                </span>
                {title}
              </Button>
            </legend>
            {groupOpen && (
              <div id={`settings-${group}`} className={styles.mappingGrid}>
                {weights.length > 0 && (
                  <Caption1 as="p" className={styles.help} style={{ margin: 0 }}>
                    {s.volumeWeightHelp}
                  </Caption1>
                )}
                {basic.map((spec) => (
                  <React.Fragment key={spec.key}>
                    {fieldOf(spec)}
                    {spec === weights[weights.length - 1] && (
                      <Caption1
                        as="p"
                        role="status"
                        data-testid="weight-total"
                        className={total === 100 ? styles.help : styles.errorText}
                        style={{ margin: 0 }}
                      >
                        {total === 100 ? s.weightTotalOk : s.weightTotalWrong(total)}
                      </Caption1>
                    )}
                  </React.Fragment>
                ))}
                {advanced.length > 0 && (
                  <Button
                    appearance="transparent"
                    size="small"
                    className={styles.foldButton}
                    aria-expanded={open}
                    aria-controls={`advanced-${group}`}
                    onClick={() => setOpenAdvanced(toggle(openAdvanced, group))}
                  >
                    {open ? s.advancedHide : s.advancedShow(advanced.length)}
                  </Button>
                )}
                {open && (
                  <div id={`advanced-${group}`} className={styles.mappingGrid}>
                    {advanced.map(fieldOf)}
                  </div>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
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
        {busy && <Spinner size="tiny" label={s.savingSettings} />}
      </div>
    </section>
  );
}
