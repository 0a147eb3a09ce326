import { useId, useState, type FormEvent } from 'react';
import type { BoardSettings, SectionSpec } from '@ideasphere/shared';
import { BANNED_WORD_MAX_CHARS, BANNED_WORDS_MAX, VOTE_BUDGET_MAX } from '@ideasphere/shared/limits.js';
import { cleanLine, graphemeCount, hasVisibleText } from '@ideasphere/shared/text.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { BoardClient, SendError } from '../../lib/useBoard';
import { CategoryEditor } from './CategoryEditor';
import { cleanTemplate, headingTooLong, ProposalSettings } from './ProposalSettings';
import './settings.css';

interface SettingsTabProps {
  board: BoardClient;
  t: Translator;
}

interface Draft {
  anonymous: boolean;
  preModeration: boolean;
  voteBudget: string;
  maxVotesPerIdea: string;
  hideVotesUntilResults: boolean;
  forbidOwnVotes: boolean;
  categories: string[];
  bannedWords: string;
  proposalTemplate: SectionSpec[];
  participantsMayPropose: boolean;
}

function draftOf(settings: BoardSettings): Draft {
  return {
    anonymous: settings.anonymous,
    preModeration: settings.preModeration,
    voteBudget: String(settings.voteBudget),
    maxVotesPerIdea: String(settings.maxVotesPerIdea),
    hideVotesUntilResults: settings.hideVotesUntilResults,
    forbidOwnVotes: settings.forbidOwnVotes,
    categories: [...settings.categories],
    bannedWords: settings.bannedWords.join('\n'),
    proposalTemplate: settings.proposalTemplate.map((s) => ({ ...s })),
    participantsMayPropose: settings.participantsMayPropose,
  };
}

/** A whole number within 1…VOTE_BUDGET_MAX, or null. */
function voteNumber(text: string): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= VOTE_BUDGET_MAX ? n : null;
}

/** One banned word per line, cleaned as the server cleans it; blank lines (nothing visible) and repeats dropped. */
export function parseBannedWords(text: string): string[] {
  return [...new Set(text.split('\n').map(cleanLine).filter(hasVisibleText))];
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: SendError };

/** The board's settings: anonymity, moderation, voting limits, themes and banned words. */
/** One on/off setting: a labelled switch with its hint. */
function SettingSwitch(props: { testId: string; checked: boolean; onChange: (checked: boolean) => void; title: string; hint: string }) {
  return (
    <label className="switch-row">
      <input type="checkbox" role="switch" className="switch" data-testid={props.testId} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <span>
        <span className="switch-title">{props.title}</span>
        <span className="field-hint">{props.hint}</span>
      </span>
    </label>
  );
}

