import './challenges.css';
import { useId, useState, type FormEvent } from 'react';
import type { CreateFieldBody, FieldPatchBody, FieldPublic } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import type { PlatformPageProps } from '../platform/HomePage';
import { useFetched } from '../platform/useFetched';
import { Loading } from '../platform/Loading';

type Notice = { kind: 'done'; text: string } | { kind: 'error'; error: RequestError };

/** Platform admins: the field taxonomy — add, rename, archive and restore. */
export function FieldsPage({ lang, request }: PlatformPageProps) {
  const { t } = lang;
  const { data: fields, error, reload } = useFetched<FieldPublic[]>(request, '/api/fields');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const change = async (field: FieldPublic, patch: FieldPatchBody) => {
    setBusyId(field.id);
    const result = await request<FieldPublic>('PATCH', `/api/fields/${field.id}`, patch);
    setBusyId(null);
    if (!result.ok) return setNotice({ kind: 'error', error: result.error });
    setEditing(null);
    setNotice({ kind: 'done', text: t('challenge.fields.saved', { name: `${result.data.nameZh} / ${result.data.nameEn}` }) });
    reload();
  };

  return (
    <section className="platform-page" data-testid="fields-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('challenge.fields.title')}</h1>
        <p className="platform-lead">{t('challenge.fields.lead')}</p>
      </header>
      <div aria-live="polite">
        {notice?.kind === 'done' && (
          <p className="alert alert-success" role="status" data-testid="fields-notice">
            {notice.text}
          </p>
        )}
        {(notice?.kind === 'error' || error) && (
          <p className="alert alert-error" role="alert" data-testid="fields-error">
            {errorText(t, notice?.kind === 'error' ? notice.error : (error as RequestError))}
          </p>
        )}
      </div>
      <div className="card platform-card platform-table-card">
        {fields === null ? (
          <Loading t={t} />
        ) : fields.length === 0 ? (
          <p className="platform-empty">{t('challenge.fields.empty')}</p>
        ) : (
          <table className="platform-table" data-testid="fields-table">
            <thead>
              <tr>
                <th scope="col">{t('challenge.fields.nameZh')}</th>
                <th scope="col">{t('challenge.fields.nameEn')}</th>
                <th scope="col">{t('challenge.fields.state')}</th>
                <th scope="col">{t('challenge.fields.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) =>
                editing === field.id ? (
                  <RenameRow key={field.id} field={field} lang={lang} busy={busyId === field.id} onSave={(patch) => void change(field, patch)} onCancel={() => setEditing(null)} />
                ) : (
                  <tr key={field.id} data-testid="field-row" data-archived={field.archived}>
                    <td data-label={t('challenge.fields.nameZh')} dir="auto">
                      {field.nameZh}
                    </td>
                    <td data-label={t('challenge.fields.nameEn')} dir="auto">
                      {field.nameEn}
                    </td>
                    <td data-label={t('challenge.fields.state')}>
                      <span className="platform-badge" data-status={field.archived ? 'deactivated' : 'active'}>
                        {field.archived ? t('challenge.fields.archived') : t('challenge.fields.active')}
                      </span>
                    </td>
                    <td className="platform-row-actions">
                      <button type="button" className="button button-secondary button-small" disabled={busyId !== null} onClick={() => setEditing(field.id)}>
                        {t('challenge.fields.rename')}
                      </button>
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        disabled={busyId !== null}
                        onClick={() => void change(field, { archived: !field.archived })}
                        data-testid="field-archive"
                      >
                        {busyId === field.id ? t('platform.form.working') : field.archived ? t('challenge.fields.restore') : t('challenge.fields.archive')}
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
      </div>
      <AddField
        lang={lang}
        request={request}
        onAdded={(field) => {
          setNotice({ kind: 'done', text: t('challenge.fields.added', { name: `${field.nameZh} / ${field.nameEn}` }) });
          reload();
        }}
      />
    </section>
  );
}

function RenameRow({
  field,
  lang,
  busy,
  onSave,
  onCancel,
}: {
  field: FieldPublic;
  lang: PlatformPageProps['lang'];
  busy: boolean;
  onSave: (patch: FieldPatchBody) => void;
  onCancel: () => void;
}) {
  const { t } = lang;
  const [nameZh, setNameZh] = useState(field.nameZh);
  const [nameEn, setNameEn] = useState(field.nameEn);
  return (
    <tr data-testid="field-row-editing">
      <td data-label={t('challenge.fields.nameZh')}>
        <input className="input" aria-label={t('challenge.fields.nameZh')} value={nameZh} dir="auto" onChange={(e) => setNameZh(e.target.value)} autoFocus />
      </td>
      <td data-label={t('challenge.fields.nameEn')}>
        <input className="input" aria-label={t('challenge.fields.nameEn')} value={nameEn} dir="auto" onChange={(e) => setNameEn(e.target.value)} />
      </td>
      <td />
      <td className="platform-row-actions">
        <button type="button" className="button button-primary button-small" disabled={busy || !nameZh.trim() || !nameEn.trim()} onClick={() => onSave({ nameZh, nameEn })}>
          {busy ? t('platform.form.working') : t('challenge.fields.save')}
        </button>
        <button type="button" className="button button-ghost button-small" onClick={onCancel}>
          {t('challenge.fields.cancel')}
        </button>
      </td>
    </tr>
  );
}

function AddField({ lang, request, onAdded }: Pick<PlatformPageProps, 'lang' | 'request'> & { onAdded: (field: FieldPublic) => void }) {
  const { t } = lang;
  const ids = useId();
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | 'names' | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!nameZh.trim() || !nameEn.trim()) return setError('names');
    setBusy(true);
    setError(null);
    const body: CreateFieldBody = { nameZh, nameEn };
    const result = await request<FieldPublic>('POST', '/api/fields', body);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setNameZh('');
    setNameEn('');
    onAdded(result.data);
  };

  return (
    <div className="card platform-card" data-testid="field-add">
      <h2 className="platform-subtitle">{t('challenge.fields.addTitle')}</h2>
      <form className="platform-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-zh`}>
            {t('challenge.fields.nameZh')}
          </label>
          <input id={`${ids}-zh`} className="input" dir="auto" value={nameZh} onChange={(e) => setNameZh(e.target.value)} data-testid="field-name-zh" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-en`}>
            {t('challenge.fields.nameEn')}
          </label>
          <input id={`${ids}-en`} className="input" dir="auto" value={nameEn} onChange={(e) => setNameEn(e.target.value)} data-testid="field-name-en" />
        </div>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="field-submit">
          {busy ? t('platform.form.working') : t('challenge.fields.add')}
        </button>
      </form>
      {error && (
        <p className="alert alert-error" role="alert">
          {error === 'names' ? t('challenge.fields.namesMissing') : errorText(t, error)}
        </p>
      )}
    </div>
  );
}
