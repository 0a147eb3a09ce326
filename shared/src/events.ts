import type { z } from 'zod';
import type {
  BoardResults,
  BoardSettings,
  BoardDelta,
  BoardSnapshot,
  ClusterPublic,
  IdeaPage,
  IdeaPublic,
  PhaseState,
  ReactionResult,
  VoteResult,
} from './boardModel.js';
import {
  boardPageSchema,
  boardSettingsPatchSchema,
  clusterCreateSchema,
  clusterDeleteSchema,
  clusterRenameSchema,
  ideaClusterSchema,
  ideaEditSchema,
  ideaMergeSchema,
  ideaModerateSchema,
  ideaSubmitSchema,
  participantRemoveSchema,
  phaseSetSchema,
  reactionToggleSchema,
  voteCastSchema,
  wordHideSchema,
} from './boardSchemas.js';
import type {
  CeremonyState,
  StageSnapshot,
  VenueAdded,
  VenueCounts,
  VenuePublic,
  VenueScreenLink,
} from './ceremonyModel.js';
import {
  ceremonyFinaleSchema,
  faceHideSchema,
  screenSwitchSchema,
  venueAddSchema,
  venueRenameSchema,
  venueRotateScreenLinkSchema,
} from './ceremonySchemas.js';
import type { Ack } from './errors.js';
import type { AwardRevealState } from './awards/awardModel.js';
import { awardRevealNextSchema } from './awards/awardSchemas.js';
import type { ModeratorLink, QaCatchUp, QaDelta, QaSettings, QaSnapshot, QaTrackPublic, QuestionPublic, UpvoteResult } from './qa/qaModel.js';
import {
  qaCatchUpSchema,
  qaSettingsPatchSchema,
  questionAskSchema,
  questionEditSchema,
  questionHighlightSchema,
  questionMergeSchema,
  questionModerateSchema,
  questionUpvoteSchema,
  trackCreateSchema,
  trackRenameSchema,
} from './qa/qaSchemas.js';
import type { PollAnswerResult, PollDelta, PollPublic, PollSnapshot } from './polls/pollModel.js';
import {
  pollAnswerSchema,
  pollCreateSchema,
  pollEditSchema,
  pollIdSchema,
  pollReorderSchema,
  pollShowResultsSchema,
} from './polls/pollSchemas.js';
import type {
  FacilitatorLink,
  KickNotice,
  ParticipantPage,
  ParticipantPublic,
  PresenceChange,
  ScreenLink,
  SessionCatchUp,
  SessionPublic,
  SessionSnapshot,
} from './model.js';
import {
  type Role,
  type SocketAuth,
  catchUpRequestSchema,
  noArgumentsSchema,
  participantsPageRequestSchema,
  renameRequestSchema,
  sessionUpdateRequestSchema,
} from './schemas.js';

/**
 * A type-only marker for what an event's ack carries: `acks<T>()` is `undefined` at run time
 * and exists so the table below can say the ack's type next to the payload's schema.
 */
interface AckMarker<T> {
  readonly ack?: T;
}
function acks<T>(): AckMarker<T> {
  return {};
}

const FACILITATOR = ['facilitator'] as const satisfies readonly Role[];
const PARTICIPANT = ['participant'] as const satisfies readonly Role[];
const STAFF_AND_SCREENS = ['facilitator', 'screen'] as const satisfies readonly Role[];
const EVERYONE = ['facilitator', 'screen', 'participant'] as const satisfies readonly Role[];
/** Every role, the Q&A moderator too (the session's name and stage, and the Q&A). */
const ALL_ROLES = ['facilitator', 'screen', 'participant', 'moderator'] as const satisfies readonly Role[];
/** Who runs the Q&A: the facilitator, and moderators they invited by link. */
const QA_STAFF = ['facilitator', 'moderator'] as const satisfies readonly Role[];

/**
 * The client → server protocol, one row per event: the schema its payload must pass, who may
 * send it (any other role gets `forbidden` before the payload is read), and what its ack
 * carries. The server parses every payload with the row's schema once, when it dispatches, so
 * services take typed input; the event list, the Socket.IO event map and the server's handler
 * table are all derived from this table: an event added here without a handler, or a handler
 * without a row, does not compile.
 */
