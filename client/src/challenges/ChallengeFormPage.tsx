import './challenges.css';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ChallengePublic, ChallengeVisibility, CreateChallengeBody, FieldPublic, OrganisationRef } from '@ideasphere/shared';
import { CHALLENGE_VISIBILITIES } from '@ideasphere/shared/challenges/challengeModel.js';
import { CHALLENGE_FIELDS_MAX, CRITERIA_WEIGHT_TOTAL } from '@ideasphere/shared/limits.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';
import { fieldName } from './fieldName';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
/** Every zone the browser knows, or a few common ones where it cannot list them. */
const ZONES: string[] = (() => {
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'UTC'];
  return listed.includes(BROWSER_ZONE) ? listed : [BROWSER_ZONE, ...listed];
})();

interface CriterionDraft {
  key: number;
  name: string;
  weight: string;
}

/** A new challenge, saved as a draft of one of the poster's organisations. */
export function ChallengeFormPage({ me, lang, request, navigate }: ChallengePageProps) {
  const { t, language } = lang;
  const ids = useId();
  const memberships = useMemo(() => me?.memberships ?? [], [me]);
  const fields = (useFetched<FieldPublic[]>(request, '/api/fields').data ?? []).filter((f) => !f.archived);
  const organisations = useFetched<OrganisationRef[]>(request, memberships.length > 0 ? '/api/challenge-organisations' : null).data ?? [];
  const [organisationId, setOrganisationId] = useState(memberships[0]?.organisation.id ?? '');
  const [texts, setTexts] = useState({ title: '', problem: '', background: '', desiredOutcomes: '', constraints: '', reward: '', ipTerms: '' });
  const [fieldIds, setFieldIds] = useState<string[]>([]);
  const [local, setLocal] = useState('');
  const [timeZone, setTimeZone] = useState(BROWSER_ZONE);
  const [visibility, setVisibility] = useState<ChallengeVisibility>('public');
  const [invited, setInvited] = useState<string[]>([]);
  const [criteria, setCriteria] = useState<CriterionDraft[]>([{ key: 0, name: '', weight: String(CRITERIA_WEIGHT_TOTAL) }]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | 'missing' | 'weights' | null>(null);
  const total = criteria.reduce((sum, c) => sum + (Number.parseInt(c.weight, 10) || 0), 0);

  if (memberships.length === 0) {
    return (
      <section className="platform-page">
        <p className="platform-empty">{t('challenge.form.noOrganisation')}</p>
      </section>
    );
  }

  const setText = (key: keyof typeof texts) => (value: string) => setTexts((previous) => ({ ...previous, [key]: value }));
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!texts.title.trim() || !texts.problem.trim() || fieldIds.length === 0 || !local || criteria.some((c) => !c.name.trim())) return setError('missing');
    if (total !== CRITERIA_WEIGHT_TOTAL) return setError('weights');
    setBusy(true);
    setError(null);
    const body: CreateChallengeBody = {
      organisationId,
      ...texts,
      fieldIds,
      deadline: { local, timeZone },
      visibility,
      invitedOrganisationIds: visibility === 'invited' ? invited : [],
      criteria: criteria.map((c) => ({ name: c.name, weight: Number.parseInt(c.weight, 10) || 0 })),
    };
    const result = await request<ChallengePublic>('POST', '/api/challenges', body);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    navigate({ page: 'challenge', id: result.data.id, screen: false });
  };

  const textArea = (key: keyof typeof texts, label: string, rows: number, hint = false) => (
    <div className="field">
      <label className="field-label" htmlFor={`${ids}-${key}`}>
        {label}
      </label>
      <textarea id={`${ids}-${key}`} className="input" rows={rows} dir="auto" value={texts[key]} onChange={(e) => setText(key)(e.target.value)} data-testid={`challenge-${key}`} />
      {hint && <span className="field-hint">{t('challenge.form.markdownHint')}</span>}
    </div>
  );

  return (
    <section className="platform-page" data-testid="challenge-form-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('challenge.form.title')}</h1>
        <p className="platform-lead">{t('challenge.form.lead')}</p>
      </header>
      <form className="card platform-form challenge-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        {memberships.length > 1 && (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-org`}>
              {t('challenge.form.organisation')}
            </label>
            <select id={`${ids}-org`} className="input" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
              {memberships.map(({ organisation }) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-title`}>
            {t('challenge.form.challengeTitle')}
          </label>
          <input id={`${ids}-title`} className="input" dir="auto" value={texts.title} onChange={(e) => setText('title')(e.target.value)} data-testid="challenge-title-input" />
        </div>
        {textArea('problem', t('challenge.form.problem'), 8, true)}
        {textArea('background', t('challenge.form.background'), 3)}
        {textArea('desiredOutcomes', t('challenge.form.desiredOutcomes'), 3)}
        {textArea('constraints', t('challenge.form.constraints'), 3)}
        {textArea('reward', t('challenge.form.reward'), 2)}
        {textArea('ipTerms', t('challenge.form.ipTerms'), 2)}
        <fieldset className="challenge-fieldset">
          <legend className="field-label">{t('challenge.form.fields', { max: CHALLENGE_FIELDS_MAX })}</legend>
          <div className="challenge-checks">
            {fields.map((field) => (
              <label key={field.id} className="challenge-check">
                <input
                  type="checkbox"
                  checked={fieldIds.includes(field.id)}
                  disabled={!fieldIds.includes(field.id) && fieldIds.length >= CHALLENGE_FIELDS_MAX}
                  onChange={() => setFieldIds((list) => toggle(list, field.id))}
                  data-testid="challenge-field-option"
                  data-name={field.nameEn}
                />
                {fieldName(language, field)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="challenge-row">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-deadline`}>
              {t('challenge.form.deadline')}
            </label>
            <input id={`${ids}-deadline`} className="input" type="datetime-local" value={local} onChange={(e) => setLocal(e.target.value)} data-testid="challenge-deadline-input" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-zone`}>
              {t('challenge.form.timeZone')}
            </label>
            <select id={`${ids}-zone`} className="input" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} data-testid="challenge-zone">
              {ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="challenge-fieldset">
          <legend className="field-label">{t('challenge.form.visibility')}</legend>
          <div className="challenge-checks">
            {CHALLENGE_VISIBILITIES.map((option) => (
              <label key={option} className="challenge-check">
                <input type="radio" name={`${ids}-visibility`} checked={visibility === option} onChange={() => setVisibility(option)} data-testid={`challenge-visibility-${option}`} />
                {t(`challenge.visibility.${option}`)}
              </label>
            ))}
          </div>
          {visibility === 'invited' && (
            <div className="challenge-checks" aria-label={t('challenge.form.invited')}>
              {organisations
                .filter((o) => o.id !== organisationId)
                .map((org) => (
                  <label key={org.id} className="challenge-check">
                    <input type="checkbox" checked={invited.includes(org.id)} onChange={() => setInvited((list) => toggle(list, org.id))} />
                    <span dir="auto">{org.name}</span>
                  </label>
                ))}
            </div>
          )}
        </fieldset>
        <fieldset className="challenge-fieldset">
          <legend className="field-label">{t('challenge.form.criteria')}</legend>
          {criteria.map((criterion) => (
            <div key={criterion.key} className="challenge-criterion">
              <input
                className="input"
                dir="auto"
                aria-label={t('challenge.form.criterionName')}
                placeholder={t('challenge.form.criterionName')}
                value={criterion.name}
                onChange={(e) => setCriteria((list) => list.map((c) => (c.key === criterion.key ? { ...c, name: e.target.value } : c)))}
                data-testid="criterion-name"
              />
              <input
                className="input challenge-weight-input"
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                aria-label={t('challenge.form.weight')}
                value={criterion.weight}
                onChange={(e) => setCriteria((list) => list.map((c) => (c.key === criterion.key ? { ...c, weight: e.target.value } : c)))}
                data-testid="criterion-weight"
              />
              {criteria.length > 1 && (
                <button type="button" className="button button-ghost button-small" onClick={() => setCriteria((list) => list.filter((c) => c.key !== criterion.key))}>
                  {t('challenge.form.removeCriterion')}
                </button>
              )}
            </div>
          ))}
          <div className="challenge-row">
            <button type="button" className="button button-secondary button-small" onClick={() => setCriteria((list) => [...list, { key: Math.max(...list.map((c) => c.key)) + 1, name: '', weight: '0' }])} data-testid="criterion-add">
              {t('challenge.form.addCriterion')}
            </button>
            <span className={total === CRITERIA_WEIGHT_TOTAL ? 'platform-meta' : 'challenge-total-wrong'} data-testid="criteria-total">
              {t('challenge.form.total', { total })}
            </span>
          </div>
        </fieldset>
        {error && (
          <p className="alert alert-error" role="alert" data-testid="challenge-form-error">
            {error === 'missing' ? t('challenge.form.missing') : error === 'weights' ? t('challenge.form.totalWrong', { total }) : errorText(t, error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="challenge-submit">
          {busy ? t('platform.form.working') : t('challenge.form.submit')}
        </button>
      </form>
    </section>
  );
}
