import { type ReactNode, useState } from 'react';
import type { ChallengePublic, ChallengeQuestions, Me, ChallengeQuestionPublic } from '@ideasphere/shared';
import { errorText, type LanguageState } from '../lib/i18n';
import { formatDateTime } from '../platform/format';
import type { PlatformRequest } from '../platform/platformApi';
import { useFetched } from '../platform/useFetched';
import { AnswerForm, AskForm } from './QuestionForms';

interface QuestionsSectionProps {
  lang: LanguageState;
  request: PlatformRequest;
  me: Me | null;
  challenge: ChallengePublic;
}

/**
 * The challenge's Q&A. The owner organisation sees every question, unanswered first, and
 * answers each publicly or privately; everyone else sees the publicly answered ones, their own
 * (pending or privately answered) apart, and, when they may, the ask form.
 */
export function QuestionsSection({ lang, request, me, challenge }: QuestionsSectionProps) {
  const { t } = lang;
  const { data, error, reload } = useFetched<ChallengeQuestions>(request, `/api/challenges/${challenge.id}/questions`);
  const [saved, setSaved] = useState<string | null>(null);

  const body = () => {
    if (data === null) {
      return error ? (
        <div className="alert alert-error" role="alert" data-testid="qa-error">
          {t('challenge.qa.loadFailed')} {errorText(t, error)}{' '}
          <button type="button" className="button button-ghost" onClick={reload}>
            {t('challenge.qa.retry')}
          </button>
        </div>
      ) : (
        <p className="platform-meta" aria-busy="true">
          {t('platform.form.working')}
        </p>
      );
    }
    const onSaved = (question: ChallengeQuestionPublic) => {
      setSaved(question.id);
      reload();
    };
    if (data.canAnswer) return <OwnerView lang={lang} request={request} challengeId={challenge.id} questions={data.questions} saved={saved} onSaved={onSaved} />;
    const answered = data.questions.filter((q) => q.answer?.visibility === 'public');
    const mine = data.questions.filter((q) => q.mine && q.answer?.visibility !== 'public');
    return (
      <>
        <p className="platform-meta">{t('challenge.qa.lead')}</p>
        {mine.length > 0 && (
          <div className="qa-group">
            <h3 className="qa-heading">{t('challenge.qa.mine')}</h3>
            <ol className="qa-list" data-testid="qa-mine-list">
              {mine.map((q) => (
                <QuestionItem key={q.id} lang={lang} question={q} owner={false} />
              ))}
            </ol>
          </div>
        )}
        <div className="qa-group">
          <h3 className="qa-heading">{t('challenge.qa.public')}</h3>
          {answered.length === 0 ? (
            <p className="qa-empty" data-testid="qa-public-empty">
              {t('challenge.qa.publicEmpty')}
            </p>
          ) : (
            <ol className="qa-list" data-testid="qa-public-list">
              {answered.map((q) => (
                <QuestionItem key={q.id} lang={lang} question={q} owner={false} />
              ))}
            </ol>
          )}
        </div>
        {data.canAsk ? (
          <AskForm lang={lang} request={request} challengeId={challenge.id} onSaved={onSaved} />
        ) : (
          <p className="qa-note" data-testid="qa-cannot-ask">
            {/* Signed in and still unable to ask: the challenge is no longer open (or its deadline passed). */}
            {me === null && challenge.status === 'open' ? t('challenge.qa.signIn') : t('challenge.qa.closed')}
          </p>
        )}
      </>
    );
  };

  return (
    <section className="card challenge-section qa-section" data-testid="qa-section" aria-labelledby="qa-title">
      <h2 className="platform-subtitle" id="qa-title">
        {t('challenge.qa.title')}
      </h2>
      {body()}
    </section>
  );
}

interface OwnerViewProps {
  lang: LanguageState;
  request: PlatformRequest;
  challengeId: string;
  questions: ChallengeQuestionPublic[];
  /** The question whose answer was just saved, to say so beside it. */
  saved: string | null;
  onSaved: (question: ChallengeQuestionPublic) => void;
}

