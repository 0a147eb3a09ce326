import { useId, useState, type FormEvent } from 'react';
import type { AgreementPrefill, AgreementPublic, AgreementTemplatePublic, AgreementVariables, CreateAgreementBody, Language } from '@ideasphere/shared';
import { AGREEMENT_KINDS, AGREEMENT_SIGNERS_MAX, AGREEMENT_VARIABLE_NAMES, fillAgreementTemplate, SIGNING_ORDERS, type AgreementKind, type SigningOrder } from '@ideasphere/shared/agreements/agreementModel.js';
import { LANGUAGES } from '@ideasphere/shared/languages.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useDialog } from '../ui/useDialog';
import { useFetched } from '../platform/useFetched';
import type { AgreementPageProps } from './agreementPageProps';
import { SignersEditor, type SignerDraft } from './SignersEditor';

const EMPTY_VARIABLES: AgreementVariables = { title: '', partyA: '', partyB: '', reward: '', startDate: '', endDate: '', challengeTitle: '', proposalTitle: '' };
const DATE_VARIABLES: readonly string[] = ['startDate', 'endDate'];

let signerKeys = 0;
const signerDraft = (email = ''): SignerDraft => ({ key: ++signerKeys, email });

/**
 * The draft form: a template in a language, its details, the text (with `{{variable}}`
 * placeholders, filled in the preview and in what is saved), the signers and their order.
 * Without `existing` it creates a draft; with it, it changes that draft. Send saves first,
 * after a confirmation, then sends.
 */
