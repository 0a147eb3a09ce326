import type { Language } from '@ideasphere/shared';
import { orderedPolls, type PollState } from '@ideasphere/shared/sync/pollState.js';
import type { Translator } from '../../lib/i18n';
import { formatCount } from '../../lib/i18n';
import { PollResultView } from '../../ui/polls/PollResultView';

interface PollResultsProps {
  polls: PollState;
  language: Language;
  t: Translator;
}

/** Every launched poll's result in the results (and on the printed page), in the facilitator's order. */
export function PollResults({ polls, language, t }: PollResultsProps) {
  const launched = orderedPolls(polls).filter((p) => p.status !== 'draft');
  if (launched.length === 0) return null;
  return (
    <section className="results-section poll-results-section" aria-labelledby="poll-results-heading" data-testid="poll-results-section">
      <h3 id="poll-results-heading" className="results-subheading">
        {t('poll.results.heading')}
      </h3>
      {launched.map((poll) => (
        <div key={poll.id} className="qa-results-track">
          <h4 className="qa-results-track-name">
            <bdi>{poll.question}</bdi> · {t(`poll.kind.${poll.kind}`)} · {t('poll.answeredCount', { count: formatCount(language, polls.answered.get(poll.id) ?? 0) })}
          </h4>
          <PollResultView poll={poll} results={polls.results.get(poll.id)} language={language} t={t} size="compact" />
        </div>
      ))}
    </section>
  );
}
