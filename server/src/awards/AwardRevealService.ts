import type { AwardRevealState, RevealedCategory, RevealedWinner } from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import type { AwardCategoryRecord, AwardProgrammeRecord, NominationRecord } from '../store/AwardStore.js';
import type { SessionRecord, Store } from '../store/Store.js';
import { withCategory } from './AudienceVoteService.js';

/** A category of a programme, as the reveal walks them. */
interface Entry {
  programme: AwardProgrammeRecord;
  category: AwardCategoryRecord;
}

/** Claims one winner's account may hold to find their phone in the session (the newest sessions first). */
const CLAIMS_READ = 200;

/**
 * The reveal in a live session: the categories linked to it whose winners the owner confirmed,
 * one at a time from the console, in the programme's order. What has been revealed is stored
 * with the winners (`revealedAt`), so the state is the server's: every screen and phone gets it
 * broadcast (`award:revealed`), and one that connects late or reconnects reads it (`award:state`).
 */
export class AwardRevealService {
  constructor(
    private readonly store: Store,
    private readonly broadcasts: Broadcasts,
    private readonly now: () => number,
  ) {}

  async state(session: SessionRecord): Promise<AwardRevealState> {
    const entries = await this.entriesOf(session);
    const revealed = entries.filter((e) => e.category.winners?.revealedAt);
    revealed.sort((a, b) => (a.category.winners?.revealedAt?.getTime() ?? 0) - (b.category.winners?.revealedAt?.getTime() ?? 0));
    const waiting = entries.filter((e) => !e.category.winners?.revealedAt);
    const next = waiting[0];
    const nominations = new Map<string, NominationRecord[]>();
    const nominationsOf = async (programmeId: string) => {
      let list = nominations.get(programmeId);
      if (!list) nominations.set(programmeId, (list = await this.store.awards.listNominations(programmeId)));
      return list;
    };
    const presented: RevealedCategory[] = [];
    for (const entry of revealed) presented.push(await this.present(session, entry, await nominationsOf(entry.programme.id)));
    return {
      revealed: presented,
      remaining: waiting.length,
      next: next ? { categoryId: next.category.id, programmeName: next.programme.name, name: { zh: next.category.nameZh, en: next.category.nameEn } } : null,
    };
  }

  /**
   * Reveals the next category, which must be the one the console confirmed (`categoryId`), so
   * two consoles clicking together reveal it once; then every screen and phone is told.
   */
  async revealNext(session: SessionRecord, categoryId: string): Promise<AwardRevealState> {
    const entries = await this.entriesOf(session);
    const next = entries.find((e) => !e.category.winners?.revealedAt);
    if (!next || next.category.id !== categoryId) throw errors.awardRevealNotNext();
    const at = new Date(this.now());
    const changed = await this.store.awards.changeProgramme(next.programme.id, (current) => {
      const category = current.categories.find((c) => c.id === categoryId);
      if (!category?.winners || category.winners.revealedAt || category.liveSessionId !== session.id) return { ok: false, reason: 'award_reveal_not_next' };
      return { ok: true, record: withCategory(current, { ...category, winners: { ...category.winners, revealedAt: at } }, at.getTime()) };
    });
    if (!changed.ok) throw errors.awardRevealNotNext();
    const state = await this.state(session);
    this.broadcasts.awardRevealed(session.id, state);
    return state;
  }

  /** The categories linked to this session with confirmed winners, programme by programme, in their order. */
  private async entriesOf(session: SessionRecord): Promise<Entry[]> {
    const programmes = await this.store.awards.listProgrammesOfSession(session.id);
    return programmes.flatMap((programme) =>
      programme.categories.filter((category) => category.liveSessionId === session.id && category.winners !== null).map((category) => ({ programme, category })),
    );
  }

  private async present(session: SessionRecord, { programme, category }: Entry, nominations: readonly NominationRecord[]): Promise<RevealedCategory> {
    const byId = new Map(nominations.map((n) => [n.id, n]));
    const winners: RevealedWinner[] = [];
    for (const id of category.winners?.nominationIds ?? []) {
      const nomination = byId.get(id);
      if (!nomination) continue;
      winners.push({ nominationId: id, name: nomination.nomineeName, photoUrl: await this.photoOf(session, nomination), citation: nomination.citation });
    }
    return {
      categoryId: category.id,
      programmeName: programme.name,
      name: { zh: category.nameZh, en: category.nameEn },
      winners,
      revealedAt: category.winners?.revealedAt?.toISOString() ?? '',
    };
  }

  /**
   * A person's photo only as they gave it in this very session: their account kept the
   * participant of this session (a claim), the participant consented to the big screen showing
   * the photo, and the facilitator did not hide the face. Anything else shows initials.
   */
  private async photoOf(session: SessionRecord, nomination: NominationRecord): Promise<string | null> {
    if (nomination.nomineeKind !== 'person') return null;
    const claims = await this.store.liveLinks.listClaims(nomination.nomineeRefId, CLAIMS_READ);
    const claim = claims.find((c) => c.sessionId === session.id);
    if (!claim) return null;
    const participant = await this.store.getParticipant(session.id, claim.participantId);
    if (!participant || participant.removedAt !== null || participant.faceHidden || participant.photoVersion === null || participant.photoConsentAt === null) return null;
    return `/api/sessions/${session.code}/participants/${participant.id}/photo?v=${encodeURIComponent(participant.photoVersion)}`;
  }
}