/** Unanswered questions first, each with its answer form; then the answered ones, each editable. */
function OwnerView({ lang, request, challengeId, questions, saved, onSaved }: OwnerViewProps) {
  const { t } = lang;
  const [editing, setEditing] = useState<string | null>(null);
  const waiting = questions.filter((q) => q.answer === null);
  const answered = questions.filter((q) => q.answer !== null);
  const save = (question: ChallengeQuestionPublic) => {
    setEditing(null);
    onSaved(question);
  };
  return (
    <>
      <p className="platform-meta">{t('challenge.qa.ownerLead')}</p>
      <div className="qa-group">
        <h3 className="qa-heading">{t('challenge.qa.unanswered', { count: waiting.length })}</h3>
        {waiting.length === 0 ? (
          <p className="qa-empty" data-testid="qa-unanswered-empty">
            {t('challenge.qa.unansweredEmpty')}
          </p>
        ) : (
          <ol className="qa-list" data-testid="qa-unanswered-list">
            {waiting.map((q) => (
              <QuestionItem key={q.id} lang={lang} question={q} owner>
                <AnswerForm lang={lang} request={request} challengeId={challengeId} question={q} onSaved={save} />
              </QuestionItem>
            ))}
          </ol>
        )}
      </div>
      {answered.length > 0 && (
        <div className="qa-group">
          <h3 className="qa-heading">{t('challenge.qa.answered', { count: answered.length })}</h3>
          <ol className="qa-list" data-testid="qa-answered-list">
            {answered.map((q) => (
              <QuestionItem key={q.id} lang={lang} question={q} owner>
                {saved === q.id && (
                  <p className="alert alert-success" role="status" data-testid="qa-answer-saved">
                    {t('challenge.qa.answerSaved')}
                  </p>
                )}
                {editing === q.id ? (
                  <AnswerForm lang={lang} request={request} challengeId={challengeId} question={q} onSaved={save} onCancel={() => setEditing(null)} />
                ) : (
                  <button type="button" className="button button-ghost qa-edit" onClick={() => setEditing(q.id)} data-testid="qa-edit-answer">
                    {t('challenge.qa.editAnswer')}
                  </button>
                )}
              </QuestionItem>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}

/** One question and its answer, if any: who asked (as far as the viewer may know) and when. */
function QuestionItem({ lang, question, owner, children }: { lang: LanguageState; question: ChallengeQuestionPublic; owner: boolean; children?: ReactNode }) {
  const { t, language } = lang;
  const when = (iso: string) => formatDateTime(language, iso);
  const asker = question.mine ? t('challenge.qa.you') : owner && question.askerName !== null ? question.askerName : t('challenge.qa.participant');
  const { answer } = question;
  const state = answer === null ? 'pending' : answer.visibility;
  return (
    <li className="qa-item" data-testid="qa-question" data-state={state}>
      <p className="qa-meta">
        <span dir="auto">{asker}</span> · <time dateTime={question.askedAt}>{when(question.askedAt)}</time>
      </p>
      <p className="qa-text" dir="auto" data-testid="qa-question-text">
        {question.text}
      </p>
      {answer === null ? (
        <p className="qa-badge" data-state="pending">
          {t('challenge.qa.pending')}
        </p>
      ) : (
        <div className="qa-answer" data-testid="qa-answer">
          <p className="qa-badge" data-state={answer.visibility}>
            {answer.visibility === 'private' ? t('challenge.qa.answeredPrivately') : t('challenge.qa.answeredPublicly')}
            {' · '}
            <time dateTime={answer.answeredAt}>{when(answer.answeredAt)}</time>
            {answer.editedAt !== null && ` · ${t('challenge.qa.edited', { time: when(answer.editedAt) })}`}
          </p>
          <p className="qa-text" dir="auto" data-testid="qa-answer-text">
            {answer.text}
          </p>
        </div>
      )}
      {children}
    </li>
  );
}
