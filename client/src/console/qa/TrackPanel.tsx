import { useId, useState, type FormEvent } from 'react';
import type { QaTrackPublic, VenuePublic } from '@ideasphere/shared';
import { QA_TRACK_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { trackName } from '../../join/qa/PhoneQa';

interface TrackPanelProps {
  tracks: readonly QaTrackPublic[];
  venues: readonly VenuePublic[];
  selected: string;
  onSelect: (trackId: string) => void;
  onCreate: (name: string, venueId: string | null) => Promise<boolean>;
  onRename: (track: QaTrackPublic) => Promise<boolean>;
  /** The session-wide screen link (with its secret), if this browser has it. */
  screenUrl: string | null;
  t: Translator;
}

/** A screen link that shows one track: the `track` parameter goes before the fragment with the secret. */
export function trackScreenUrl(screenUrl: string, trackId: string): string {
  const [base, fragment] = screenUrl.split('#', 2);
  const url = new URL(base ?? screenUrl, window.location.origin);
  url.searchParams.set('track', trackId);
  return fragment === undefined ? url.toString() : `${url.toString()}#${fragment}`;
}

/** The session's Q&A tracks: pick the one to moderate, add, rename, and a big-screen link per track. */
export function TrackPanel({ tracks, venues, selected, onSelect, onCreate, onRename, screenUrl, t }: TrackPanelProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [venueId, setVenueId] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    if (await onCreate(name.trim(), venueId === '' ? null : venueId)) {
      setName('');
      setVenueId('');
    }
  };
  return (
    <section className="card qa-card qa-tracks" aria-labelledby={`${id}-heading`} data-testid="qa-tracks">
      <h3 id={`${id}-heading`} className="panel-heading">
        {t('qa.console.tracks')}
      </h3>
      <ul className="qa-track-list">
        {tracks.map((track) => (
          <li key={track.id} className="qa-track-row" data-selected={track.id === selected}>
            <button type="button" className="qa-track-pick" aria-pressed={track.id === selected} onClick={() => onSelect(track.id)} data-testid="qa-track-pick">
              <bdi>{trackName(track, t)}</bdi>
              {track.venueId && <span className="field-hint"> · <bdi>{venues.find((v) => v.id === track.venueId)?.name ?? ''}</bdi></span>}
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => void onRename(track)}>
              {t('qa.console.rename')}
            </button>
            {screenUrl && (
              <a className="button button-small button-ghost" href={trackScreenUrl(screenUrl, track.id)} target="_blank" rel="noreferrer" data-testid="qa-track-screen">
                {t('qa.console.screenLink')}
              </a>
            )}
          </li>
        ))}
      </ul>
      <form className="qa-track-form" onSubmit={(e) => void submit(e)}>
        <label className="visually-hidden" htmlFor={`${id}-name`}>
          {t('qa.console.newTrack')}
        </label>
        <input
          id={`${id}-name`}
          className="input"
          dir="auto"
          maxLength={QA_TRACK_NAME_MAX_CHARS * 2}
          placeholder={t('qa.console.newTrack')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="qa-track-name"
        />
        {venues.length > 1 && (
          <>
            <label className="visually-hidden" htmlFor={`${id}-venue`}>
              {t('qa.console.venue')}
            </label>
            <select id={`${id}-venue`} className="input" value={venueId} onChange={(e) => setVenueId(e.target.value)} data-testid="qa-track-venue">
              <option value="">{t('qa.console.noVenue')}</option>
              {venues.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit" className="button button-secondary" disabled={name.trim() === ''} data-testid="qa-track-add">
          {t('qa.console.addTrack')}
        </button>
      </form>
    </section>
  );
}
