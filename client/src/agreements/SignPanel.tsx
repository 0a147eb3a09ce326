import { useId, useRef, useState, type FormEvent } from 'react';
import type { AgreementPublic, SignAgreementBody } from '@ideasphere/shared';
import { AGREEMENT_REASON_MAX_CHARS, SIGNATURE_TYPED_MAX_CHARS, type SignatureKind } from '@ideasphere/shared/agreements/agreementModel.js';
import type { RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import { useDialog } from '../ui/useDialog';
import { SignatureCanvas } from './SignatureCanvas';

interface SignPanelProps {
  agreement: AgreementPublic;
  lang: LanguageState;
  request: PlatformRequest;
  /** The agreement after a signature or a decline. */
  onChanged: () => void;
}

type Problem = RequestError | 'consent' | 'name' | 'drawing' | 'reason';

/**
 * For the signer whose turn it is: consent, then a typed name (the keyboard way) or a drawn
 * signature, bound to the SHA-256 of the document on this page; or a decline with a reason.
 */
export function SignPanel({ agreement, lang, request, onChanged }: SignPanelProps) {
  const { t } = lang;
  const ids = useId();
  const dialogs = useDialog(t);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [consent, setConsent] = useState(false);
  const [method, setMethod] = useState<SignatureKind>('typed');
  const [name, setName] = useState('');
  const [hasInk, setHasInk] = useState(false);
  const [busy, setBusy] = useState<'sign' | 'decline' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const sign = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || agreement.documentSha256 === null) return;
    if (!consent) return setProblem('consent');
    let signature: SignAgreementBody['signature'];
    if (method === 'typed') {
      if (!name.trim()) return setProblem('name');
      signature = { kind: 'typed', name: name.trim() };
    } else {
      const png = canvasRef.current?.toDataURL('image/png').split(',')[1];
      if (!hasInk || !png) return setProblem('drawing');
      signature = { kind: 'drawn', png };
    }
    setBusy('sign');
    setProblem(null);
    const body: SignAgreementBody = { consent: true, documentSha256: agreement.documentSha256, signature };
    const result = await request<AgreementPublic>('POST', `/api/agreements/${agreement.id}/sign`, body);
    setBusy(null);
    if (!result.ok) return setProblem(result.error);
    onChanged();
  };

  const decline = async () => {
    if (busy) return;
    const reason = await dialogs.prompt({
      title: t('agreement.sign.declineTitle'),
      body: t('agreement.sign.declineBody'),
      label: t('agreement.sign.declineReason'),
      confirmLabel: t('agreement.sign.declineConfirm'),
      tone: 'danger',
      testId: 'decline-dialog',
    });
    if (reason === null) return;
    if (!reason.trim()) return setProblem('reason');
    setBusy('decline');
    setProblem(null);
    const result = await request<AgreementPublic>('POST', `/api/agreements/${agreement.id}/decline`, { reason: reason.trim().slice(0, AGREEMENT_REASON_MAX_CHARS) });
    setBusy(null);
    if (!result.ok) return setProblem(result.error);
    onChanged();
  };

  const problemText = (value: Problem) => {
    switch (value) {
      case 'consent':
        return t('agreement.sign.needConsent');
      case 'name':
        return t('agreement.sign.needName');
      case 'drawing':
        return t('agreement.sign.needDrawing');
      case 'reason':
        return t('agreement.sign.reasonMissing');
      default:
        return errorText(t, value);
    }
  };

  return (
    <section className="card platform-card agreement-sign" aria-labelledby={`${ids}-title`} data-testid="sign-panel">
      <h2 id={`${ids}-title`} className="platform-subtitle">
        {t('agreement.sign.title')}
      </h2>
      <form className="agreement-sign-form" onSubmit={(e) => void sign(e)} noValidate aria-busy={busy !== null}>
        <label className="agreement-consent">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="sign-consent" />
          <span>{t('agreement.sign.consent')}</span>
        </label>
        <fieldset className="agreement-fieldset">
          <legend className="field-label">{t('agreement.sign.method')}</legend>
          <div className="agreement-methods">
            {(['typed', 'drawn'] as const).map((option) => (
              <label key={option} className="agreement-method">
                <input type="radio" name={`${ids}-method`} checked={method === option} onChange={() => setMethod(option)} data-testid={`sign-method-${option}`} />
                {t(option === 'typed' ? 'agreement.sign.typed' : 'agreement.sign.drawn')}
              </label>
            ))}
          </div>
        </fieldset>
        {method === 'typed' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-name`}>
              {t('agreement.sign.name')}
            </label>
            <input
              id={`${ids}-name`}
              className="input"
              dir="auto"
              autoComplete="name"
              maxLength={SIGNATURE_TYPED_MAX_CHARS}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="sign-name"
            />
            {name.trim() !== '' && (
              <p className="signature-typed" dir="auto" aria-hidden="true" data-testid="sign-name-preview">
                {name}
              </p>
            )}
          </div>
        ) : (
          <div className="field">
            <span className="field-hint">{t('agreement.sign.draw')}</span>
            <SignatureCanvas t={t} canvasRef={canvasRef} onInk={setHasInk} disabled={busy !== null} />
          </div>
        )}
        <p className="platform-meta platform-hash">{t('agreement.sign.binds', { sha: agreement.documentSha256 ?? '' })}</p>
        <div aria-live="polite">
          {problem !== null && (
            <p className="alert alert-error" role="alert" data-testid="sign-error">
              {problemText(problem)}
            </p>
          )}
        </div>
        <div className="agreement-actions">
          <button type="submit" className="button button-primary" disabled={busy !== null} data-testid="sign-submit">
            {busy === 'sign' ? t('agreement.sign.signing') : t('agreement.sign.submit')}
          </button>
          <button type="button" className="button button-ghost" disabled={busy !== null} onClick={() => void decline()} data-testid="sign-decline">
            {t('agreement.sign.decline')}
          </button>
        </div>
      </form>
      {dialogs.dialog}
    </section>
  );
}
