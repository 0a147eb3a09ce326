import type { z } from 'zod';
import {
  type EventInput,
  type JoinedSession,
  PARTICIPANT_PAGE_SIZE,
  type ParticipantPage,
  type ParticipantPublic,
  type VenueCounts,
  joinSessionBodySchema,
} from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { Broadcasts } from '../realtime/Broadcasts.js';
import { hashToken, newId, newToken } from '../ids.js';
import { presentParticipant, presentVenueCounts } from '../presenters.js';
import { type ParticipantRecord, type PhotoRecord, type SessionRecord, type Store, StoreConflictError } from '../store/Store.js';
import type { Presence } from './Presence.js';
import { normalizePhoto } from './photos.js';

/** Joining, renaming, photos and listing of participants. */
export class ParticipantService {
  /** Per session: the tail of its queue of count broadcasts (see `announceCounts`). */
  private readonly countQueues = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly presence: Presence,
    private readonly broadcasts: Broadcasts,
  ) {}

  present(participant: ParticipantRecord): ParticipantPublic {
    return presentParticipant(participant, this.presence.isOnline(participant.sessionId, participant.id));
  }

  /**
   * Adds a participant to the session and returns their token (shown only this once).
   * `deviceHash` identifies the browser (its device cookie): one whose participant was removed
   * stays out of this session, whatever name it tries next.
   */
  async join(session: SessionRecord, input: z.output<typeof joinSessionBodySchema>, deviceHash: string): Promise<JoinedSession> {
    const participantToken = newToken();
    const record = await this.add(session, input, deviceHash, hashToken(participantToken));
    return { participant: this.present(record), participantToken };
  }

  /**
   * Joins in the socket handshake, with the token the phone made (`socketAuthSchema.join`):
   * the participant who holds that token when there is one (the same join tried again after
   * its answer was lost), else a new one. `spend` runs before a participant is made (the
   * address's join budget). A removed participant's token is refused like any dead token.
   */
  async joinWithToken(
    session: SessionRecord,
    input: z.output<typeof joinSessionBodySchema>,
    deviceHash: string,
    tokenHash: string,
    spend: () => Promise<void>,
  ): Promise<ParticipantRecord> {
    const held = await this.holderOf(session, tokenHash);
    if (held) return held;
    await spend();
    try {
      return await this.add(session, input, deviceHash, tokenHash);
    } catch (error) {
      // Two tries of the same join at once: the one written first is the participant.
      if (!(error instanceof StoreConflictError)) throw error;
      const raced = await this.holderOf(session, tokenHash);
      if (!raced) throw error;
      return raced;
    }
  }

  private async holderOf(session: SessionRecord, tokenHash: string): Promise<ParticipantRecord | null> {
    const held = await this.store.getParticipantByTokenHash(session.id, tokenHash);
    if (held?.removedAt) throw errors.badToken();
    return held;
  }

  private async add(session: SessionRecord, input: z.output<typeof joinSessionBodySchema>, deviceHash: string, tokenHash: string): Promise<ParticipantRecord> {
    if (!session.settings.joiningOpen) throw errors.joiningClosed();
    if (await this.store.isDeviceRemoved(session.id, deviceHash)) throw errors.removedFromSession();
    const { venueId } = input;
    // The venue of the QR code scanned; a plain join link lands in the first venue.
    const venue = venueId === undefined ? session.venues[0] : session.venues.find((v) => v.id === venueId);
    if (!venue) throw errors.unknownVenue();
    const record: ParticipantRecord = {
      id: newId(),
      sessionId: session.id,
      name: input.name,
      tokenHash,
      photoVersion: null,
      joinedAt: new Date(),
      removedAt: null,
      venueId: venue.id,
      faceHidden: false,
      photoConsentAt: null,
      deviceHash,
    };
    await this.store.addParticipant(record);
    const participant = this.present(record);
    await this.announceCounts(session, (count, venueCounts) => this.broadcasts.participantJoined(session.id, participant, count, venueCounts));
    return record;
  }

  /** Removes a participant: their token stops working and their sockets are closed. */
  async remove(session: SessionRecord, input: EventInput<'participant:remove'>): Promise<{ participantId: string; participantCount: number }> {
    const participant = await this.store.getParticipant(session.id, input.participantId);
    if (!participant || participant.removedAt) throw errors.participantNotFound();
    await this.store.updateParticipant(session.id, participant.id, { removedAt: new Date() });
    const participantCount = await this.announceCounts(session, (count, venueCounts) =>
      this.broadcasts.participantRemoved(session.id, participant.id, count, venueCounts),
    );
    return { participantId: participant.id, participantCount };
  }

  /**
   * Reads the counts and broadcasts them in order, one session at a time: with a join and a
   * removal racing, the later broadcast then always counts both writes, and screens (which take
   * the newest count) never settle on a stale one. Resolves with the total.
   */
  private announceCounts(session: SessionRecord, broadcast: (count: number, venueCounts: VenueCounts) => void): Promise<number> {
    const run = async () => {
      const [count, venueCounts] = await this.counts(session);
      broadcast(count, venueCounts);
      return count;
    };
    const previous = this.countQueues.get(session.id) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.countQueues.set(session.id, settled);
    void settled.then(() => {
      if (this.countQueues.get(session.id) === settled) this.countQueues.delete(session.id);
    });
    return next;
  }

  /** Present participants in all and per venue (a zero for each venue nobody joined). */
  async counts(session: SessionRecord): Promise<[number, VenueCounts]> {
    const [count, byVenue] = await Promise.all([
      this.store.countParticipants(session.id),
      this.store.countParticipantsByVenue(session.id),
    ]);
    return [count, presentVenueCounts(session, byVenue, count)];
  }

  /** Facilitator: hide a face from every screen (its photo URL answers 404), or show it again. */
  async setFaceHidden(session: SessionRecord, input: EventInput<'face:hide'>): Promise<ParticipantPublic> {
    const participant = await this.store.getParticipant(session.id, input.participantId);
    if (!participant || participant.removedAt) throw errors.participantNotFound();
    return this.patch(session, participant, { faceHidden: input.hidden });
  }

  async rename(session: SessionRecord, participant: ParticipantRecord, input: EventInput<'participant:rename'>): Promise<ParticipantPublic> {
    return this.patch(session, participant, { name: input.name });
  }

  /**
   * Validates, re-encodes and stores a photo the participant consented to show, then tells every screen
   * its new version. The caller checks consent before reading the upload.
   */
  async setPhoto(session: SessionRecord, participant: ParticipantRecord, mime: string, bytes: Uint8Array): Promise<ParticipantPublic> {
    const photo = await normalizePhoto(mime, bytes);
    // The upload may have taken a while on a venue's Wi-Fi: a participant removed meanwhile
    // stores nothing (and `patch` below would refuse them anyway).
    const current = await this.store.getParticipant(session.id, participant.id);
    if (!current || current.removedAt) throw errors.participantNotFound();
    await this.store.putPhoto(session.id, participant.id, photo);
    return this.patch(session, participant, { photoVersion: photo.version, photoConsentAt: new Date() });
  }

  /** Removes the photo and the consent that came with it. */
  async removePhoto(session: SessionRecord, participant: ParticipantRecord): Promise<ParticipantPublic> {
    // Clear the reference first: a screen must never ask for a photo that is being deleted.
    const updated = await this.patch(session, participant, { photoVersion: null, photoConsentAt: null });
    await this.store.deletePhoto(session.id, participant.id);
    return updated;
  }

  async photo(session: SessionRecord, participantId: string): Promise<PhotoRecord> {
    const participant = await this.store.getParticipant(session.id, participantId);
    // A hidden face's photo is gone from every screen, cached copies aside: no URL serves it.
    if (!participant || participant.removedAt || participant.faceHidden || !participant.photoVersion) throw errors.photoNotFound();
    const photo = await this.store.getPhoto(session.id, participantId);
    if (!photo) throw errors.photoNotFound();
    return photo;
  }

  async page(session: SessionRecord, input: EventInput<'participants:page'>): Promise<ParticipantPage> {
    // Ask for one more than a page to learn whether another page follows.
    const records = await this.store.listParticipants(session.id, {
      ...(input.after === undefined ? {} : { after: input.after }),
      limit: PARTICIPANT_PAGE_SIZE + 1,
    });
    const page = records.slice(0, PARTICIPANT_PAGE_SIZE);
    const last = page.at(-1);
    return {
      participants: page.map((p) => this.present(p)),
      nextCursor: records.length > PARTICIPANT_PAGE_SIZE && last ? last.id : null,
    };
  }

  private async patch(
    session: SessionRecord,
    participant: ParticipantRecord,
    patch: Partial<Pick<ParticipantRecord, 'name' | 'photoVersion' | 'photoConsentAt' | 'faceHidden'>>,
  ): Promise<ParticipantPublic> {
    const updated = await this.store.updateParticipant(session.id, participant.id, patch);
    // A change that lands after a removal must not bring the participant back on any screen.
    if (!updated || updated.removedAt) throw errors.participantNotFound();
    const presented = this.present(updated);
    this.broadcasts.participantUpdated(session.id, presented);
    return presented;
  }
}
