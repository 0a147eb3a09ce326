import { useId, useState, type FormEvent } from 'react';
import type { ProfileKind, ProfilePublic, ProfilePutBody, ProfileVisibility, ResponsePatchBody } from '@ideasphere/shared';
import { PROFILE_BIO_MAX_CHARS, PROFILE_HEADLINE_MAX_CHARS, PROFILE_TAGS_MAX } from '@ideasphere/shared/accounts/profileModel.js';
import { RESPONSE_TEAM_NAME_MAX_CHARS } from '@ideasphere/shared/responses/responseModel.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useTextField } from '../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../ui/TextLimit';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';
import { useFetched } from './useFetched';
import { MatchList } from '../search/MatchList';
import { Loading } from './Loading';
import { ProfilePublications } from './ProfilePublications';
import { TeamFacts } from './TeamFacts';

/** Tags as typed: comma, 、，or line separated. */
function splitTags(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** A person's, team's or organisation's profile; its owner (an org admin, a team's members) edits it in place. */
export function ProfilePage({ lang, request, navigate, kind, id }: Pick<PlatformPageProps, 'lang' | 'request' | 'navigate'> & { kind: ProfileKind; id: string }) {
  const { t, language } = lang;
  const fetched = useFetched<ProfilePublic>(request, `/api/profiles/${kind}/${id}`);
  const [editing, setEditing] = useState(false);
  const profile = fetched.data;

  if (profile === null) {
    return <Loading t={t} error={fetched.error} testId="profile-error" />;
  }

  return (
    <section className="platform-page" data-testid="profile-page">
      <header className="platform-page-header platform-page-header-row">
        <div>
          <p className="platform-meta" data-testid="profile-kind">
            {t(`platform.profiles.kind.${profile.kind}`)}
          </p>
          <h1 className="platform-title" dir="auto" data-testid="profile-name">
            {profile.name}
          </h1>
          {profile.headline && (
            <p className="platform-lead" dir="auto" data-testid="profile-headline">
              {profile.headline}
            </p>
          )}
        </div>
        {profile.editable && !editing && (
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)} data-testid="profile-edit">
            {t('platform.profile.edit')}
          </button>
        )}
      </header>
      {editing ? (
        <ProfileForm
          lang={lang}
          request={request}
          profile={profile}
          onDone={() => {
            setEditing(false);
            fetched.reload();
          }}
        />
      ) : (
        <div className="card platform-card">
          {profile.bio ? (
            <p className="platform-profile-bio" dir="auto" data-testid="profile-bio">
              {profile.bio}
            </p>
          ) : (
            <p className="platform-empty">{profile.editable ? t(profile.kind === 'team' ? 'platform.profile.team.emptyOwn' : 'platform.profile.emptyOwn') : t('platform.profile.empty')}</p>
          )}
          <TagList label={t('platform.profile.skills')} tags={profile.skills} testId="profile-skills" />
          <TagList label={t('platform.profile.keywords')} tags={profile.keywords} testId="profile-keywords" />
          <p className="platform-meta">
            {t(`platform.profile.visibility.${profile.visibility}`)}
            {profile.updatedAt !== new Date(0).toISOString() && ` · ${t('platform.profile.updated', { time: formatDateTime(language, profile.updatedAt) })}`}
          </p>
        </div>
      )}
      {profile.team && !editing && <TeamFacts t={t} navigate={navigate} team={profile.team} responseId={profile.id} onTeam={profile.editable} />}
      {profile.kind === 'person' && !editing && <ProfilePublications t={t} language={language} request={request} accountId={profile.id} />}
      {profile.editable && !editing && (
        <MatchList
          lang={lang}
          request={request}
          navigate={navigate}
          path={`/api/profiles/${profile.kind}/${profile.id}/matches`}
          title={t('search.forYouTitle')}
          empty={t('search.forYouEmpty')}
          testId="profile-matches"
        />
      )}
    </section>
  );
}

