import { hashToken } from '../ids.js';
import type { HandlerDeps, HandlerGroup } from './handlerTypes.js';
import { participantOf } from './handlerTypes.js';
import { tokenRoom, type IoSocket } from './types.js';

type SessionEvent =
  | 'session:snapshot'
  | 'session:catchUp'
  | 'participants:page'
  | 'participant:rename'
  | 'session:update'
  | 'participant:remove'
  | 'session:rotateFacilitatorLink'
  | 'session:rotateScreenLink';

/** Session and participant events. */
export function sessionHandlers(deps: HandlerDeps): HandlerGroup<SessionEvent> {
  const { sessions, participants, presence, store, ceremony } = deps;
  return {
    'session:snapshot': async (_input, { session, participant, socket }) => {
      // Phones never get the roster (names of others); the facilitator and screens do.
      // A screen's venue is its link's; a phone's is where it joined.
      const myVenueId = participant ? participant.venueId : socket.data.venueId;
      const version = await store.sessionVersion(session.id);
      const [participantCount, firstPage, stage] = await Promise.all([
        store.countParticipants(session.id),
        participant || socket.data.role === 'moderator' ? Promise.resolve({ participants: [], nextCursor: null }) : participants.page(session, {}),
        ceremony.stage(session, myVenueId),
      ]);
      return {
        version,
        session: sessions.present(session),
        role: socket.data.role,
        me: participant ? participants.present(participant) : null,
        participantCount,
        onlineCount: presence.onlineCount(session.id),
        firstPage,
        stage,
      };
    },
    'session:catchUp': (input, { session, participant, socket }) =>
      deps.catchUp.catchUp(session.id, socket.data.role, participant, socket.data.venueId, input.since),
    'participants:page': (input, { session }) => participants.page(session, input),
    'participant:rename': (input, context) => participants.rename(context.session, participantOf(context), input),
    'session:update': async (input, { session }) => {
      const updated = await sessions.update(session, input);
      deps.broadcasts.sessionUpdated(session.id, updated);
      return updated;
    },
    'participant:remove': (input, { session }) => participants.remove(session, input),
    'session:rotateFacilitatorLink': async (_input, { session, socket }) => {
      const { link, revokedHash } = await sessions.rotateFacilitatorLink(session);
      // The console that asked keeps its socket, now under the new link; every other socket
      // opened with the old one (other consoles, screens it previewed) is closed.
      moveToCredential(socket, hashToken(link.facilitatorToken), deps);
      deps.broadcasts.credentialRevoked(revokedHash);
      return link;
    },
    'session:rotateScreenLink': async (_input, { session }) => {
      const { link, revokedHash } = await sessions.rotateScreenLink(session);
      deps.broadcasts.credentialRevoked(revokedHash);
      return link;
    },
  };
}

/** Re-files a socket under a new token of the same principal (rooms and event budget). */
function moveToCredential(socket: IoSocket, tokenHash: string, deps: HandlerDeps): void {
  void socket.leave(tokenRoom(socket.data.tokenHash));
  deps.principals.release(socket);
  socket.data.tokenHash = tokenHash;
  deps.principals.admit(socket);
  void socket.join(tokenRoom(tokenHash));
}
