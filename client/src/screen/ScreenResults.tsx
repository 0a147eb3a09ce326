import type { BoardResults } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { NameList } from '../ui/NameList';
import { WordCloud } from '../ui/WordCloud';

/** Bright tones that stand out on the dark screen. */
const SCREEN_CLOUD_PALETTE = ['#c4b5fd', '#fda4af', '#fcd34d', '#86efac', '#7dd3fc', '#f0abfc', '#fdba74', '#a5b4fc'] as const;
const TOP_IDEAS = 10;
const CLOUD_WORDS = 50;

/** A few words may be large; many must be smaller to fit the panel. */
function cloudScale(words: number): number {
  const shown = Math.min(words, CLOUD_WORDS);
  return shown <= 12 ? 2.1 : shown <= 30 ? 1.8 : 1.5;
}

interface ScreenResultsProps {
  results: BoardResults | null;
  showAuthors: boolean;
  t: Translator;
}

/** Results phase: the top ten with bars, and the word cloud of every idea. */
export function ScreenResults({ results, showAuthors, t }: ScreenResultsProps) {
  if (results === null) {
    return (
      <div className="screen-results-loading" role="status">
        <span className="spinner" aria-hidden="true" />
      </div>
    );
  }
  const top = results.ranking.slice(0, TOP_IDEAS);
  const most = top[0]?.votes ?? 0;
  return (
    <div className="screen-results">
      <section className="screen-top" aria-labelledby="screen-top-heading">
        <h2 id="screen-top-heading" className="screen-section-title">
          {t('screen.topIdeas')}
        </h2>
        <ol className="screen-top-list" data-testid="screen-top-ideas">
          {top.map((idea, index) => (
            <li key={idea.id} className="screen-top-item" data-idea-id={idea.id}>
              <span className="screen-top-rank">{index + 1}</span>
              <div className="screen-top-body">
                <p className="screen-top-line">
                  <span className="screen-top-title" dir="auto">
                    {idea.title}
                  </span>
                  {showAuthors && idea.authors !== null && idea.authors.length > 0 && (
                    <span className="screen-top-authors">
                      <NameList names={idea.authors.map((a) => a.name)} />
                    </span>
                  )}
                </p>
                <span className="screen-vote-bar" aria-hidden="true">
                  <span style={{ width: `${most > 0 ? ((idea.votes ?? 0) / most) * 100 : 0}%` }} />
                </span>
              </div>
              <span className="screen-top-votes">{idea.votes ?? 0}</span>
            </li>
          ))}
        </ol>
      </section>
      <section className="screen-cloud" aria-labelledby="screen-cloud-heading">
        <h2 id="screen-cloud-heading" className="screen-section-title">
          {t('results.wordCloud')}
        </h2>
        <WordCloud
          words={results.wordCloud}
          style={{ fontSize: `${cloudScale(results.wordCloud.length)}em` }}
          limit={CLOUD_WORDS}
          className="screen-word-cloud"
          testId="screen-word-cloud"
          label={t('results.wordCloud')}
          palette={SCREEN_CLOUD_PALETTE}
        />
      </section>
    </div>
  );
}
