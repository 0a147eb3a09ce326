import type { ClientEventName, EventAck, EventInput } from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { CatchUpService } from '../services/CatchUpService.js';
import type { CeremonyService } from '../services/CeremonyService.js';
import type { ParticipantService } from '../services/ParticipantService.js';
import type { Presence } from '../services/Presence.js';
import type { SessionService } from '../services/SessionService.js';
import type { BoardService } from '../services/board/BoardService.js';
import type { IdeaService } from '../services/board/IdeaService.js';
import type { VotingService } from '../services/board/VotingService.js';
import type { VenueService } from '../services/VenueService.js';
import type { QaService } from '../qa/QaService.js';
import type { AwardRevealService } from '../awards/AwardRevealService.js';
import type { PollService } from '../polls/PollService.js';
import type { ParticipantRecord, SessionRecord, Store } from '../store/Store.js';
import type { Log } from '../logger.js';
import type { Principals } from './Principals.js';
import type { Broadcasts } from './Broadcasts.js';
import type { IoSocket } from './types.js';

export interface HandlerDeps {
  /** Every server → client message goes through here. */
  broadcasts: Broadcasts;
  store: Store;
  sessions: SessionService;
  participants: ParticipantService;
  presence: Presence;
  board: BoardService;
  ideas: IdeaService;
  voting: VotingService;
  ceremony: CeremonyService;
  venues: VenueService;
  catchUp: CatchUpService;
  /** Audience Q&A. */
  qa: QaService;
  /** The awards' reveal on the big screens. */
  awardReveal: AwardRevealService;
  /** Live polls. */
  polls: PollService;
  /** Sockets and event budgets per principal. */
  principals: Principals;
  log: Log;
}

/** The records a handler acts on, re-read from the store for every event. */
export interface Context {
  socket: IoSocket;
  session: SessionRecord;
  participant: ParticipantRecord | null;
}

/** Handles one event: its payload has passed the event's schema and the sender's role its row. */
export type Handler<E extends ClientEventName> = (input: EventInput<E>, context: Context) => Promise<EventAck<E>>;

/** One handler per event of CLIENT_EVENT_TABLE: a missing or extra one does not compile. */
export type HandlerTable = { [E in ClientEventName]: Handler<E> };

/** The handlers of one group of events (merged into the HandlerTable by the dispatcher). */
export type HandlerGroup<E extends ClientEventName> = Pick<HandlerTable, E>;

/**
 * The sender's participant record. The dispatcher lets only participants send participant
 * events, so this narrows the type; a null here is a bug, not the caller's mistake.
 */
export function participantOf(context: Context): ParticipantRecord {
  if (!context.participant) throw errors.internal();
  return context.participant;
}
