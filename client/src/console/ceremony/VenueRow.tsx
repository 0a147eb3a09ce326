import { memo, useId, useState, type FormEvent } from 'react';
import { SCREEN_VIEWS, type ScreenView, type VenuePublic, type VenueScreenLink } from '@ideasphere/shared/ceremonyModel.js';
import { VENUE_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { formatCount, type Translator } from '../../lib/i18n';
import type { Language } from '@ideasphere/shared';
import type { SessionAction } from '@ideasphere/shared/sync/sessionState.js';
import { useTextField } from '../../lib/textField';
import { CopyButton } from '../../ui/CopyButton';
import { DownloadIcon, EditIcon, KeyIcon, ScreenIcon } from '../../ui/icons';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
import { useDialog } from '../../ui/useDialog';
import type { StageActions } from './useStageActions';

interface VenueRowProps {
  code: string;
  venue: VenuePublic;
  /** Participants who joined here. */
  count: number;
  /** This venue's big-screen URL, when this browser knows it. */
  screenUrl: string | null;
  actions: StageActions;
  apply: (action: SessionAction) => void;
  /** A new screen link came back (rotation): remember it. */
  onScreenLink: (link: VenueScreenLink) => void;
  /** The venue as the server acked it (renamed), before the broadcast arrives. */
  onVenue: (venue: VenuePublic) => void;
  ready: boolean;
  t: Translator;
  language: Language;
}

/** One venue: its count, what its screens show, its join link and QR, and its big-screen link. */
export const VenueRow = memo(function VenueRow(props: VenueRowProps) {
  const { code, venue, count, screenUrl, actions, apply, onScreenLink, onVenue, ready, t, language } = props;
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(venue.name);
  const nameField = useTextField(name, VENUE_NAME_MAX_CHARS);
  const { busy, run } = actions;
  const { confirm, dialog } = useDialog(t);
  const switching = busy.has(`switch:${venue.id}`);
  const renaming = busy.has(`rename:${venue.id}`);
  const rotating = busy.has(`rotate:${venue.id}`);

  const switchView = (view: ScreenView) =>
    void run(`switch:${venue.id}`, 'screen:switch', { view, venueId: venue.id }, (snapshot) => {
      apply({ type: 'venues', venues: snapshot.venues });
      return t(view === 'board' ? 'venues.toBoard' : view === 'qa' ? 'venues.toQa' : 'venues.toCeremony', { venue: venue.name });
    });

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!nameField.ready()) return;
    const next = nameField.check.text;
    if (next === venue.name) return setEditing(false);
    const ok = await run(`rename:${venue.id}`, 'venue:rename', { venueId: venue.id, name: next }, (renamed) => {
      onVenue(renamed);
      return t('venues.renamed', { venue: renamed.name });
    });
    if (ok) setEditing(false);
  };

  const rotate = async () => {
    const confirmed = await confirm({
      title: t('venues.rotateTitle', { venue: venue.name }),
      body: t('venues.rotateBody'),
      confirmLabel: t('venues.rotateConfirm'),
      tone: 'danger',
      testId: 'venue-rotate-dialog',
    });
    if (!confirmed) return;
    void run(`rotate:${venue.id}`, 'venue:rotateScreenLink', { venueId: venue.id }, (link) => {
      onScreenLink(link);
      return t('venues.rotated', { venue: venue.name });
    });
  };

  return (
    <li className="row-card venue-row" data-testid="venue-row" data-venue-id={venue.id} data-view={venue.view} aria-labelledby={`${id}-name`}>
      <div className="venue-head">
        {editing ? (
          <form className="venue-rename" onSubmit={(e) => void rename(e)}>
            <label className="visually-hidden" htmlFor={`${id}-rename`}>
              {t('venues.nameLabel')}
            </label>
            <input
              id={`${id}-rename`}
              className="input input-small"
              data-testid="venue-rename-input"
              value={name}
              dir="auto"
              autoFocus
              {...textFieldAria(nameField, `${id}-rename-error`)}
              disabled={renaming}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setName(venue.name);
                  setEditing(false);
                }
              }}
            />
            <CharCounter field={nameField} />
            <button type="submit" className="button button-primary button-small" data-testid="venue-rename-save" disabled={renaming}>
              {renaming && <span className="spinner" aria-hidden="true" />}
              {t('venues.save')}
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              disabled={renaming}
              onClick={() => {
                setName(venue.name);
                setEditing(false);
              }}
            >
              {t('venues.cancel')}
            </button>
            <TextFieldNote field={nameField} id={`${id}-rename-error`} t={t} requiredKey="venues.nameRequired" />
          </form>
        ) : (
          <>
            <h3 id={`${id}-name`} className="venue-name" data-testid="venue-name" dir="auto">
              {venue.name}
            </h3>
            <button
              type="button"
              className="icon-button"
              data-testid="venue-rename"
              aria-label={t('venues.rename', { venue: venue.name })}
              title={t('venues.rename', { venue: venue.name })}
              onClick={() => {
                setName(venue.name);
                setEditing(true);
              }}
            >
              <EditIcon size={16} />
            </button>
          </>
        )}
        <span className="venue-count" aria-label={t('venues.countLabel', { count })}>
          <span data-testid="venue-count">{formatCount(language, count)}</span>
          <span className="venue-count-unit" aria-hidden="true">
            {t('venues.joined')}
          </span>
        </span>
      </div>

      <div className="venue-body">
        <a className="venue-qr" href={venue.qrPngUrl} download={`ideasphere-${code}-${venue.id}.png`} data-testid="venue-download-qr">
          <img src={venue.qrSvgUrl} alt={t('venues.qrAlt', { venue: venue.name })} width={88} height={88} loading="lazy" />
          <span className="venue-qr-label">
            <DownloadIcon size={14} />
            {t('venues.downloadQr')}
          </span>
        </a>
        <div className="venue-fields">
          <div className="venue-line" role="group" aria-label={t('venues.screenShows', { venue: venue.name })}>
            <span className="venue-line-label">{t('venues.screenShowsShort')}</span>
            <div className="segmented">
              {SCREEN_VIEWS.map((view) => (
                <button
                  key={view}
                  type="button"
                  data-testid={`venue-switch-${view}`}
                  aria-pressed={venue.view === view}
                  disabled={!ready || switching}
                  onClick={() => switchView(view)}
                >
                  {t(`ceremony.view.${view}`)}
                </button>
              ))}
            </div>
            {switching && <span className="spinner" aria-hidden="true" />}
          </div>

          <div className="venue-line">
            <span className="venue-line-label">{t('venues.joinLink')}</span>
            <input
              className="input input-small input-readonly venue-link"
              data-testid="venue-join-url"
              value={venue.joinUrl}
              readOnly
              aria-label={t('venues.joinLinkOf', { venue: venue.name })}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={venue.joinUrl} t={t} label={t('common.copy')} testId="venue-copy-join" className="button-small" />
          </div>

          <div className="venue-line">
            <span className="venue-line-label">{t('venues.bigScreen')}</span>
            {screenUrl ? (
              <>
                <a
                  className="button button-secondary button-small"
                  href={screenUrl}
                  target="_blank"
                  rel="noopener"
                  data-testid="venue-open-screen"
                >
                  <ScreenIcon size={16} />
                  {t('venues.openScreen')}
                </a>
                <CopyButton text={screenUrl} t={t} label={t('venues.copyScreen')} testId="venue-copy-screen" className="button-small" />
              </>
            ) : (
              <span className="field-hint venue-screen-unknown" data-testid="venue-screen-unknown">
                {t('venues.screenUnknown')}
              </span>
            )}
            <button
              type="button"
              className="button button-ghost button-small"
              data-testid="venue-rotate-screen"
              disabled={!ready || rotating}
              aria-busy={rotating}
              onClick={() => void rotate()}
            >
              {rotating ? <span className="spinner" aria-hidden="true" /> : <KeyIcon size={16} />}
              {screenUrl ? t('venues.rotate') : t('venues.newLink')}
            </button>
          </div>
        </div>
      </div>
      {dialog}
    </li>
  );
});
