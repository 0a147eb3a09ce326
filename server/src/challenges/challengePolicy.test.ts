import { CHALLENGE_STATUSES, CHALLENGE_VISIBILITIES, type OrgRole } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/accountPolicy.js';
import { makeChallenge } from '../store/challenges.contract.js';
import { matchesChallengeQuery } from '../store/challengeRules.js';
import type { AnswerRecord, QuestionRecord } from '../store/QuestionStore.js';
import { canSee, canSeeQuestion, judgeChallenge, viewerScope, type Viewer } from './challengePolicy.js';

function actor(platformRole: 'platform_admin' | 'user', memberships: [string, OrgRole][], id = 'a'): Actor {
  return { account: { platformRole, id } as Actor['account'], session: {} as Actor['session'], sessionToken: '', memberships: new Map(memberships) };
}

describe('challenge visibility', () => {
  it('lets the catalogue query (viewerScope) find exactly the challenges canSee allows', () => {
    const viewers: Viewer[] = [
      null,
      actor('user', []),
      actor('platform_admin', []),
      actor('user', [['owner', 'member']]),
      actor('user', [['invited', 'org_admin']]),
      actor('user', [['other', 'member']]),
    ];
    for (const status of CHALLENGE_STATUSES) {
      for (const visibility of CHALLENGE_VISIBILITIES) {
        const challenge = makeChallenge({ organisationId: 'owner', status, visibility, invitedOrganisationIds: visibility === 'invited' ? ['invited'] : [] });
        for (const viewer of viewers) {
          const query = { ...viewerScope(viewer), statuses: CHALLENGE_STATUSES, sort: 'deadline' as const, offset: 0, limit: 10 };
          expect([status, visibility, viewer?.account.platformRole, [...(viewer?.memberships.keys() ?? [])], matchesChallengeQuery(challenge, query)]).toEqual([
            status,
            visibility,
            viewer?.account.platformRole,
            [...(viewer?.memberships.keys() ?? [])],
            canSee(viewer, challenge),
          ]);
        }
      }
    }
  });

  it('shows a draft to its own organisation only, and a private challenge to its invited organisations', () => {
    const draft = makeChallenge({ organisationId: 'owner', status: 'draft' });
    expect(canSee(actor('platform_admin', []), draft)).toBe(false);
    expect(canSee(actor('user', [['owner', 'member']]), draft)).toBe(true);
    const invited = makeChallenge({ organisationId: 'owner', visibility: 'invited', invitedOrganisationIds: ['invited'] });
    expect(canSee(null, invited)).toBe(false);
    expect(canSee(actor('user', [['other', 'member']]), invited)).toBe(false);
    expect(canSee(actor('user', [['invited', 'member']]), invited)).toBe(true);
  });
});

describe('challenge questions', () => {
  const challenge = makeChallenge({ organisationId: 'owner', visibility: 'platform' });
  const owner = actor('user', [['owner', 'member']], 'o');
  const asker = actor('user', [['other', 'member']], 'asker');
  const someone = actor('user', [], 'someone');
  const admin = actor('platform_admin', [], 'admin');
  const answer = (visibility: AnswerRecord['visibility']): AnswerRecord => ({ text: 'A', visibility, answeredBy: 'o', answeredAt: new Date(0), editedAt: null });
  const question = (answered: AnswerRecord | null): QuestionRecord => ({ id: 'q', challengeId: challenge.id, askedBy: 'asker', text: 'Q', createdAt: new Date(0), answer: answered });

  it('shows a question to its asker and the owner always, to everyone else once publicly answered', () => {
    const seenBy = (q: QuestionRecord) => [owner, asker, someone, admin, null].map((viewer) => canSeeQuestion(viewer, challenge, q));
    expect(seenBy(question(null))).toEqual([true, true, false, false, false]);
    expect(seenBy(question(answer('private')))).toEqual([true, true, false, false, false]);
    expect(seenBy(question(answer('public')))).toEqual([true, true, true, true, true]);
  });

  it('lets those who may see the challenge ask, except its own organisation, which answers', () => {
    const verdicts = (kind: 'question:ask' | 'question:answer') => [owner, asker, someone, admin, null].map((viewer) => judgeChallenge(viewer, { kind, challenge }));
    expect(verdicts('question:ask')).toEqual(['role_forbidden', null, null, null, 'sign_in_required']);
    expect(verdicts('question:answer')).toEqual([null, 'role_forbidden', 'role_forbidden', 'role_forbidden', 'sign_in_required']);
    const invited = makeChallenge({ organisationId: 'owner', visibility: 'invited', invitedOrganisationIds: ['elsewhere'] });
    expect([judgeChallenge(asker, { kind: 'question:ask', challenge: invited }), judgeChallenge(asker, { kind: 'question:answer', challenge: invited })]).toEqual([
      'challenge_not_found',
      'challenge_not_found',
    ]);
  });
});