export function AgreementForm({
  me,
  lang,
  request,
  navigate,
  existing,
  prefill,
  onSaved,
}: AgreementPageProps & { existing?: AgreementPublic; prefill?: AgreementPrefill; onSaved?: (agreement: AgreementPublic) => void }) {
  const { t, language } = lang;
  const ids = useId();
  const dialogs = useDialog(t);
  const templates = useFetched<AgreementTemplatePublic[]>(request, '/api/agreements/templates');
  const [organisationId, setOrganisationId] = useState(existing?.organisationId ?? prefill?.organisationId ?? me.memberships[0]?.organisation.id ?? '');
  const [kind, setKind] = useState<AgreementKind>(existing?.kind ?? 'cooperation');
  const [agreementLanguage, setAgreementLanguage] = useState<Language>(existing?.language ?? language);
  const [variables, setVariables] = useState<AgreementVariables>(existing?.variables ?? prefill?.variables ?? EMPTY_VARIABLES);
  /** From a response: attach its frozen proposal as the annex (on by default when there is one). */
  const [attachProposal, setAttachProposal] = useState(prefill?.annex !== undefined && prefill.annex !== null);
  // Null: the template's text as it is (a new agreement starts from it once the templates are there).
  const [edited, setBody] = useState<string | null>(existing?.body ?? null);
  const [signingOrder, setSigningOrder] = useState<SigningOrder>(existing?.signingOrder ?? 'sequential');
  const [signers, setSigners] = useState<SignerDraft[]>(() =>
    existing ? existing.signers.map((s) => signerDraft(s.email)) : prefill ? prefill.signers.map((s) => signerDraft(s.email)) : [signerDraft()],
  );
  const [busy, setBusy] = useState<'save' | 'send' | null>(null);
  const [error, setError] = useState<RequestError | 'missing' | null>(null);
  const [saved, setSaved] = useState(false);

  const templateText = (k: AgreementKind, l: Language) => templates.data?.find((tpl) => tpl.kind === k && tpl.language === l)?.body ?? null;


  const body = edited ?? templateText(kind, agreementLanguage);

  const chooseTemplate = (nextKind: AgreementKind, nextLanguage: Language) => {
    setKind(nextKind);
    setAgreementLanguage(nextLanguage);
    setBody(templateText(nextKind, nextLanguage) ?? body);
    setSaved(false);
  };

  if (me.memberships.length === 0) {
    return <p className="platform-empty" data-testid="agreement-no-organisation">{t('agreement.form.noOrganisation')}</p>;
  }
  if (body === null) {
    return templates.error ? (
      <p className="alert alert-error" role="alert">
        {errorText(t, templates.error)}
      </p>
    ) : (
      <div className="platform-loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('common.loading')}
      </div>
    );
  }

  const filled = fillAgreementTemplate(body, variables);
  const setVariable = (name: keyof AgreementVariables, value: string) => {
    setVariables((previous) => ({ ...previous, [name]: value }));
    setSaved(false);
  };

  /** Creates or changes the draft; answers it, or null after showing why not. */
  const save = async (): Promise<AgreementPublic | null> => {
    const emails = signers.map((s) => s.email.trim()).filter((e) => e !== '');
    if (!variables.title.trim() || !variables.partyA.trim() || !variables.partyB.trim() || !filled.trim() || emails.length === 0) {
      setError('missing');
      return null;
    }
    const fields = { kind, language: agreementLanguage, variables, body: filled, signingOrder, signers: emails.map((email) => ({ email })) };
    const result = existing
      ? await request<AgreementPublic>('PUT', `/api/agreements/${existing.id}`, fields)
      : await request<AgreementPublic>('POST', '/api/agreements', {
          organisationId,
          ...fields,
          ...(prefill ? { responseId: prefill.responseId, attachProposal } : {}),
        } satisfies CreateAgreementBody);
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    return result.data;
  };

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy('save');
    setError(null);
    const draft = await save();
    setBusy(null);
    if (!draft) return;
    setSaved(true);
    if (existing) onSaved?.(draft);
    else navigate({ page: 'agreement', id: draft.id });
  };

  const onSend = async () => {
    if (busy) return;
    const go = await dialogs.confirm({
      title: t('agreement.form.sendConfirmTitle'),
      body: t('agreement.form.sendConfirmBody'),
      confirmLabel: t('agreement.form.sendConfirm'),
      testId: 'send-confirm',
    });
    if (!go) return;
    setBusy('send');
    setError(null);
    const draft = await save();
    if (!draft) return setBusy(null);
    const sent = await request<AgreementPublic>('POST', `/api/agreements/${draft.id}/send`);
    setBusy(null);
    if (!sent.ok) {
      setError(sent.error);
      // The draft exists now: go on from its own page.
      if (!existing) navigate({ page: 'agreement', id: draft.id });
      return;
    }
    if (existing) onSaved?.(sent.data);
    else navigate({ page: 'agreement', id: sent.data.id });
  };

  const fieldError = error !== null && error !== 'missing' ? error.fields : undefined;

  return (
    // The dialog stays outside the form: its own form's submit would bubble into this one.
    <>
    <form className="agreement-form" onSubmit={(e) => void onSave(e)} noValidate aria-busy={busy !== null} data-testid="agreement-form">
      <div className="card platform-card agreement-form-fields">
        {me.memberships.length > 1 && !existing && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-org`}>
              {t('agreement.form.organisation')}
            </label>
            <select id={`${ids}-org`} className="input" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} data-testid="agreement-organisation">
              {me.memberships.map(({ organisation }) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="agreement-row">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-kind`}>
              {t('agreement.form.template')}
            </label>
            <select id={`${ids}-kind`} className="input" value={kind} onChange={(e) => chooseTemplate(e.target.value as AgreementKind, agreementLanguage)} data-testid="agreement-kind">
              {AGREEMENT_KINDS.map((option) => (
                <option key={option} value={option}>
                  {t(`agreement.kind.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-language`}>
              {t('agreement.form.language')}
            </label>
            <select id={`${ids}-language`} className="input" value={agreementLanguage} onChange={(e) => chooseTemplate(kind, e.target.value as Language)} data-testid="agreement-language">
              {LANGUAGES.map((option) => (
                <option key={option} value={option}>
                  {t(`lang.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="agreement-fieldset">
          <legend className="field-label">{t('agreement.form.variables')}</legend>
          <div className="agreement-variables">
            {AGREEMENT_VARIABLE_NAMES.map((name) => (
              <div key={name} className="field">
                <label className="field-label" htmlFor={`${ids}-${name}`}>
                  {t(`agreement.form.var.${name}`)}
                </label>
                <input
                  id={`${ids}-${name}`}
                  className="input"
                  dir="auto"
                  type={DATE_VARIABLES.includes(name) ? 'date' : 'text'}
                  value={variables[name]}
                  aria-invalid={fieldError?.[`variables.${name}`] ? true : undefined}
                  onChange={(e) => setVariable(name, e.target.value)}
                  data-testid={`agreement-var-${name}`}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-body`}>
            {t('agreement.form.body')}
          </label>
          <textarea
            id={`${ids}-body`}
            className="input agreement-body-input"
            rows={12}
            dir="auto"
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              setSaved(false);
            }}
            data-testid="agreement-body"
          />
          <span className="field-hint">{t('agreement.form.bodyHint')}</span>
          {templateText(kind, agreementLanguage) !== null && templateText(kind, agreementLanguage) !== body && (
            <button type="button" className="button button-ghost button-small agreement-start" onClick={() => chooseTemplate(kind, agreementLanguage)} data-testid="agreement-reset-body">
              {t('agreement.form.resetBody')}
            </button>
          )}
        </div>
        <SignersEditor
          t={t}
          signers={signers}
          max={AGREEMENT_SIGNERS_MAX}
          invalid={(index) => Boolean(fieldError?.[`signers.${index}.email`])}
          onChange={(next) => {
            setSigners(next);
            setSaved(false);
          }}
          onAdd={() => setSigners((list) => [...list, signerDraft()])}
        />
        {!existing && prefill?.annex && (
          <label className="agreement-choice agreement-annex" data-testid="agreement-annex">
            <input type="checkbox" checked={attachProposal} onChange={(e) => setAttachProposal(e.target.checked)} data-testid="agreement-attach-proposal" />
            <span>
              {t('agreement.form.attachProposal', { title: prefill.annex.title })}
              <code className="agreement-hash">SHA-256 {prefill.annex.sha256}</code>
            </span>
          </label>
        )}
        {existing?.annex && (
          <p className="platform-meta" data-testid="agreement-annex">
            {t('agreement.form.annexAttached', { title: existing.annex.title })}
          </p>
        )}
        <fieldset className="agreement-fieldset">
          <legend className="field-label">{t('agreement.form.order')}</legend>
          {SIGNING_ORDERS.map((option) => (
            <label key={option} className="agreement-choice">
              <input type="radio" name={`${ids}-order`} checked={signingOrder === option} onChange={() => setSigningOrder(option)} data-testid={`agreement-order-${option}`} />
              {t(`agreement.form.order.${option}`)}
            </label>
          ))}
        </fieldset>
        <div aria-live="polite">
          {error !== null && (
            <p className="alert alert-error" role="alert" data-testid="agreement-form-error">
              {error === 'missing' ? t('agreement.form.missing') : errorText(t, error)}
            </p>
          )}
          {saved && error === null && (
            <p className="alert alert-success" data-testid="agreement-saved">
              {t('agreement.form.saved')}
            </p>
          )}
        </div>
        <div className="agreement-actions">
          <button type="submit" className="button button-secondary" disabled={busy !== null} data-testid="agreement-save">
            {busy === 'save' ? t('agreement.form.saving') : t('agreement.form.save')}
          </button>
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void onSend()} data-testid="agreement-send">
            {busy === 'send' ? t('agreement.form.sending') : t('agreement.form.send')}
          </button>
        </div>
      </div>
      <section className="card platform-card agreement-preview" aria-labelledby={`${ids}-preview`}>
        <h2 id={`${ids}-preview`} className="platform-subtitle">
          {t('agreement.form.preview')}
        </h2>
        <p className="agreement-preview-title" dir="auto">
          {variables.title.trim() || '____'}
        </p>
        <div className="agreement-text" dir="auto" lang={agreementLanguage === 'zh' ? 'zh-CN' : 'en'} data-testid="agreement-preview">
          {filled}
        </div>
      </section>
    </form>
    {dialogs.dialog}
    </>
  );
}
