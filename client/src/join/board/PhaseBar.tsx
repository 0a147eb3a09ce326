import type { PhaseState } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { Countdown } from '../../ui/Countdown';
import type { BallotControls } from './useBallot';

interface PhaseBarProps {
  phase: PhaseState;
  ballot: BallotControls;
  t: Translator;
}

/** Sticky at the top: the phase, its countdown and, while voting, the votes left. */
export function PhaseBar({ phase, ballot, t }: PhaseBarProps) {
  return (
    <div className="phase-bar" data-phase={phase.phase}>
      <div className="phase-bar-row">
        <p className="phase-pill" data-testid="phase-indicator" data-phase={phase.phase}>
          <span className="phase-dot" aria-hidden="true" />
          {t(`phase.${phase.phase}`)}
        </p>
        <Countdown endsAt={phase.endsAt} t={t} className="phase-countdown" testId="phase-timer" />
      </div>
      {phase.phase === 'vote' && (
        <div className="votes-left" data-testid="votes-left" data-left={ballot.left} aria-live="polite">
          <span className="votes-left-dots" aria-hidden="true">
            {Array.from({ length: Math.min(ballot.budget, 20) }, (_, i) => (
              <span key={i} className="vote-dot" data-used={i >= ballot.left} />
            ))}
          </span>
          <span>{t('vote.left', { left: ballot.left, budget: ballot.budget })}</span>
        </div>
      )}
    </div>
  );
}
