import { memo, useCallback, useId, useMemo, useState } from 'react';
import type { ParticipantPublic } from '@ideasphere/shared';
import { errorText, type LanguageState } from '../lib/i18n';
import type { Send, SendError } from '../lib/useBoard';
import { newestParticipants, type SessionAction, type SessionState } from '@ideasphere/shared/sync/sessionState.js';
import { UsersIcon } from '../ui/icons';
import { Toast } from '../ui/Toast';
import { useDialog } from '../ui/useDialog';
import { ParticipantRow } from './ParticipantRow';

/** Rows rendered at a time: a hall of 2,000 should not mean 2,000 DOM rows at once. */
const ROWS_PER_STEP = 200;
/** Below this many guests a search box is clutter. */
const SEARCH_FROM = 12;

interface ParticipantsPanelProps {
  code: string;
  state: SessionState;
  /** False until the first snapshot arrived. */
  loaded: boolean;
  lang: LanguageState;
  /** For `participant:remove` and `face:hide`. */
  send: Send;
  /** Applies a change at once (a hidden face), before the server's broadcast. */
  apply: (action: SessionAction) => void;
}

/** Feedback on the last hide/show of a face. */
type FaceNotice = { id: number; tone: 'neutral' | 'error'; text: string };

/**
 * Live counters and the participant list, newest first. Memoised: board changes re-render the
 * page many times a second, and this panel only depends on the participants.
 */
