import type { Language, PollPublic, PollResults } from '@ideasphere/shared';
import { formatCount, type Translator } from '../../lib/i18n';
import { FlagIcon } from '../icons';
import { LIGHT_CLOUD_PALETTE, WordCloud } from '../WordCloud';
import './pollResults.css';

/** Bright tones that read on the dark big screen (as the board's results). */
const SCREEN_CLOUD_PALETTE = ['#c4b5fd', '#fda4af', '#fcd34d', '#86efac', '#7dd3fc', '#f0abfc', '#fdba74', '#a5b4fc'] as const;

interface PollResultViewProps {
  poll: PollPublic;
  results: PollResults | undefined;
  language: Language;
  t: Translator;
  /** `screen`: large type for a projector; `compact`: a phone or the console. */
  size: 'screen' | 'compact';
}

/**
 * A poll's results, readable from the back of a hall: bars for choice, quiz and rating (the
 * bars grow with a CSS transition as counts arrive), an ordered list for a ranking, a word cloud
 * for open text, and the leaderboard under a quiz.
 */
export function PollResultView({ poll, results, language, t, size }: PollResultViewProps) {
  if (!results || results.answered === 0) {
    return (
      <p className="poll-results-empty" data-testid="poll-results-empty">
        {t('poll.noAnswers')}
      </p>
    );
  }
  return (
    <div className={`poll-results poll-results-${size}`} data-testid="poll-results" data-answered={results.answered}>
      {(poll.kind === 'choice' || poll.kind === 'quiz') && (
        <Bars
          rows={poll.options.map((o) => ({ key: o.id, label: o.text, value: results.counts[o.id] ?? 0, correct: poll.correctOptionId === o.id }))}
          language={language}
          t={t}
        />
      )}
      {poll.kind === 'rating' && (
        <>
          <p className="poll-average" data-testid="poll-average">
            {t('poll.average', { value: results.average === null ? '–' : results.average.toLocaleString(language === 'zh' ? 'zh-CN' : 'en') })}
          </p>
          <Bars rows={results.ratings.map((value, i) => ({ key: String(i + 1), label: `${i + 1}★`, value, correct: false }))} language={language} t={t} />
        </>
      )}
      {poll.kind === 'ranking' && (
        <ol className="poll-ranking" data-testid="poll-ranking">
          {results.ranking.map(({ optionId, score }, place) => (
            <li key={optionId} className="poll-ranking-row" style={{ order: place }}>
              <span className="poll-ranking-place">{place + 1}</span>
              <span className="poll-ranking-label user-text" dir="auto">
                {poll.options.find((o) => o.id === optionId)?.text ?? optionId}
              </span>
              <span className="poll-ranking-score">{formatCount(language, score)}</span>
            </li>
          ))}
        </ol>
      )}
      {poll.kind === 'words' && (
        <WordCloud words={results.words} label={poll.question} testId="poll-cloud" className="poll-cloud" palette={size === 'compact' ? LIGHT_CLOUD_PALETTE : SCREEN_CLOUD_PALETTE} />
      )}
      {poll.kind === 'quiz' && results.leaderboard.length > 0 && (
        <section className="poll-leaderboard" data-testid="poll-leaderboard" aria-label={t('poll.leaderboard')}>
          <h3 className="poll-leaderboard-heading">
            <FlagIcon size={size === 'screen' ? 32 : 18} />
            {t('poll.leaderboard')}
          </h3>
          <ol>
            {results.leaderboard.map((entry, place) => (
              <li key={entry.participantId} className="poll-leader" data-place={place + 1}>
                <span className="poll-leader-place">{place + 1}</span>
                <span className="poll-leader-name user-text" dir="auto">
                  {entry.name ?? t('poll.anonymousPlayer')}
                </span>
                <span className="poll-leader-points">{t('poll.points', { count: formatCount(language, entry.points) })}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

interface BarRow {
  key: string;
  label: string;
  value: number;
  correct: boolean;
}

function Bars({ rows, language, t }: { rows: BarRow[]; language: Language; t: Translator }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  return (
    <ul className="poll-bars">
      {rows.map((row) => (
        <li key={row.key} className="poll-bar" data-correct={row.correct || undefined} data-testid="poll-bar">
          <span className="poll-bar-label user-text" dir="auto">
            {row.label}
            {row.correct && <span className="poll-bar-correct">{t('poll.correct')}</span>}
          </span>
          <span className="poll-bar-track" aria-hidden="true">
            <span className="poll-bar-fill" style={{ transform: `scaleX(${row.value / max})` }} />
          </span>
          <span className="poll-bar-value" data-testid="poll-bar-value">
            {formatCount(language, row.value)}
            <small>{total > 0 ? ` · ${Math.round((row.value / total) * 100)}%` : ''}</small>
          </span>
        </li>
      ))}
    </ul>
  );
}
