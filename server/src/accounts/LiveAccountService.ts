import {
  type SessionTemplateContent,
  type SessionTemplatePublic,
  TEMPLATES_PER_ACCOUNT_MAX,
  type sessionFromTemplateBodySchema,
  type templateCreateBodySchema,
} from '@ideasphere/shared';
import { newId } from '../ids.js';
import { SessionCopier } from '../polls/SessionCopier.js';
import type { TemplateRecord } from '../store/TemplateStore.js';
import {
  CLAIM_IDEAS_SHOWN_MAX,
  CLAIMS_PER_ACCOUNT_MAX,
  LIVE_SESSIONS_PER_ACCOUNT_MAX,
  PUBLICATIONS_PER_ACCOUNT_MAX,
  type claimBodySchema,
  type CreatedSession,
  type liveSessionBodySchema,
  type FacilitatorLink,
  type KeptParticipation,
  type LiveSessionSummary,
} from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { joinUrl, type Links } from '../presenters.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import type { SessionService } from '../services/SessionService.js';
import type { ParticipantClaimRecord } from '../store/LiveLinkStore.js';
import type { SessionRecord, Store } from '../store/Store.js';
import { authorize, type Actor } from './accountPolicy.js';
import { authorizeChallenge } from '../challenges/challengePolicy.js';

/** Sessions and kept participations one account page lists (the newest; each costs a few reads). */
export const LIVE_LIST_MAX = 50;

/**
 * Where the platform meets the live event: organisers create and list their live sessions and
 * take a console over from another browser; guests who joined by QR code keep their ideas in an
 * account afterwards. The live session's own secrets stay hashes: taking a console over issues a
 * new facilitator link (the old one stops working), as the console's own "new link" does.
 */
export class LiveAccountService {
  constructor(
    private readonly store: Store,
    private readonly sessions: SessionService,
    private readonly broadcasts: Broadcasts,
    private readonly links: Links,
    private readonly now: () => number,
  ) {}

  /** A new live session of the organiser's; with `challengeId`, run for a challenge of their organisation. */
  async createSession(actor: Actor, input: z.output<typeof liveSessionBodySchema>): Promise<CreatedSession> {
    authorize(actor, { kind: 'liveSession:create' });
    const { challengeId, ...sessionInput } = input;
    if (challengeId !== undefined) {
      const challenge = await this.store.challenges.getChallenge(challengeId);
      if (!challenge) throw errors.challengeNotFound();
      authorizeChallenge(actor, { kind: 'challenge:manage', challenge });
    }
    // Checked before creating, so a refusal leaves nothing behind; the store checks again.
    const owned = await this.store.liveLinks.listLiveSessionLinks(actor.account.id, LIVE_SESSIONS_PER_ACCOUNT_MAX);
    if (owned.length >= LIVE_SESSIONS_PER_ACCOUNT_MAX) throw errors.liveSessionsFull(LIVE_SESSIONS_PER_ACCOUNT_MAX);
    const created = await this.sessions.create(sessionInput);
    const session = await this.sessions.requireByCode(created.code);
    const outcome = await this.store.liveLinks.linkLiveSession(
      { accountId: actor.account.id, sessionId: session.id, challengeId: challengeId ?? null, createdAt: session.createdAt },
      LIVE_SESSIONS_PER_ACCOUNT_MAX,
    );
    if (!outcome.ok) throw errors.liveSessionsFull(LIVE_SESSIONS_PER_ACCOUNT_MAX);
    return created;
  }

  /**
   * A new live session of the organiser's, duplicated from one of theirs: the same title,
   * description, language and venues, and what was prepared (see SessionCopier); nothing of its
   * participants, ideas, votes, questions or answers.
   */
  async duplicateSession(actor: Actor, code: string): Promise<CreatedSession> {
    authorize(actor, { kind: 'liveSession:create' });
    const source = await this.ownedSession(actor, code);
    return this.createPrepared(actor, await new SessionCopier(this.store).capture(source));
  }