export const ParticipantsPanel = memo(function ParticipantsPanel({ code, state, loaded, lang, send, apply }: ParticipantsPanelProps) {
  const { t, language } = lang;
  const searchId = useId();
  const [limit, setLimit] = useState(ROWS_PER_STEP);
  const [query, setQuery] = useState('');
  const everyone = useMemo(() => newestParticipants(state.participants), [state.participants]);
  const timeFormat = useMemo(
    () => new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' }),
    [language],
  );

  const [removeError, setRemoveError] = useState<SendError | null>(null);
  const { confirm, dialog } = useDialog(t);
  const askRemove = useCallback(
    async (participant: ParticipantPublic) => {
      setRemoveError(null);
      const confirmed = await confirm({
        title: t('console.removeTitle', { name: participant.name }),
        body: t('console.removeBody'),
        confirmLabel: t('console.removeConfirm'),
        tone: 'danger',
        testId: 'remove-dialog',
      });
      if (!confirmed) return;
      const result = await send('participant:remove', { participantId: participant.id });
      // The `participant:removed` broadcast takes them off the list.
      if (!result.ok) setRemoveError(result.error);
    },
    [confirm, send, t],
  );

  // Hiding a face is instant: the row changes at once, the server's answer confirms it (or
  // puts it back, with the reason).
  const [faceBusy, setFaceBusy] = useState<ReadonlySet<string>>(new Set());
  const [faceNotice, setFaceNotice] = useState<FaceNotice | null>(null);
  const closeFaceNotice = useCallback(() => setFaceNotice(null), []);
  const toggleFace = useCallback(
    async (participant: ParticipantPublic) => {
      const hidden = !participant.faceHidden;
      setFaceBusy((busy) => new Set(busy).add(participant.id));
      apply({ type: 'updated', participant: { ...participant, faceHidden: hidden } });
      const result = await send('face:hide', { participantId: participant.id, hidden });
      setFaceBusy((busy) => {
        const next = new Set(busy);
        next.delete(participant.id);
        return next;
      });
      const id = Date.now();
      if (result.ok) {
        apply({ type: 'updated', participant: result.data });
        const key = result.data.faceHidden ? 'console.faceHidden' : 'console.faceShown';
        setFaceNotice({ id, tone: 'neutral', text: t(key, { name: participant.name }) });
      } else {
        apply({ type: 'updated', participant });
        setFaceNotice({ id, tone: 'error', text: t('console.faceFailed', { reason: errorText(t, result.error) }) });
      }
    },
    [apply, send, t],
  );
  const onToggleFace = useCallback((participant: ParticipantPublic) => void toggleFace(participant), [toggleFace]);
  const venueNames = useMemo(() => new Map(state.stage.venues.map((v) => [v.id, v.name])), [state.stage.venues]);
  const showVenues = venueNames.size > 1;

  const needle = query.trim().toLocaleLowerCase();
  const matching = needle === '' ? everyone : everyone.filter((p) => p.name.toLocaleLowerCase().includes(needle));
  const shown = matching.slice(0, limit);

  return (
    <section className="card participants" aria-labelledby="participants-heading">
      <div className="stats">
        <div className="stat">
          <p className="stat-label">{t('console.participants')}</p>
          <p className="stat-value" data-testid="participant-count">
            {state.participantCount}
          </p>
        </div>
        <div className="stat">
          <p className="stat-label">
            <span className="online-dot" aria-hidden="true" />
            {t('console.onlineNow')}
          </p>
          <p className="stat-value" data-testid="online-count">
            {state.onlineCount}
          </p>
        </div>
      </div>

      <div className="participants-head">
        <h2 id="participants-heading" className="panel-heading">
          {t('console.whoJoined')}
        </h2>
        {everyone.length >= SEARCH_FROM && (
          <div className="participants-search">
            <label className="visually-hidden" htmlFor={searchId}>
              {t('console.search')}
            </label>
            <input
              id={searchId}
              className="input input-small"
              type="search"
              dir="auto"
              value={query}
              placeholder={t('console.search')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
        )}
      </div>

      {removeError && (
        <p className="alert alert-error" role="alert" data-testid="participant-remove-error">
          {t('console.removeFailed', { reason: errorText(t, removeError) })}
        </p>
      )}

      {/* Always rendered, even empty, so the list is there to watch from the first moment. */}
      <ul className="participant-list" data-testid="participant-list" aria-labelledby="participants-heading">
        {shown.map((participant) => (
          <ParticipantRow
            key={participant.id}
            code={code}
            participant={participant}
            joinedAt={timeFormat.format(new Date(participant.joinedAt))}
            t={t}
            onRemove={(participant) => void askRemove(participant)}
            venueName={showVenues && participant.venueId !== null ? (venueNames.get(participant.venueId) ?? null) : null}
            onToggleFace={onToggleFace}
            faceBusy={faceBusy.has(participant.id)}
          />
        ))}
      </ul>
      {!loaded ? (
        <p className="empty-state participants-empty" role="status">
          <span className="spinner" aria-hidden="true" /> {t('common.loading')}
        </p>
      ) : everyone.length === 0 ? (
        <div className="empty-state participants-empty" data-testid="participants-empty">
          <span className="participants-empty-icon" aria-hidden="true">
            <UsersIcon size={28} />
          </span>
          <p className="participants-empty-title">{t('console.emptyTitle')}</p>
          <p className="field-hint">{t('console.emptyBody')}</p>
        </div>
      ) : (
        <>
          {matching.length === 0 && <p className="participants-none">{t('console.noMatch', { query: query.trim() })}</p>}
          {matching.length > shown.length && (
            <button
              type="button"
              className="button button-secondary button-block"
              data-testid="participants-more"
              onClick={() => setLimit((n) => n + ROWS_PER_STEP)}
            >
              {t('console.showMore', { count: matching.length - shown.length })}
            </button>
          )}
          {state.nextCursor !== null && (
            <p className="participants-none" role="status">
              <span className="spinner" aria-hidden="true" /> {t('console.loadingMore')}
            </p>
          )}
        </>
      )}
      {faceNotice && (
        <Toast key={faceNotice.id} durationMs={faceNotice.tone === 'error' ? 6_000 : 3_000} onClose={closeFaceNotice} tone={faceNotice.tone} testId="face-toast">
          {faceNotice.text}
        </Toast>
      )}
      {dialog}
    </section>
  );
});
