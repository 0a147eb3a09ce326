import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Language } from '@ideasphere/shared';
import type { VenuePublic, VenueScreenLink } from '@ideasphere/shared/ceremonyModel.js';
import { VENUE_NAME_MAX_CHARS, VENUES_MAX } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import type { SessionAction } from '@ideasphere/shared/sync/sessionState.js';
import { venueCount, type StageState } from '@ideasphere/shared/sync/stageState.js';
import { readVenueScreens, writeVenueScreens } from '../../lib/storage';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
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
  const nameField = useTextField(name, VENUE_NAME_MAX_CHARS);

  const onScreenLink = useCallback((link: VenueScreenLink) => setScreens(writeVenueScreens(code, [link])), [code]);
  const onVenue = useCallback(
    (venue: VenuePublic) => apply({ type: 'venues', venues: venues.map((v) => (v.id === venue.id ? venue : v)) }),
    [apply, venues],
  );

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!nameField.ready()) {
      document.getElementById(`${id}-add`)?.focus();
      return;
    }
    const next = nameField.check.text;
    if (venues.some((v) => v.name.toLocaleLowerCase() === next.toLocaleLowerCase())) {
      actions.say('error', t('venues.nameTaken', { venue: next }));
      return;
    }
    const ok = await actions.run('add', 'venue:add', { name: next }, ({ venue, screen }) => {
      setScreens(writeVenueScreens(code, [screen]));
      if (!venues.some((v) => v.id === venue.id)) apply({ type: 'venues', venues: [...venues, venue] });
      return t('venues.added', { venue: venue.name });
    });
    if (ok) {
      setName('');
      nameField.reset();
    }
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
          <span>{t('venues.addLabel')}</span>
          <CharCounter field={nameField} />
        </label>
        <div className="copy-row">
          <input
            id={`${id}-add`}
            className="input"
            data-testid="venue-add-name"
            value={name}
            dir="auto"
            placeholder={t('venues.addPlaceholder')}
            {...textFieldAria(nameField, `${id}-add-error`)}
            disabled={adding || full}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button button-secondary" data-testid="venue-add-submit" disabled={!ready || adding || full}>
            {adding && <span className="spinner" aria-hidden="true" />}
            {t('venues.add')}
          </button>
        </div>
        <TextFieldNote field={nameField} id={`${id}-add-error`} t={t} requiredKey="venues.nameRequired" />
        {full && <p className="field-hint">{t('venues.full', { max: VENUES_MAX })}</p>}
      </form>
    </section>
  );
}