export const CLIENT_EVENT_TABLE = {
  'session:snapshot': { payload: noArgumentsSchema, roles: ALL_ROLES, ack: acks<SessionSnapshot>() },
  'session:catchUp': { payload: catchUpRequestSchema, roles: ALL_ROLES, ack: acks<SessionCatchUp>() },
  'participants:page': { payload: participantsPageRequestSchema, roles: STAFF_AND_SCREENS, ack: acks<ParticipantPage>() },
  'participant:rename': { payload: renameRequestSchema, roles: PARTICIPANT, ack: acks<ParticipantPublic>() },
  'session:update': { payload: sessionUpdateRequestSchema, roles: FACILITATOR, ack: acks<SessionPublic>() },
  'session:rotateFacilitatorLink': { payload: noArgumentsSchema, roles: FACILITATOR, ack: acks<FacilitatorLink>() },
  'session:rotateScreenLink': { payload: noArgumentsSchema, roles: FACILITATOR, ack: acks<ScreenLink>() },
  'participant:remove': {
    payload: participantRemoveSchema,
    roles: FACILITATOR,
    ack: acks<{ participantId: string; participantCount: number }>(),
  },

  // Live idea board
  'board:snapshot': { payload: noArgumentsSchema, roles: EVERYONE, ack: acks<BoardSnapshot>() },
  'board:page': { payload: boardPageSchema, roles: EVERYONE, ack: acks<IdeaPage>() },
  'results:get': { payload: noArgumentsSchema, roles: EVERYONE, ack: acks<BoardResults>() },
  'idea:submit': { payload: ideaSubmitSchema, roles: PARTICIPANT, ack: acks<IdeaPublic>() },
  'vote:cast': { payload: voteCastSchema, roles: PARTICIPANT, ack: acks<VoteResult>() },
  'reaction:toggle': { payload: reactionToggleSchema, roles: PARTICIPANT, ack: acks<ReactionResult>() },
  'phase:set': { payload: phaseSetSchema, roles: FACILITATOR, ack: acks<PhaseState>() },
  'board:configure': { payload: boardSettingsPatchSchema, roles: FACILITATOR, ack: acks<BoardSettings>() },
  'idea:moderate': { payload: ideaModerateSchema, roles: FACILITATOR, ack: acks<IdeaPublic>() },
  'idea:edit': { payload: ideaEditSchema, roles: FACILITATOR, ack: acks<IdeaPublic>() },
  'idea:merge': { payload: ideaMergeSchema, roles: FACILITATOR, ack: acks<IdeaPublic>() },
  'idea:cluster': { payload: ideaClusterSchema, roles: FACILITATOR, ack: acks<IdeaPublic>() },
  'cluster:create': { payload: clusterCreateSchema, roles: FACILITATOR, ack: acks<ClusterPublic>() },
  'cluster:rename': { payload: clusterRenameSchema, roles: FACILITATOR, ack: acks<ClusterPublic>() },
  'cluster:delete': { payload: clusterDeleteSchema, roles: FACILITATOR, ack: acks<{ clusterId: string }>() },
  'word:hide': { payload: wordHideSchema, roles: FACILITATOR, ack: acks<BoardSettings>() },

  // Audience Q&A
  'qa:snapshot': { payload: noArgumentsSchema, roles: ALL_ROLES, ack: acks<QaSnapshot>() },
  'qa:catchUp': { payload: qaCatchUpSchema, roles: ALL_ROLES, ack: acks<QaCatchUp>() },
  'question:ask': { payload: questionAskSchema, roles: PARTICIPANT, ack: acks<QuestionPublic>() },
  'question:upvote': { payload: questionUpvoteSchema, roles: PARTICIPANT, ack: acks<UpvoteResult>() },
  'question:moderate': { payload: questionModerateSchema, roles: QA_STAFF, ack: acks<QuestionPublic>() },
  'question:edit': { payload: questionEditSchema, roles: QA_STAFF, ack: acks<QuestionPublic>() },
  'question:merge': { payload: questionMergeSchema, roles: QA_STAFF, ack: acks<QuestionPublic>() },
  'question:highlight': { payload: questionHighlightSchema, roles: QA_STAFF, ack: acks<QaTrackPublic>() },
  'track:create': { payload: trackCreateSchema, roles: QA_STAFF, ack: acks<QaTrackPublic>() },
  'track:rename': { payload: trackRenameSchema, roles: QA_STAFF, ack: acks<QaTrackPublic>() },
  'qa:configure': { payload: qaSettingsPatchSchema, roles: QA_STAFF, ack: acks<QaSettings>() },
  'qa:rotateModeratorLink': { payload: noArgumentsSchema, roles: FACILITATOR, ack: acks<ModeratorLink>() },

  // Live polls
  'poll:snapshot': { payload: noArgumentsSchema, roles: EVERYONE, ack: acks<PollSnapshot>() },
  'poll:create': { payload: pollCreateSchema, roles: FACILITATOR, ack: acks<PollPublic>() },
  'poll:edit': { payload: pollEditSchema, roles: FACILITATOR, ack: acks<PollPublic>() },
  'poll:delete': { payload: pollIdSchema, roles: FACILITATOR, ack: acks<{ pollId: string }>() },
  'poll:reorder': { payload: pollReorderSchema, roles: FACILITATOR, ack: acks<PollPublic[]>() },
  'poll:launch': { payload: pollIdSchema, roles: FACILITATOR, ack: acks<PollPublic>() },
  'poll:close': { payload: pollIdSchema, roles: FACILITATOR, ack: acks<PollPublic>() },
  'poll:showResults': { payload: pollShowResultsSchema, roles: FACILITATOR, ack: acks<PollPublic>() },
  'poll:answer': { payload: pollAnswerSchema, roles: PARTICIPANT, ack: acks<PollAnswerResult>() },

  // Join ceremony and venues
  'ceremony:start': { payload: noArgumentsSchema, roles: FACILITATOR, ack: acks<CeremonyState>() },
  'ceremony:finale': { payload: ceremonyFinaleSchema, roles: FACILITATOR, ack: acks<CeremonyState>() },
  'screen:switch': { payload: screenSwitchSchema, roles: FACILITATOR, ack: acks<StageSnapshot>() },
  'venue:add': { payload: venueAddSchema, roles: FACILITATOR, ack: acks<VenueAdded>() },
  'venue:rename': { payload: venueRenameSchema, roles: FACILITATOR, ack: acks<VenuePublic>() },
  'venue:rotateScreenLink': { payload: venueRotateScreenLinkSchema, roles: FACILITATOR, ack: acks<VenueScreenLink>() },
  'face:hide': { payload: faceHideSchema, roles: FACILITATOR, ack: acks<ParticipantPublic>() },
  // Awards: the reveal, category by category (the console reveals; every screen and phone reads and follows)
  'award:state': { payload: noArgumentsSchema, roles: EVERYONE, ack: acks<AwardRevealState>() },
  'award:revealNext': { payload: awardRevealNextSchema, roles: FACILITATOR, ack: acks<AwardRevealState>() },
} as const satisfies Record<string, { payload: z.ZodType; roles: readonly Role[]; ack: AckMarker<unknown> }>;

