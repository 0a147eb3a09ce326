import { translate } from '@ideasphere/shared/i18n/index.js';
import { describe, expect, it } from 'vitest';
import type { Translator } from '../../lib/i18n';
import { submitErrorText, voteErrorText } from './submitError';

const t: Translator = (key, params) => translate('en', key, params);

describe('why an idea or vote was refused', () => {
  it('tells a closed phase from a full board, though both are forbidden', () => {
    const closed = submitErrorText(t, { code: 'forbidden', reason: 'phase_closed', message: '' });
    const full = submitErrorText(t, { code: 'forbidden', reason: 'board_full', message: '' });
    expect(closed).toBe(t('idea.errorClosed'));
    expect(full).toBe(t('reason.board_full'));
    expect(full).not.toBe(closed);
  });

  it('tells an exhausted budget from the per-idea cap, though both are bad requests', () => {
    const budget = voteErrorText(t, { code: 'bad_request', reason: 'vote_budget_exceeded', message: '' });
    const cap = voteErrorText(t, { code: 'bad_request', reason: 'votes_per_idea_exceeded', message: '' });
    expect(budget).toBe(t('reason.vote_budget_exceeded'));
    expect(cap).toBe(t('reason.votes_per_idea_exceeded'));
    expect(budget).not.toBe(cap);
    expect(voteErrorText(t, { code: 'forbidden', reason: 'phase_closed', message: '' })).toBe(t('vote.errorClosed'));
  });

  it('falls back to the code for a reason it does not know, and says offline without one', () => {
    expect(submitErrorText(t, { code: 'rate_limited', message: '' })).toBe(t('error.rate_limited'));
    expect(voteErrorText(t, { code: 'network', message: '' })).toBe(t('error.network'));
  });
});
