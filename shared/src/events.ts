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
import type {
  BoardPageRequest,
  BoardSettingsPatch,
  ClusterCreate,
  ClusterDelete,
  ClusterRename,
  IdeaCluster,
  IdeaEdit,
  IdeaMerge,
  IdeaModerate,
  IdeaSubmit,
  ParticipantRemove,
  PhaseSet,
  ReactionToggle,
  VoteCast,
} from './boardSchemas.js';
import type {
  CeremonyState,
  StageSnapshot,
  VenueAdded,
  VenueCounts,
  VenuePublic,
  VenueScreenLink,
} from './ceremonyModel.js';
import type {
  CeremonyFinale,
  FaceHide,
  ScreenSwitch,
  VenueAdd,
  VenueRename,
  VenueRotateScreenLink,
} from './ceremonySchemas.js';
import type { Ack } from './errors.js';
import type {
  FacilitatorLink,
  KickNotice,
  ParticipantPage,
  ParticipantPublic,
  PresenceChange,
  ScreenLink,
  SessionPublic,
  SessionSnapshot,
} from './model.js';
import type {
  ParticipantsPageRequest,
  RenameRequest,
  SessionUpdateRequest,
  SocketAuth,
} from './schemas.js';

type AckFn<T> = (response: Ack<T>) => void;

/**
 * Client → server events. Payload types describe what a well-behaved client sends; the
 * server still parses every payload with the matching schema in `schemas.ts`.
 */
export interface ClientToServerEvents {
  'session:snapshot': (payload: Record<string, never>, ack: AckFn<SessionSnapshot>) => void;
  'participants:page': (payload: ParticipantsPageRequest, ack: AckFn<ParticipantPage>) => void;
  'participant:rename': (payload: RenameRequest, ack: AckFn<ParticipantPublic>) => void;
  'session:update': (payload: SessionUpdateRequest, ack: AckFn<SessionPublic>) => void;
  'session:rotateFacilitatorLink': (payload: Record<string, never>, ack: AckFn<FacilitatorLink>) => void;
  'session:rotateScreenLink': (payload: Record<string, never>, ack: AckFn<ScreenLink>) => void;

  // Live idea board: everyone
  'board:snapshot': (payload: Record<string, never>, ack: AckFn<BoardSnapshot>) => void;
  'board:page': (payload: BoardPageRequest, ack: AckFn<IdeaPage>) => void;
  // participants
  'idea:submit': (payload: IdeaSubmit, ack: AckFn<IdeaPublic>) => void;
  'vote:cast': (payload: VoteCast, ack: AckFn<VoteResult>) => void;
  'reaction:toggle': (payload: ReactionToggle, ack: AckFn<ReactionResult>) => void;
  // facilitator
  'phase:set': (payload: PhaseSet, ack: AckFn<PhaseState>) => void;
  'board:configure': (payload: BoardSettingsPatch, ack: AckFn<BoardSettings>) => void;
  'idea:moderate': (payload: IdeaModerate, ack: AckFn<IdeaPublic>) => void;
  'idea:edit': (payload: IdeaEdit, ack: AckFn<IdeaPublic>) => void;
  'idea:merge': (payload: IdeaMerge, ack: AckFn<IdeaPublic>) => void;
  'idea:cluster': (payload: IdeaCluster, ack: AckFn<IdeaPublic>) => void;
  'cluster:create': (payload: ClusterCreate, ack: AckFn<ClusterPublic>) => void;
  'cluster:rename': (payload: ClusterRename, ack: AckFn<ClusterPublic>) => void;
  'cluster:delete': (payload: ClusterDelete, ack: AckFn<{ clusterId: string }>) => void;
  'participant:remove': (payload: ParticipantRemove, ack: AckFn<{ participantId: string; participantCount: number }>) => void;
  'results:get': (payload: Record<string, never>, ack: AckFn<BoardResults>) => void;

  // Join ceremony and venues: facilitator only
  'ceremony:start': (payload: Record<string, never>, ack: AckFn<CeremonyState>) => void;
  'ceremony:finale': (payload: CeremonyFinale, ack: AckFn<CeremonyState>) => void;
  'screen:switch': (payload: ScreenSwitch, ack: AckFn<StageSnapshot>) => void;
  'venue:add': (payload: VenueAdd, ack: AckFn<VenueAdded>) => void;
  'venue:rename': (payload: VenueRename, ack: AckFn<VenuePublic>) => void;
  'venue:rotateScreenLink': (payload: VenueRotateScreenLink, ack: AckFn<VenueScreenLink>) => void;
  'face:hide': (payload: FaceHide, ack: AckFn<ParticipantPublic>) => void;
}

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
}

/** Names of the client → server events, for docs and exhaustive handler tables. */
export const CLIENT_EVENTS = [
  'session:snapshot',
  'participants:page',
  'participant:rename',
  'session:update',
  'session:rotateFacilitatorLink',
  'session:rotateScreenLink',
  'board:snapshot',
  'board:page',
  'idea:submit',
  'vote:cast',
  'reaction:toggle',
  'phase:set',
  'board:configure',
  'idea:moderate',
  'idea:edit',
  'idea:merge',
  'idea:cluster',
  'cluster:create',
  'cluster:rename',
  'cluster:delete',
  'participant:remove',
  'results:get',
  'ceremony:start',
  'ceremony:finale',
  'screen:switch',
  'venue:add',
  'venue:rename',
  'venue:rotateScreenLink',
  'face:hide',
] as const satisfies readonly (keyof ClientToServerEvents)[];

export type { SocketAuth };
