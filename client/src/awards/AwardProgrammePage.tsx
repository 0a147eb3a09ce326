import './awards.css';
import { useId, useState, type FormEvent } from 'react';
import type { AwardProgrammeView, CreateNominationBody, LiveSessionSummary, NominationPublic, NomineeCandidate, NomineeKind } from '@ideasphere/shared';
import { NOMINEE_KINDS } from '@ideasphere/shared/awards/awardModel.js';
import { errorText } from '../lib/i18n';
import type { PlatformPageProps } from '../platform/HomePage';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { CategorySection } from './CategorySection';
import { categoryName } from './categoryName';
import { NomineePicker } from './NomineePicker';
import { useAwardAction } from './useAwardAction';

/**
 * `/platform/awards/:id`: a programme's categories with their nominations and citations; for its
 * owners also decisions, weights, the jury's and the audience's state, the combined ranking and
 * the winners. Desktop first; on a phone every part stacks.
 */
export function AwardProgrammePage({ lang, request, navigate, id }: PlatformPageProps & { id: string }) {
  const { t } = lang;
  const view = useFetched<AwardProgrammeView>(request, `/api/awards/${id}`);
  const owner = view.data?.programme.canManage ?? false;
  const liveSessions = useFetched<LiveSessionSummary[]>(request, owner ? '/api/account/live-sessions' : null);
  const action = useAwardAction(view.reload);

  if (view.data === null) return <Loading t={t} error={view.error} />;
  const { programme, nominations, rankings } = view.data;
  return (
    <section className="platform-page award-page" data-testid="award-page">
      <header className="platform-page-header">
        <h1 className="platform-title" dir="auto">
          {programme.name} <span className="award-year">{programme.year}</span>
        </h1>
        <p className="platform-lead" dir="auto">
          {programme.organisationName} · {t(owner ? 'award.page.owner' : 'award.page.member')}
        </p>
      </header>
      {action.error && (
        <p className="alert alert-error" role="alert" data-testid="award-error">
          {errorText(t, action.error)}
        </p>
      )}
      <div className="award-layout">
        <div className="award-main">
          {programme.categories.map((category) => (
            <CategorySection
              key={category.id}
              lang={lang}
              request={request}
              navigate={navigate}
              programme={programme}
              category={category}
              nominations={nominations.filter((n) => n.categoryId === category.id)}
              ranking={rankings?.find((r) => r.categoryId === category.id) ?? null}
              liveSessions={liveSessions.data ?? []}
              action={action}
            />
          ))}
        </div>
        <aside className="award-side">
          <NominateForm lang={lang} request={request} programme={programme} onNominated={view.reload} />
          {owner && <WeightsForm lang={lang} request={request} programmeId={programme.id} juryWeight={programme.juryWeight} action={action} />}
          {owner && <AddCategoryForm lang={lang} request={request} programmeId={programme.id} action={action} />}
        </aside>
      </div>
    </section>
  );
}

type Common = Pick<PlatformPageProps, 'lang' | 'request'>;