export function SettingsTab({ board, t }: SettingsTabProps) {
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(board.state.settings));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const budget = voteNumber(draft.voteBudget);
  const maxPerIdea = voteNumber(draft.maxVotesPerIdea);
  const words = parseBannedWords(draft.bannedWords);
  const tooManyWords = words.length > BANNED_WORDS_MAX;
  const longWord = words.find((word) => graphemeCount(word) > BANNED_WORD_MAX_CHARS);
  const maxAboveBudget = budget !== null && maxPerIdea !== null && maxPerIdea > budget;
  const valid =
    budget !== null &&
    maxPerIdea !== null &&
    !maxAboveBudget &&
    !tooManyWords &&
    longWord === undefined &&
    !draft.proposalTemplate.some(headingTooLong);

  const change = (patch: Partial<Draft>) => {
    setDraft((prev) => ({ ...prev, ...patch }));
    setSave({ kind: 'idle' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    const result = await board.send('board:configure', {
      anonymous: draft.anonymous,
      preModeration: draft.preModeration,
      voteBudget: budget,
      maxVotesPerIdea: maxPerIdea,
      hideVotesUntilResults: draft.hideVotesUntilResults,
      forbidOwnVotes: draft.forbidOwnVotes,
      categories: draft.categories,
      bannedWords: words,
      proposalTemplate: cleanTemplate(draft.proposalTemplate),
      participantsMayPropose: draft.participantsMayPropose,
    });
    if (!result.ok) return setSave({ kind: 'failed', error: result.error });
    board.dispatch({ type: 'settings', settings: result.data });
    setDraft(draftOf(result.data));
    setSave({ kind: 'saved' });
  };

  return (
    <form className="card settings" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-heading">
        {t('settings.heading')}
      </h2>

      <fieldset className="settings-group">
        <legend className="settings-legend">{t('settings.participation')}</legend>
        <SettingSwitch
          testId="settings-anonymous"
          checked={draft.anonymous}
          onChange={(checked) => change({ anonymous: checked })}
          title={t('settings.anonymous')}
          hint={t('settings.anonymousHint')}
        />
        <SettingSwitch
          testId="settings-premoderation"
          checked={draft.preModeration}
          onChange={(checked) => change({ preModeration: checked })}
          title={t('settings.preModeration')}
          hint={t('settings.preModerationHint')}
        />
      </fieldset>

      <fieldset className="settings-group">
        <legend className="settings-legend">{t('settings.voting')}</legend>
        <div className="settings-numbers">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-budget`}>
              {t('settings.voteBudget')}
            </label>
            <input
              id={`${id}-budget`}
              className="input input-small"
              data-testid="settings-budget"
              type="number"
              min={1}
              max={VOTE_BUDGET_MAX}
              value={draft.voteBudget}
              aria-invalid={budget === null}
              onChange={(e) => change({ voteBudget: e.target.value })}
            />
            <p className="field-hint">{t('settings.voteBudgetHint')}</p>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-max`}>
              {t('settings.maxPerIdea')}
            </label>
            <input
              id={`${id}-max`}
              className="input input-small"
              data-testid="settings-max-per-idea"
              type="number"
              min={1}
              max={VOTE_BUDGET_MAX}
              value={draft.maxVotesPerIdea}
              aria-invalid={maxPerIdea === null || maxAboveBudget}
              onChange={(e) => change({ maxVotesPerIdea: e.target.value })}
            />
            <p className="field-hint">{t('settings.maxPerIdeaHint')}</p>
          </div>
        </div>
        {(budget === null || maxPerIdea === null) && (
          <p className="field-error" role="alert">
            {t('settings.numberInvalid', { max: VOTE_BUDGET_MAX })}
          </p>
        )}
        {maxAboveBudget && (
          <p className="field-error" role="alert">
            {t('settings.maxAboveBudget')}
          </p>
        )}
        <SettingSwitch
          testId="settings-hide-votes"
          checked={draft.hideVotesUntilResults}
          onChange={(checked) => change({ hideVotesUntilResults: checked })}
          title={t('settings.hideVotes')}
          hint={t('settings.hideVotesHint')}
        />
        <SettingSwitch
          testId="settings-forbid-own-votes"
          checked={draft.forbidOwnVotes}
          onChange={(checked) => change({ forbidOwnVotes: checked })}
          title={t('settings.forbidOwnVotes')}
          hint={t('settings.forbidOwnVotesHint')}
        />
      </fieldset>

      <fieldset className="settings-group">
        <legend className="settings-legend">{t('settings.categories')}</legend>
        <p className="field-hint">{t('settings.categoriesHint')}</p>
        <CategoryEditor categories={draft.categories} onChange={(categories) => change({ categories })} t={t} />
      </fieldset>

      <fieldset className="settings-group">
        <legend className="settings-legend">
          <label htmlFor={`${id}-banned`}>{t('settings.bannedWords')}</label>
        </legend>
        <p className="field-hint">{t('settings.bannedWordsHint')}</p>
        <textarea
          id={`${id}-banned`}
          className="input"
          data-testid="settings-banned-words"
          rows={6}
          value={draft.bannedWords}
          dir="auto"
          aria-invalid={tooManyWords || longWord !== undefined}
          placeholder={t('settings.bannedWordsPlaceholder')}
          onChange={(e) => change({ bannedWords: e.target.value })}
        />
        <p className="field-hint" data-near-limit={tooManyWords}>
          {t('settings.bannedWordsCount', { count: words.length, max: BANNED_WORDS_MAX })}
        </p>
        {longWord !== undefined && (
          <p className="field-error" role="alert" data-testid="settings-banned-word-too-long">
            {t('settings.bannedWordTooLong', { word: longWord, count: graphemeCount(longWord), max: BANNED_WORD_MAX_CHARS })}
          </p>
        )}
      </fieldset>

      <ProposalSettings template={draft.proposalTemplate} mayPropose={draft.participantsMayPropose} onChange={change} t={t} />

      <div className="settings-actions">
        {save.kind === 'saved' && (
          <p className="settings-status" role="status" data-testid="settings-saved">
            {t('settings.saved')}
          </p>
        )}
        {save.kind === 'failed' && (
          <p className="field-error" role="alert" data-testid="settings-error">
            {errorText(t, save.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" data-testid="settings-save" disabled={!valid || save.kind === 'saving' || !board.synced}>
          {save.kind === 'saving' && <span className="spinner" aria-hidden="true" />}
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}
