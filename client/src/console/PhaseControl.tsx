import { useId, useState } from 'react';
import type { Phase } from '@ideasphere/shared';
import { PHASES } from '@ideasphere/shared/boardModel.js';
import { PHASE_TIMER_MAX_SECONDS } from '@ideasphere/shared/limits.js';
import { errorText, type Translator } from '../lib/i18n';
import { localPhase } from '../lib/time';
import type { BoardClient, SendError } from '../lib/useBoard';
import { Countdown } from '../ui/Countdown';
import { ClockIcon } from '../ui/icons';

/** Timer presets in seconds; `custom` asks for minutes. */
const PRESETS = ['none', '60', '180', '300', '600', 'custom'] as const;
type Preset = (typeof PRESETS)[number];

interface PhaseControlProps {
  board: BoardClient;
  t: Translator;
  /**
   * Called the moment the facilitator presses a phase, before the server answers, so the page
   * can show what that phase is about at once.
   */
  onPhaseChosen?: (phase: Phase) => void;
}

/** Seconds for the chosen preset; null for no timer, NaN for an invalid custom value. */
function timerSeconds(preset: Preset, customMinutes: string): number | null {
  if (preset === 'none') return null;
  if (preset !== 'custom') return Number(preset);
  const minutes = Number(customMinutes.replace(',', '.'));
  const seconds = Math.round(minutes * 60);
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= PHASE_TIMER_MAX_SECONDS ? seconds : Number.NaN;
}

/**
 * Always on screen: the three phases (pressing one starts it, with the chosen timer) and the
 * live countdown. Pressing the current phase again restarts its timer.
 */
export function PhaseControl({ board, t, onPhaseChosen }: PhaseControlProps) {
  const id = useId();
  const { phase } = board.state;
  const [preset, setPreset] = useState<Preset>('none');
  const [customMinutes, setCustomMinutes] = useState('15');
  const [busy, setBusy] = useState<Phase | 'clear' | null>(null);
  const [error, setError] = useState<SendError | null>(null);
  const seconds = timerSeconds(preset, customMinutes);
  const invalid = Number.isNaN(seconds);

  const start = async (next: Phase, timer: number | null, marker: Phase | 'clear') => {
    if (busy !== null || Number.isNaN(timer)) return;
    setBusy(marker);
    setError(null);
    const result = await board.send('phase:set', { phase: next, timerSeconds: timer });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    board.dispatch({ type: 'phase', phase: localPhase(result.data) });
  };

  return (
    <div className="phase-control" role="group" aria-label={t('phase.control')}>
      <div className="phase-buttons">
        {PHASES.map((option, index) => (
          <button
            key={option}
            type="button"
            className="phase-button"
            data-testid={`phase-${option}`}
            data-phase={option}
            aria-pressed={phase.phase === option}
            disabled={busy !== null || !board.synced || invalid}
            onClick={() => {
              onPhaseChosen?.(option);
              void start(option, seconds, option);
            }}
          >
            <span className="phase-step" aria-hidden="true">
              {index + 1}
            </span>
            {t(`phase.${option}`)}
            {busy === option && <span className="spinner" aria-hidden="true" />}
          </button>
        ))}
      </div>
      <div className="phase-timer">
        <label className="phase-timer-label" htmlFor={`${id}-timer`}>
          <ClockIcon size={16} />
          {t('timer.label')}
        </label>
        <select
          id={`${id}-timer`}
          className="input input-small phase-timer-select"
          data-testid="timer-select"
          value={preset}
          onChange={(e) => setPreset(e.target.value as Preset)}
        >
          {PRESETS.map((option) => (
            <option key={option} value={option}>
              {option === 'none' ? t('timer.none') : option === 'custom' ? t('timer.custom') : t('timer.minutes', { count: Number(option) / 60 })}
            </option>
          ))}
        </select>
        {preset === 'custom' && (
          <input
            className="input input-small phase-timer-custom"
            data-testid="timer-custom-minutes"
            type="number"
            inputMode="decimal"
            min={1}
            max={PHASE_TIMER_MAX_SECONDS / 60}
            value={customMinutes}
            aria-label={t('timer.customLabel')}
            aria-invalid={invalid}
            onChange={(e) => setCustomMinutes(e.target.value)}
          />
        )}
        {phase.endsAt !== null && (
          <>
            <Countdown endsAt={phase.endsAt} t={t} className="phase-countdown-live" testId="phase-countdown" />
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="timer-clear"
              disabled={busy !== null}
              onClick={() => void start(phase.phase, null, 'clear')}
            >
              {t('timer.clear')}
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="phase-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}
