import { useState } from 'react';
import type { AgreementVerification } from '@ideasphere/shared';
import { AGREEMENT_VERIFY_MAX_BYTES } from '@ideasphere/shared/agreements/agreementModel.js';
import type { LanguageState } from '../lib/i18n';
import { formatDateTime } from './format';

type State = { kind: 'idle' } | { kind: 'checking' } | { kind: 'answered'; answer: AgreementVerification } | { kind: 'failed'; message: string };

/**
 * The public verification page (no account): the visitor picks a PDF, the server says whether
 * it is a completed agreement of this platform, unchanged (and who signed when), modified, or
 * unknown. The file is checked against the size limit here first, as the server does.
 */
export function VerifyPage({ lang }: { lang: LanguageState }) {
  const { t, language } = lang;
  const [state, setState] = useState<State>({ kind: 'idle' });

  const check = async (file: File) => {
    if (file.size > AGREEMENT_VERIFY_MAX_BYTES) {
      setState({ kind: 'failed', message: t('platform.verify.tooLarge', { mb: AGREEMENT_VERIFY_MAX_BYTES / 1024 / 1024 }) });
      return;
    }
    setState({ kind: 'checking' });
    try {
      const res = await fetch('/api/agreements/verify', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file });
      if (!res.ok) {
        setState({ kind: 'failed', message: t(res.status === 429 ? 'platform.verify.rateLimited' : 'platform.verify.failed') });
        return;
      }
      setState({ kind: 'answered', answer: (await res.json()) as AgreementVerification });
    } catch {
      setState({ kind: 'failed', message: t('platform.verify.failed') });
    }
  };

  return (
    <section className="platform-page" data-testid="platform-verify">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.verify.title')}</h1>
        <p className="platform-lead">{t('platform.verify.lead')}</p>
      </header>
      <div className="card platform-card">
        <label className="field">
          <span className="field-label">{t('platform.verify.choose')}</span>
          <input
            type="file"
            accept="application/pdf,.pdf"
            data-testid="verify-file"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void check(file);
            }}
          />
        </label>
        <div aria-live="polite">
          {state.kind === 'checking' && (
            <div className="platform-loading" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('platform.verify.checking')}
            </div>
          )}
          {state.kind === 'failed' && (
            <p className="alert alert-error" role="alert">
              {state.message}
            </p>
          )}
          {state.kind === 'answered' && <Answer answer={state.answer} lang={lang} language={language} />}
        </div>
      </div>
    </section>
  );
}

function Answer({ answer, lang, language }: { answer: AgreementVerification; lang: LanguageState; language: LanguageState['language'] }) {
  const { t } = lang;
  switch (answer.result) {
    case 'valid':
      return (
        <div className="alert alert-success verify-answer" data-testid="verify-valid">
          <p>
            <strong>{t('platform.verify.valid')}</strong>
          </p>
          <p dir="auto">
            {answer.title} · {t('platform.verify.completedAt', { at: formatDateTime(language, answer.completedAt) })}
          </p>
          <ul>
            {answer.signers.map((signer) => (
              <li key={`${signer.name}-${signer.signedAt}`} dir="auto">{t('platform.verify.signedBy', { name: signer.name, at: formatDateTime(language, signer.signedAt) })}</li>
            ))}
          </ul>
          <p className="platform-hash">SHA-256 {answer.sha256}</p>
        </div>
      );
    case 'modified':
      return (
        <div className="alert alert-error verify-answer" role="alert" data-testid="verify-modified">
          <p>
            <strong>{t('platform.verify.modified')}</strong>
          </p>
          <p className="platform-hash">SHA-256 {answer.sha256}</p>
        </div>
      );
    case 'unknown':
      return (
        <div className="alert alert-warning verify-answer" data-testid="verify-unknown">
          <p>
            <strong>{t('platform.verify.unknown')}</strong>
          </p>
          <p className="platform-hash">SHA-256 {answer.sha256}</p>
        </div>
      );
  }
}
