import './review.css';
import type { SubjectFeedback } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import { useFetched } from '../platform/useFetched';
import { formatTime } from './format';

/** On a response's page: the review decisions with the owner's feedback and the reviewers' comments (never their names). Nothing until there is a decision. */
export function ReviewFeedback({ lang, request, responseId }: { lang: LanguageState; request: PlatformRequest; responseId: string }) {
  const { t, language } = lang;
  const { data } = useFetched<SubjectFeedback>(request, `/api/responses/${responseId}/review-feedback`);
  if (!data || data.items.length === 0) return null;
  return (
    <section className="card challenge-section" data-testid="response-review-feedback">
      <h2 className="platform-subtitle">{t('review.feedback.title')}</h2>
      {data.items.map((item) => (
        <article key={`${item.roundName}-${item.decidedAt}`} className="review-feedback-item" data-testid="response-review-decision" data-decision={item.decision}>
          <p>
            <span className="review-chip" data-status={item.decision}>
              {t(`review.decision.${item.decision}`)}
            </span>{' '}
            <span className="platform-meta" dir="auto">
              {item.roundName} · {formatTime(language, item.decidedAt)}
            </span>
          </p>
          {item.feedback !== '' && (
            <p className="review-feedback-text" dir="auto" data-testid="response-review-feedback-text">
              {item.feedback}
            </p>
          )}
          {item.comments.length > 0 && (
            <>
              <p className="field-label">{t('review.feedback.comments')}</p>
              <ul className="review-comments">
                {item.comments.map((comment, index) => (
                  <li key={index} dir="auto">
                    {comment}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