  /** Saves what one of the organiser's sessions prepared as a template of theirs. */
  async saveTemplate(actor: Actor, input: z.output<typeof templateCreateBodySchema>): Promise<SessionTemplatePublic> {
    authorize(actor, { kind: 'liveSession:create' });
    const source = await this.ownedSession(actor, input.code);
    const template: TemplateRecord = {
      id: newId(this.now()),
      accountId: actor.account.id,
      name: input.name,
      content: await new SessionCopier(this.store).capture(source),
      createdAt: new Date(this.now()),
    };
    if (!(await this.store.templates.insertTemplate(template, TEMPLATES_PER_ACCOUNT_MAX))) throw errors.templatesFull(TEMPLATES_PER_ACCOUNT_MAX);
    return presentTemplate(template);
  }

  async listTemplates(actor: Actor): Promise<SessionTemplatePublic[]> {
    return (await this.store.templates.listTemplates(actor.account.id)).map(presentTemplate);
  }

  async deleteTemplate(actor: Actor, templateId: string): Promise<void> {
    if (!(await this.store.templates.deleteTemplate(actor.account.id, templateId))) throw errors.templateNotFound();
  }

  /** A new live session of the organiser's from one of their templates. */
  async createFromTemplate(actor: Actor, input: z.output<typeof sessionFromTemplateBodySchema>): Promise<CreatedSession> {
    authorize(actor, { kind: 'liveSession:create' });
    const template = await this.store.templates.getTemplate(actor.account.id, input.templateId);
    if (!template) throw errors.templateNotFound();
    return this.createPrepared(actor, template.content);
  }

  /** Creates a session with the content's venues, fills it (SessionCopier.apply), and links it to the organiser. */
  private async createPrepared(actor: Actor, content: SessionTemplateContent): Promise<CreatedSession> {
    const owned = await this.store.liveLinks.listLiveSessionLinks(actor.account.id, LIVE_SESSIONS_PER_ACCOUNT_MAX);
    if (owned.length >= LIVE_SESSIONS_PER_ACCOUNT_MAX) throw errors.liveSessionsFull(LIVE_SESSIONS_PER_ACCOUNT_MAX);
    const created = await this.sessions.create({ title: content.title, description: content.description, language: content.language, venues: content.venues });
    const session = await this.sessions.requireByCode(created.code);
    await new SessionCopier(this.store).apply(content, session);
    const outcome = await this.store.liveLinks.linkLiveSession(
      { accountId: actor.account.id, sessionId: session.id, challengeId: null, createdAt: session.createdAt },
      LIVE_SESSIONS_PER_ACCOUNT_MAX,
    );
    if (!outcome.ok) throw errors.liveSessionsFull(LIVE_SESSIONS_PER_ACCOUNT_MAX);
    return created;
  }

  async listSessions(actor: Actor): Promise<LiveSessionSummary[]> {
    const links = await this.store.liveLinks.listLiveSessionLinks(actor.account.id, LIVE_LIST_MAX);
    const summaries = await Promise.all(
      links.map(async (link): Promise<LiveSessionSummary | null> => {
        const session = await this.store.getSession(link.sessionId);
        if (!session) return null;
        const [participants, ideas, challenge] = await Promise.all([
          this.store.countParticipants(session.id),
          this.store.board.countIdeas(session.id),
          link.challengeId === null ? null : this.store.challenges.getChallenge(link.challengeId),
        ]);
        return {
          code: session.code,
          title: session.title,
          language: session.language,
          phase: session.phase,
          participants,
          ideas,
          createdAt: session.createdAt.toISOString(),
          joinUrl: joinUrl(this.links, session.code),
          challenge: challenge ? { id: challenge.id, title: challenge.title } : null,
        };
      }),
    );
    return summaries.filter((s): s is LiveSessionSummary => s !== null);
  }

  /**
   * A new facilitator link for a session this account created, for a browser that lacks the
   * old one: every console and preview on the old link is closed, as with the console's own
   * "new link". Another account's session is not found, whether or not it exists.
   */
  async takeOverConsole(actor: Actor, code: string): Promise<FacilitatorLink> {
    const session = await this.ownedSession(actor, code);
    const { link, revokedHash } = await this.sessions.rotateFacilitatorLink(session);
    this.broadcasts.credentialRevoked(revokedHash);
    return link;
  }