function NominateForm({ lang, request, programme, onNominated }: Common & { programme: AwardProgrammeView['programme']; onNominated: () => void }) {
  const { t } = lang;
  const ids = useId();
  const [categoryId, setCategoryId] = useState(programme.categories[0]?.id ?? '');
  const [kind, setKind] = useState<NomineeKind>('person');
  const [email, setEmail] = useState('');
  const [picked, setPicked] = useState<NomineeCandidate | null>(null);
  const [citation, setCitation] = useState('');
  const [unpicked, setUnpicked] = useState(false);
  const action = useAwardAction(onNominated);

  const chooseKind = (next: NomineeKind) => {
    setKind(next);
    setPicked(null);
    setUnpicked(false);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (action.busy) return;
    let nominee: CreateNominationBody['nominee'];
    if (kind === 'person') nominee = { kind, email: email.trim() };
    else if (picked === null) {
      setUnpicked(true);
      return;
    } else nominee = kind === 'team' ? { kind, responseId: picked.id } : { kind, proposalId: picked.id };
    const body: CreateNominationBody = { categoryId, nominee, citation };
    const made = await action.run('nominate', () => request<NominationPublic>('POST', `/api/awards/${programme.id}/nominations`, body));
    if (made) {
      setEmail('');
      setPicked(null);
      setCitation('');
    }
  };
  return (
    <form className="card platform-card platform-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={action.busy !== null} data-testid="nominate-form">
      <h2 className="platform-subtitle">{t('award.nominate.title')}</h2>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-category`}>
          {t('award.nominate.category')}
        </label>
        <select id={`${ids}-category`} className="input" value={categoryId} onChange={(e) => setCategoryId(e.target.value)} data-testid="nominate-category">
          {programme.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryName(lang.language, c.name)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field choice-group">
        <legend className="field-label">{t('award.nominate.kind')}</legend>
        <div className="choice-row">
          {NOMINEE_KINDS.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${ids}-kind`} value={option} checked={kind === option} onChange={() => chooseKind(option)} data-testid={`nominate-kind-${option}`} />
              <span>{t(`award.kind.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'person' ? (
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-email`}>
            {t('award.nominate.email')}
          </label>
          <input id={`${ids}-email`} className="input" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="nominate-ref" />
        </div>
      ) : (
        <NomineePicker
          key={kind}
          lang={lang}
          request={request}
          programmeId={programme.id}
          kind={kind}
          picked={picked}
          onPick={(candidate) => {
            setPicked(candidate);
            setUnpicked(false);
          }}
        />
      )}
      {unpicked && (
        <p className="alert alert-error" role="alert" data-testid="nominate-unpicked">
          {t(kind === 'team' ? 'award.picker.pickTeam' : 'award.picker.pickProposal')}
        </p>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-citation`}>
          {t('award.nominate.citation')}
        </label>
        <textarea id={`${ids}-citation`} className="input textarea" dir="auto" rows={4} value={citation} onChange={(e) => setCitation(e.target.value)} data-testid="nominate-citation" />
      </div>
      {action.error && (
        <p className="alert alert-error" role="alert" data-testid="nominate-error">
          {errorText(t, action.error)}
        </p>
      )}
      {action.done === 'nominate' && (
        <p className="alert alert-success" role="status" data-testid="nominate-done">
          {t('award.nominate.sent')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={action.busy !== null} data-testid="nominate-submit">
        {action.busy ? t('award.nominate.sending') : t('award.nominate.submit')}
      </button>
    </form>
  );
}

function WeightsForm({ lang, request, programmeId, juryWeight, action }: Common & { programmeId: string; juryWeight: number; action: ReturnType<typeof useAwardAction> }) {
  const { t } = lang;
  const ids = useId();
  const [jury, setJury] = useState(String(juryWeight));
  const value = Math.min(100, Math.max(0, Math.round(Number(jury) || 0)));
  return (
    <form
      className="card platform-card platform-form"
      noValidate
      data-testid="weights-form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run('weights', () => request('PATCH', `/api/awards/${programmeId}`, { juryWeight: value }));
      }}
    >
      <h2 className="platform-subtitle">{t('award.weights.title')}</h2>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-jury`}>
          {t('award.weights.jury')}
        </label>
        <input id={`${ids}-jury`} className="input" type="number" min={0} max={100} inputMode="numeric" value={jury} onChange={(e) => setJury(e.target.value)} data-testid="weights-jury" />
      </div>
      <p className="platform-meta" data-testid="weights-audience">
        {t('award.weights.audience', { weight: 100 - value })}
      </p>
      <p className="platform-meta">{t('award.weights.note')}</p>
      <button type="submit" className="button button-secondary" disabled={action.busy !== null} data-testid="weights-save">
        {action.busy === 'weights' ? t('award.saving') : action.done === 'weights' ? t('award.saved') : t('award.weights.save')}
      </button>
    </form>
  );
}

function AddCategoryForm({ lang, request, programmeId, action }: Common & { programmeId: string; action: ReturnType<typeof useAwardAction> }) {
  const { t } = lang;
  const ids = useId();
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  return (
    <form
      className="card platform-card platform-form"
      noValidate
      data-testid="category-add"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run('category:add', () => request('POST', `/api/awards/${programmeId}/categories`, { nameZh, nameEn })).then((made) => {
          if (made) {
            setNameZh('');
            setNameEn('');
          }
        });
      }}
    >
      <h2 className="platform-subtitle">{t('award.category.add')}</h2>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-zh`}>
          {t('award.category.nameZh')}
        </label>
        <input id={`${ids}-zh`} className="input" lang="zh-CN" value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-en`}>
          {t('award.category.nameEn')}
        </label>
        <input id={`${ids}-en`} className="input" lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
      </div>
      <button type="submit" className="button button-secondary" disabled={action.busy !== null}>
        {action.busy === 'category:add' ? t('award.saving') : t('award.category.add')}
      </button>
    </form>
  );
}
