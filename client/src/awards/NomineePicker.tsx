import { useEffect, useId, useState } from 'react';
import type { NomineeCandidate, NomineeCandidatesPage, PickedNomineeKind } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText, type LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';

/** Quiet time after a keystroke before the search is sent. */
const SEARCH_DELAY_MS = 250;

interface NomineePickerProps {
  lang: LanguageState;
  request: PlatformRequest;
  programmeId: string;
  kind: PickedNomineeKind;
  picked: NomineeCandidate | null;
  onPick: (candidate: NomineeCandidate | null) => void;
}

type Search = { status: 'loading' } | { status: 'done'; page: NomineeCandidatesPage } | { status: 'failed'; error: RequestError };
/** An answer, with the search it answers (an answer to an older search means the newer one is still loading). */
type Answer = { query: string } & ({ status: 'done'; page: NomineeCandidatesPage } | { status: 'failed'; error: RequestError });

/**
 * Picks the team or proposal to nominate from what the server offers this member
 * (`GET /api/awards/:id/nominee-candidates`): a search box and a radio list (arrow keys move
 * through it), with progress, the empty case, "more matched" and errors said in words.
 */
export function NomineePicker({ lang, request, programmeId, kind, picked, onPick }: NomineePickerProps) {
  const { t } = lang;
  const ids = useId();
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const query = new URLSearchParams({ kind, q: text.trim() }).toString();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void request<NomineeCandidatesPage>('GET', `/api/awards/${programmeId}/nominee-candidates?${query}`).then((result) => {
        if (!current) return;
        setAnswer(result.ok ? { query, status: 'done', page: result.data } : { query, status: 'failed', error: result.error });
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [request, programmeId, query]);

  const search: Search = answer === null || answer.query !== query ? { status: 'loading' } : answer;

  const candidates = search.status === 'done' ? search.page.candidates : [];
  // The pick stays listed while a search that no longer matches it is shown.
  const listed = picked && !candidates.some((c) => c.id === picked.id) ? [picked, ...candidates] : candidates;
  return (
    <div className="nominee-picker" data-testid="nominee-picker">
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-search`}>
          {t(kind === 'team' ? 'award.picker.searchTeam' : 'award.picker.searchProposal')}
        </label>
        <input
          id={`${ids}-search`}
          className="input"
          type="search"
          autoComplete="off"
          dir="auto"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${ids}-state`}
          data-testid="nominee-search"
        />
      </div>
      <p id={`${ids}-state`} className="platform-meta" role="status" aria-live="polite" data-testid="nominee-state" data-status={search.status}>
        {search.status === 'loading'
          ? t('award.picker.loading')
          : search.status === 'failed'
            ? ''
            : search.page.candidates.length === 0
              ? t(kind === 'team' ? 'award.picker.noTeams' : 'award.picker.noProposals')
              : search.page.truncated
                ? t('award.picker.more', { count: search.page.candidates.length })
                : t('award.picker.count', { count: search.page.candidates.length })}
      </p>
      {search.status === 'failed' && (
        <p className="alert alert-error" role="alert" data-testid="nominee-search-error">
          {errorText(t, search.error)}
        </p>
      )}
      {listed.length > 0 && (
        <fieldset className="nominee-options" aria-busy={search.status === 'loading'}>
          <legend className="visually-hidden">{t(kind === 'team' ? 'award.picker.pickTeam' : 'award.picker.pickProposal')}</legend>
          {listed.map((c) => (
            <label key={c.id} className="nominee-option" data-testid="nominee-option" data-id={c.id}>
              <input type="radio" name={`${ids}-nominee`} value={c.id} checked={picked?.id === c.id} onChange={() => onPick(c)} />
              <span className="nominee-option-text">
                <span className="nominee-option-name" dir="auto">
                  {c.name}
                </span>
                <span className="platform-meta" dir="auto">
                  {c.context}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