type ClientEventTable = typeof CLIENT_EVENT_TABLE;

/** Every client → server event name. */
export type ClientEventName = keyof ClientEventTable;
/** What a client sends for an event (the schema's input). */
export type EventPayload<E extends ClientEventName> = z.input<ClientEventTable[E]['payload']>;
/** What the server's handler receives once the payload has passed the schema. */
export type EventInput<E extends ClientEventName> = z.output<ClientEventTable[E]['payload']>;
/** What a successful ack of the event carries. */
export type EventAck<E extends ClientEventName> = ClientEventTable[E]['ack'] extends AckMarker<infer T> ? T : never;

/** The Socket.IO event map of client → server events, derived from the table. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: EventPayload<E>, ack: (response: Ack<EventAck<E>>) => void) => void;
};

/** Names of the client → server events, in the table's order. */
export const CLIENT_EVENTS = Object.keys(CLIENT_EVENT_TABLE) as ClientEventName[];

/** Server → client events: each carries one change, never the whole session. */
export interface ServerToClientEvents {
  'participant:joined': (participant: ParticipantPublic, participantCount: number, venueCounts: VenueCounts) => void;
  'participant:updated': (participant: ParticipantPublic) => void;
  'participant:presence': (change: PresenceChange) => void;
  'session:updated': (session: SessionPublic) => void;
  'session:kicked': (notice: KickNotice) => void;
  'participant:removed': (change: { id: string; participantCount: number; venueCounts: VenueCounts }) => void;
  'board:delta': (delta: BoardDelta) => void;
  'phase:changed': (phase: PhaseState) => void;
  'board:settings': (settings: BoardSettings) => void;
  'ceremony:changed': (state: CeremonyState) => void;
  'venues:changed': (venues: VenuePublic[]) => void;
  'qa:delta': (delta: QaDelta) => void;
  'qa:settings': (settings: QaSettings) => void;
  'award:revealed': (state: AwardRevealState) => void;
  'poll:delta': (delta: PollDelta) => void;
}

export type { SocketAuth };
