import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Language } from '@ideasphere/shared';
import type { VenuePublic, VenueScreenLink } from '@ideasphere/shared/ceremonyModel.js';
import { VENUE_NAME_MAX_CHARS, VENUES_MAX } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import type { SessionAction } from '@ideasphere/shared/sync/sessionState.js';
import { venueCount, type StageState } from '@ideasphere/shared/sync/stageState.js';
import { readVenueScreens, writeVenueScreens } from '../../lib/storage';
import type { StageActions } from './useStageActions';
import { VenueRow } from './VenueRow';

interface VenueListProps {
  code: string;
  stage: StageState;
  actions: StageActions;
  apply: (action: SessionAction) => void;
  ready: boolean;
  /** False until the first snapshot arrived. */
  loaded: boolean;
  t: Translator;
  language: Language;
}

/** Every venue of the session, and a form to add one. */
export function VenueList({ code, stage, actions, apply, ready, loaded, t, language }: VenueListProps) {
  const id = useId();
  const [screens, setScreens] = useState(() => readVenueScreens(code));
  const [name, setName] = useState('');
  const { venues } = stage;
  const adding = actions.busy.has('add');
  const full = venues.length >= VENUES_MAX;

  const onScreenLink = useCallback((link: VenueScreenLink) => setScreens(writeVenueScreens(code, [link])), [code]);
  const onVenue = useCallback(
    (venue: VenuePublic) => apply({ type: 'venues', venues: venues.map((v) => (v.id === venue.id ? venue : v)) }),
    [apply, venues],
  );

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const next = name.trim();
    if (next === '') {
      actions.say('error', t('venues.nameRequired'));
      document.getElementById(`${id}-add`)?.focus();
      return;
    }
    if (venues.some((v) => v.name.toLocaleLowerCase() === next.toLocaleLowerCase())) {
      actions.say('error', t('venues.nameTaken', { venue: next }));
      return;
    }
    const ok = await actions.run('add', 'venue:add', { name: next }, ({ venue, screen }) => {
      setScreens(writeVenueScreens(code, [screen]));
      if (!venues.some((v) => v.id === venue.id)) apply({ type: 'venues', venues: [...venues, venue] });
      return t('venues.added', { venue: venue.name });
    });
    if (ok) setName('');
  };

  return (
    <section className="card venues" aria-labelledby={`${id}-heading`}>
      <div className="venues-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          {t('venues.heading')}
        </h2>
        <span className="field-hint">{t('venues.count', { count: venues.length, max: VENUES_MAX })}</span>
      </div>
      <p className="field-hint">{t('venues.intro')}</p>

      {!loaded ? (
        <p className="empty-state participants-empty" role="status">
          <span className="spinner" aria-hidden="true" /> {t('common.loading')}
        </p>
      ) : (
        <ul className="venue-list" data-testid="venue-list">
          {venues.map((venue) => (
            <VenueRow
              key={venue.id}
              code={code}
              venue={venue}
              count={venueCount(stage, venue.id)}
              screenUrl={screens[venue.id] ?? null}
              actions={actions}
              apply={apply}
              onScreenLink={onScreenLink}
              onVenue={onVenue}
              ready={ready}
              t={t}
              language={language}
            />
          ))}
        </ul>
      )}

      <form className="venue-add" onSubmit={(e) => void add(e)}>
        <label className="field-label" htmlFor={`${id}-add`}>
          {t('venues.addLabel')}
        </label>
        <div className="copy-row">
          <input
            id={`${id}-add`}
            className="input"
            data-testid="venue-add-name"
            value={name}
            maxLength={VENUE_NAME_MAX_CHARS}
            placeholder={t('venues.addPlaceholder')}
            disabled={adding || full}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button button-secondary" data-testid="venue-add-submit" disabled={!ready || adding || full}>
            {adding && <span className="spinner" aria-hidden="true" />}
            {t('venues.add')}
          </button>
        </div>
        {full && <p className="field-hint">{t('venues.full', { max: VENUES_MAX })}</p>}
      </form>
    </section>
  );
}