  /**
   * Keeps a participant's ideas in this account: the participant token (from the phone's
   * browser) proves the phone identity. Claiming again is fine; another account's claim is
   * refused. The participant stays the author on the board.
   */
  async claim(actor: Actor, input: z.output<typeof claimBodySchema>): Promise<KeptParticipation> {
    const principal = await this.sessions.authenticate('participant', input.code, input.participantToken);
    if (principal.role !== 'participant') throw errors.forbidden('keep these ideas');
    const outcome = await this.store.liveLinks.claimParticipant(
      { accountId: actor.account.id, sessionId: principal.session.id, participantId: principal.participant.id, claimedAt: new Date(this.now()) },
      CLAIMS_PER_ACCOUNT_MAX,
    );
    if (!outcome.ok) throw outcome.reason === 'full' ? errors.claimsFull(CLAIMS_PER_ACCOUNT_MAX) : errors.participantClaimed();
    const kept = await this.present(outcome.claim, principal.session, await this.shownKeys(actor.account.id));
    if (!kept) throw errors.participantNotFound();
    return kept;
  }

  async listClaims(actor: Actor): Promise<KeptParticipation[]> {
    const claims = await this.store.liveLinks.listClaims(actor.account.id, LIVE_LIST_MAX);
    const shown = await this.shownKeys(actor.account.id);
    const kept = await Promise.all(claims.map((claim) => this.present(claim, null, shown)));
    return kept.filter((k): k is KeptParticipation => k !== null);
  }

  private async ownedSession(actor: Actor, code: string): Promise<SessionRecord> {
    const session = await this.store.getSessionByCode(code);
    const link = session ? await this.store.liveLinks.getLiveSessionLink(actor.account.id, session.id) : null;
    if (!session || !link) throw errors.liveSessionNotFound();
    return session;
  }

  /** A claim as the account page shows it; null when its session or participant is gone. */
  /** `kind:id` of the items the account shows on its profile. */
  private async shownKeys(accountId: string): Promise<Set<string>> {
    const publications = await this.store.liveLinks.listPublications(accountId, PUBLICATIONS_PER_ACCOUNT_MAX);
    return new Set(publications.map((publication) => `${publication.kind}:${publication.itemId}`));
  }

  private async present(claim: ParticipantClaimRecord, known: SessionRecord | null, shown: ReadonlySet<string>): Promise<KeptParticipation | null> {
    const [session, participant] = await Promise.all([
      known ?? this.store.getSession(claim.sessionId),
      this.store.getParticipant(claim.sessionId, claim.participantId),
    ]);
    if (!session || !participant) return null;
    const [ideas, proposals] = await Promise.all([
      this.store.board.listIdeasByAuthor(session.id, participant.id),
      this.store.proposals.listProposals(session.id),
    ]);
    const written = ideas.filter((idea) => idea.deletedAt === null && idea.mergedInto === null);
    return {
      code: session.code,
      sessionTitle: session.title,
      participantName: participant.name,
      joinedAt: participant.joinedAt.toISOString(),
      claimedAt: claim.claimedAt.toISOString(),
      ideaCount: written.length,
      ideas: written
        .slice(-CLAIM_IDEAS_SHOWN_MAX)
        .reverse()
        .map((idea) => ({ id: idea.id, title: idea.title, createdAt: idea.createdAt.toISOString(), shown: shown.has(`idea:${idea.id}`) })),
      proposals: proposals.filter((p) => p.createdByParticipantId === participant.id).map((p) => ({ id: p.id, title: p.title, shown: shown.has(`proposal:${p.id}`) })),
    };
  }
}

function presentTemplate(template: TemplateRecord): SessionTemplatePublic {
  const { content } = template;
  return {
    id: template.id,
    name: template.name,
    createdAt: template.createdAt.toISOString(),
    title: content.title,
    language: content.language,
    venues: [...content.venues],
    polls: content.polls.length,
    tracks: content.qa.tracks.length,
  };
}
