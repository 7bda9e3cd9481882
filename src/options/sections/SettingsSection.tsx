import { useState } from 'preact/hooks';
import { LiveStatus } from '../../ui/components/LiveStatus';
import { t } from '../../ui/i18n';
import { errorText } from '../../ui/request';
import { formValuesFrom, settingsFromForm, type SettingsFormField, type SettingsFormValues } from '../settings-form';
import type { SettingsBinding } from './types';
import { BURST_WINDOW_MODES } from '../../shared/types';

export function SettingsSection({ settings, save }: SettingsBinding) {
  const [values, setValues] = useState<SettingsFormValues>(() => formValuesFrom(settings));
  const [errors, setErrors] = useState<Partial<Record<SettingsFormField, string>>>({});
  const [status, setStatus] = useState('');
  // When saved settings change (saved here, or imported on the Data section), the form shows them. Adjusted
  // during render, not in an effect: a deferred effect would overwrite what the person typed meanwhile.
  const [shownSettings, setShownSettings] = useState(settings);
  if (shownSettings !== settings) {
    setShownSettings(settings);
    setValues(formValuesFrom(settings));
  }

  const set = <K extends SettingsFormField>(field: K, value: SettingsFormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const result = settingsFromForm(values, settings);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus(t('ui_fixErrors'));
      return;
    }
    setErrors({});
    try {
      await save(result.settings);
      setStatus(t('ui_saved'));
    } catch (error) {
      setStatus(t('ui_saveFailed', { error: errorText(error) }));
    }
  };
  const numberField = (field: 'machineThreshold' | 'suspectThreshold' | 'burstWindowSeconds', label: string, step: string) => (
    <div class="field">
      <label for={`field-${field}`}>{label}</label>
      <input
        id={`field-${field}`}
        type="number"
        step={step}
        inputMode="decimal"
        value={values[field]}
        onInput={(event) => set(field, (event.currentTarget as HTMLInputElement).value)}
        aria-invalid={errors[field] ? 'true' : undefined}
        aria-describedby={errors[field] ? `error-${field}` : undefined}
        data-testid={`input-${field}`}
      />
      {errors[field] ? (
        <span id={`error-${field}`} class="error">
          {errors[field]}
        </span>
      ) : null}
    </div>
  );
  /** One radio per choice of a field that takes one of a few values. */
  const radioChoices = <K extends 'mode' | 'burstWindowMode'>(
    field: K,
    choices: ReadonlyArray<SettingsFormValues[K]>,
    label: (choice: SettingsFormValues[K]) => string,
  ) =>
    choices.map((choice) => (
      <label class="field-inline" key={choice}>
        <input
          type="radio"
          name={field}
          value={choice}
          checked={values[field] === choice}
          onChange={() => set(field, choice)}
          data-testid={`input-${field}-${choice}`}
        />
        {label(choice)}
      </label>
    ));
  return (
    <form onSubmit={(event) => void onSubmit(event)} data-testid="settings-form" noValidate>
      <label class="field-inline">
        <input
          type="checkbox"
          checked={values.countSuspect}
          onChange={(event) => set('countSuspect', (event.currentTarget as HTMLInputElement).checked)}
          data-testid="input-countSuspect"
        />
        {t('ui_countSuspect')}
      </label>
      <fieldset>
        <legend>{t('ui_mode')}</legend>
        {radioChoices('mode', ['filter', 'log-only'] as const, (mode) => t(mode === 'filter' ? 'ui_mode_filter' : 'ui_mode_logOnly'))}
      </fieldset>
      <label class="field-inline">
        <input
          type="checkbox"
          checked={values.showMarks}
          onChange={(event) => set('showMarks', (event.currentTarget as HTMLInputElement).checked)}
          data-testid="input-showMarks"
        />
        {t('ui_showMarks')}
      </label>
      {numberField('machineThreshold', t('ui_machineThreshold'), '0.01')}
      {numberField('suspectThreshold', t('ui_suspectThreshold'), '0.01')}
      <fieldset>
        <legend>{t('ui_burstWindowMode')}</legend>
        {radioChoices('burstWindowMode', BURST_WINDOW_MODES, (mode) =>
          t(mode === 'learned' ? 'ui_burstWindowMode_learned' : 'ui_burstWindowMode_fixed'),
        )}
        {numberField('burstWindowSeconds', t('ui_burstWindow'), '0.1')}
      </fieldset>
      <div class="field">
        <label for="field-honeypots">{t('ui_honeypots')}</label>
        <textarea
          id="field-honeypots"
          rows={4}
          value={values.honeypotPatterns}
          onInput={(event) => set('honeypotPatterns', (event.currentTarget as HTMLTextAreaElement).value)}
          aria-invalid={errors.honeypotPatterns ? 'true' : undefined}
          aria-describedby={errors.honeypotPatterns ? 'error-honeypotPatterns' : undefined}
          data-testid="input-honeypotPatterns"
        />
        {errors.honeypotPatterns ? (
          <span id="error-honeypotPatterns" class="error">
            {errors.honeypotPatterns}
          </span>
        ) : null}
      </div>
      <p class="muted" data-testid="settings-scope">
        {t('ui_settingsScope')}
      </p>
      <button type="submit" class="primary" data-testid="save-settings">
        {t('ui_save')}
      </button>
      <LiveStatus message={status} testId="settings-status" />
    </form>
  );
}