function TagList({ label, tags, testId }: { label: string; tags: string[]; testId: string }) {
  if (tags.length === 0) return null;
  return (
    <div className="platform-tags-block">
      <h2 className="platform-meta">{label}</h2>
      <ul className="platform-tags" data-testid={testId}>
        {tags.map((tag) => (
          <li key={tag} className="platform-tag" dir="auto">
            {tag}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProfileForm({ lang, request, profile, onDone }: Pick<PlatformPageProps, 'lang' | 'request'> & { profile: ProfilePublic; onDone: () => void }) {
  const { t } = lang;
  const ids = useId();
  const [name, setName] = useState(profile.name);
  const nameField = useTextField(name, RESPONSE_TEAM_NAME_MAX_CHARS);
  const [headline, setHeadline] = useState(profile.headline);
  const [bio, setBio] = useState(profile.bio);
  const [skills, setSkills] = useState(profile.skills.join(', '));
  const [keywords, setKeywords] = useState(profile.keywords.join(', '));
  const [visibility, setVisibility] = useState<ProfileVisibility>(profile.visibility);
  const headlineField = useTextField(headline, PROFILE_HEADLINE_MAX_CHARS, { kind: 'block' });
  const bioField = useTextField(bio, PROFILE_BIO_MAX_CHARS, { kind: 'block' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  const tooManyTags = splitTags(skills).length > PROFILE_TAGS_MAX || splitTags(keywords).length > PROFILE_TAGS_MAX;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const isTeam = profile.kind === 'team';
    if (saving || (isTeam && !nameField.ready()) || !headlineField.ready() || !bioField.ready() || tooManyTags) return;
    setSaving(true);
    setError(null);
    // A team's name is its response's: renamed there, and the profile (and search) follow.
    if (isTeam && nameField.check.text !== profile.name) {
      const renamed = await request('PATCH', `/api/responses/${profile.id}`, { teamName: nameField.check.text } satisfies ResponsePatchBody);
      if (!renamed.ok) {
        setSaving(false);
        setError(renamed.error);
        return;
      }
    }
    const body: ProfilePutBody = {
      headline: headlineField.check.text,
      bio: bioField.check.text,
      fields: profile.fields,
      skills: splitTags(skills),
      keywords: splitTags(keywords),
      visibility,
    };
    const result = await request<ProfilePublic>('PUT', `/api/profiles/${profile.kind}/${profile.id}`, body);
    setSaving(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  return (
    <form className="card platform-card platform-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={saving} data-testid="profile-form">
      {profile.kind === 'team' && (
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-name`}>
            <span>{t('platform.profile.team.name')}</span>
            <CharCounter field={nameField} />
          </label>
          <input id={`${ids}-name`} className="input" dir="auto" value={name} {...textFieldAria(nameField, `${ids}-name-error`)} onChange={(e) => setName(e.target.value)} data-testid="profile-team-name-input" />
          <TextFieldNote field={nameField} id={`${ids}-name-error`} t={t} />
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-headline`}>
          <span>{t('platform.profile.headline')}</span>
          <CharCounter field={headlineField} />
        </label>
        <input id={`${ids}-headline`} className="input" dir="auto" value={headline} {...textFieldAria(headlineField, `${ids}-headline-error`)} onChange={(e) => setHeadline(e.target.value)} data-testid="profile-headline-input" />
        <TextFieldNote field={headlineField} id={`${ids}-headline-error`} t={t} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-bio`}>
          <span>{t('platform.profile.bio')}</span>
          <CharCounter field={bioField} />
        </label>
        <textarea id={`${ids}-bio`} className="input" dir="auto" rows={5} value={bio} {...textFieldAria(bioField, `${ids}-bio-error`)} onChange={(e) => setBio(e.target.value)} data-testid="profile-bio-input" />
        <TextFieldNote field={bioField} id={`${ids}-bio-error`} t={t} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-skills`}>
          {t('platform.profile.skills')}
        </label>
        <input id={`${ids}-skills`} className="input" dir="auto" value={skills} aria-describedby={`${ids}-tags-hint`} onChange={(e) => setSkills(e.target.value)} data-testid="profile-skills-input" />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-keywords`}>
          {t('platform.profile.keywords')}
        </label>
        <input id={`${ids}-keywords`} className="input" dir="auto" value={keywords} aria-describedby={`${ids}-tags-hint`} onChange={(e) => setKeywords(e.target.value)} data-testid="profile-keywords-input" />
        <p id={`${ids}-tags-hint`} className={tooManyTags ? 'field-error' : 'field-hint'}>
          {t('platform.profile.tagsHint', { max: PROFILE_TAGS_MAX })}
        </p>
      </div>
      <fieldset className="field choice-group">
        <legend className="field-label">{t('platform.profile.visibilityLabel')}</legend>
        <div className="choice-row">
          {(['public', 'platform'] as const).map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${ids}-visibility`} checked={visibility === option} onChange={() => setVisibility(option)} data-testid={`profile-visibility-${option}`} />
              <span>{t(`platform.profile.visibility.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="profile-form-error">
          {errorText(t, error)}
        </p>
      )}
      <div className="platform-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="profile-save">
          {saving ? t('platform.form.working') : t('platform.profile.save')}
        </button>
        <button type="button" className="button button-ghost" onClick={onDone} disabled={saving}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
