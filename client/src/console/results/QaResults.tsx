import { sortQuestions } from '@ideasphere/shared/qa/qaModel.js';
import type { QaState } from '@ideasphere/shared/sync/qaState.js';
import type { Translator } from '../../lib/i18n';
import { trackName } from '../../join/qa/PhoneQa';

interface QaResultsProps {
  qa: QaState;
  /** Names are left out when the session is anonymous (as in the export). */
  anonymous: boolean;
  t: Translator;
}

/**
 * The audience Q&A in the results (and on the printed page): per track, every question asked
 * that was shown to everyone (archived ones too), most upvoted first, answered ones marked.
 */
export function QaResults({ qa, anonymous, t }: QaResultsProps) {
  const shown = [...qa.questions.values()].filter((q) => q.status === 'visible' || q.status === 'archived');
  return (
    <section className="results-section qa-results" aria-labelledby="qa-results-heading" data-testid="qa-results">
      <h3 id="qa-results-heading" className="results-subheading">
        {t('qa.results.heading')}
      </h3>
      {shown.length === 0 ? (
        <p className="field-hint">{t('qa.results.none')}</p>
      ) : (
        qa.tracks.map((track) => {
          const questions = sortQuestions(
            shown.filter((q) => q.trackId === track.id),
            'popular',
          ).sort((a, b) => b.upvotes - a.upvotes);
          if (questions.length === 0) return null;
          return (
            <div key={track.id} className="qa-results-track">
              <h4 className="qa-results-track-name">
                <bdi>{trackName(track, t)}</bdi>
              </h4>
              <ol className="qa-results-list">
                {questions.map((q) => (
                  <li key={q.id} className="qa-results-item" data-testid="qa-result">
                    <span className="qa-results-votes">{t('qa.results.upvotes', { count: q.upvotes })}</span>
                    <span className="qa-results-text user-text" dir="auto">
                      {q.text}
                    </span>
                    <span className="qa-results-meta">
                      {!anonymous && !q.anonymous && q.author && <bdi>{q.author.name}</bdi>}
                      {q.answered && <span className="tag tag-answered">{t('qa.answered')}</span>}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          );
        })
      )}
    </section>
  );
}
