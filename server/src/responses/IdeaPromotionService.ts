import {
  CHALLENGE_LIVE_SESSIONS_READ_MAX,
  CLAIMS_PER_ACCOUNT_MAX,
  PROMOTABLE_IDEAS_PER_SESSION_MAX,
  type PromotableIdeas,
  type PromotableSession,
  type ResponsePublic,
  type promoteIdeasBodySchema,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { Actor } from '../accounts/accountPolicy.js';
import type { ChallengeService } from '../challenges/ChallengeService.js';
import type { Viewer } from '../challenges/challengePolicy.js';
import { errors } from '../errors.js';
import type { SeedIdea } from '../proposals/seedDocument.js';
import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { IdeaRecord, SessionRecord, Store } from '../store/Store.js';
import { judgeResponse } from './responsePolicy.js';
import { acceptsResponses } from './responseRules.js';
import type { ResponseService } from './ResponseService.js';

/** One live session run for the challenge, with the ideas the viewer may promote from it (oldest first). */
interface SessionIdeas {
  session: SessionRecord;
  organiser: boolean;
  ideas: IdeaRecord[];
}

/**
 * Ideas from the live sessions run for a challenge, promoted into a response. Who may promote
 * what is decided here and nowhere else: the organiser of such a session (the account that ran
 * it from the platform) any idea still on its board; anyone else the ideas they wrote in it
 * and kept (claimed) in their account. The response side (who may start or add to a response)
 * stays the response policy's.
 */
export class IdeaPromotionService {
  constructor(
    private readonly store: Store,
    private readonly challenges: ChallengeService,
    private readonly responses: ResponseService,
    private readonly now: () => number,
  ) {}

  /** The ideas the viewer may promote, grouped by session, and the viewer's responses to add them to. */
  async promotable(viewer: Viewer, challengeId: string): Promise<PromotableIdeas> {
    if (viewer === null) throw errors.signInRequired();
    const challenge = await this.challenges.visible(viewer, challengeId);
    const [sessions, listed] = await Promise.all([this.sessionIdeas(viewer, challenge), this.responses.listForChallenge(viewer, challenge.id)]);
    const open = acceptsResponses(challenge, new Date(this.now()));
    return {
      sessions: await Promise.all(sessions.map((s) => this.presentSession(s))),
      responses: open ? listed.mine : [],
      canStart: open && judgeResponse(viewer, { kind: 'response:create', challenge }) === null,
    };
  }

  /**
   * Promotes ideas into a new response of the viewer's or appends them to one of its
   * responses. Every idea must be one the viewer may promote (else `idea_not_found`, and
   * nothing is written); they land in the order they were written, credited to their authors.
   */
  async promote(viewer: Viewer, challengeId: string, input: z.output<typeof promoteIdeasBodySchema>): Promise<{ created: boolean; response: ResponsePublic }> {
    if (viewer === null) throw errors.signInRequired();
    const challenge = await this.challenges.visible(viewer, challengeId);
    const sessions = await this.sessionIdeas(viewer, challenge);
    const wanted = new Set(input.ideaIds);
    const chosen = sessions.map((s) => ({ ...s, ideas: s.ideas.filter((idea) => wanted.has(idea.id)) })).filter((s) => s.ideas.length > 0);
    if (chosen.reduce((n, s) => n + s.ideas.length, 0) !== wanted.size) throw errors.ideaNotFound();
    const seed = (await Promise.all(chosen.map((s) => this.seedIdeas(s)))).flat();
    if (input.target.kind === 'new') {
      const { teamName, language } = input.target;
      return { created: true, response: await this.responses.create(viewer, challenge.id, { teamName, language }, seed) };
    }
    return { created: false, response: await this.responses.appendIdeas(viewer, challenge.id, input.target.responseId, seed) };
  }

  /** The sessions run for the challenge that hold ideas for the viewer, newest first. */
  private async sessionIdeas(viewer: Actor, challenge: ChallengeRecord): Promise<SessionIdeas[]> {
    const links = await this.store.liveLinks.listLiveSessionLinksOfChallenge(challenge.id, CHALLENGE_LIVE_SESSIONS_READ_MAX);
    const sessionIds = [...new Set(links.map((l) => l.sessionId))];
    if (sessionIds.length === 0) return [];
    const claims = (await this.store.liveLinks.listClaims(viewer.account.id, CLAIMS_PER_ACCOUNT_MAX)).filter((c) => sessionIds.includes(c.sessionId));
    const found = await Promise.all(
      sessionIds.map(async (sessionId): Promise<SessionIdeas | null> => {
        const session = await this.store.getSession(sessionId);
        if (!session) return null;
        const organiser = links.some((l) => l.sessionId === sessionId && l.accountId === viewer.account.id);
        const authors = claims.filter((c) => c.sessionId === sessionId).map((c) => c.participantId);
        if (!organiser && authors.length === 0) return null;
        const ideas = organiser
          ? await this.store.board.listIdeas(session.id, { limit: PROMOTABLE_IDEAS_PER_SESSION_MAX, newestFirst: true })
          : (await Promise.all(authors.map((id) => this.store.board.listIdeasByAuthor(session.id, id)))).flat();
        const live = ideas.filter((idea) => idea.deletedAt === null && idea.mergedInto === null);
        live.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
        return live.length === 0 ? null : { session, organiser, ideas: live.slice(-PROMOTABLE_IDEAS_PER_SESSION_MAX) };
      }),
    );
    return found.filter((s): s is SessionIdeas => s !== null);
  }

  private async presentSession(found: SessionIdeas): Promise<PromotableSession> {
    const ideas = await this.seedIdeas(found);
    const created = new Map(found.ideas.map((idea) => [idea.id, idea.createdAt.toISOString()]));
    return {
      code: found.session.code,
      title: found.session.title,
      organiser: found.organiser,
      ideas: ideas.map((idea) => ({ id: idea.ideaId, title: idea.title, detail: idea.detail, authorNames: idea.authorNames, createdAt: created.get(idea.ideaId) ?? '' })),
    };
  }

  /** Ideas with their authors' names as the session shows them (none when it is anonymous). */
  private async seedIdeas({ session, ideas }: SessionIdeas): Promise<SeedIdea[]> {
    const names = await authorNames(this.store, session, ideas);
    return ideas.map((idea) => ({ ideaId: idea.id, title: idea.title, detail: idea.detail, authorNames: names(idea) }));
  }
}

async function authorNames(store: Store, session: SessionRecord, ideas: readonly IdeaRecord[]): Promise<(idea: IdeaRecord) => string[]> {
  if (session.settings.anonymous) return () => [];
  const people = await store.getParticipantsByIds(session.id, [...new Set(ideas.flatMap((idea) => idea.authorIds))]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return (idea) => idea.authorIds.flatMap((id) => names.get(id) ?? []);
}
