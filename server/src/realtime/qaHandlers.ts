import { type HandlerDeps, type HandlerGroup, participantOf } from './handlerTypes.js';

type QaEvent =
  | 'qa:snapshot'
  | 'qa:catchUp'
  | 'question:ask'
  | 'question:upvote'
  | 'question:moderate'
  | 'question:edit'
  | 'question:merge'
  | 'question:highlight'
  | 'track:create'
  | 'track:rename'
  | 'qa:configure'
  | 'qa:rotateModeratorLink';

/** Audience Q&A events: the dispatcher has checked the role and parsed the payload. */
export function qaHandlers({ qa }: HandlerDeps): HandlerGroup<QaEvent> {
  return {
    'qa:snapshot': (_input, { session, socket, participant }) => qa.snapshot(session, socket.data.role, participant),
    'qa:catchUp': (input, { session, socket, participant }) => qa.catchUp(session, socket.data.role, participant, input.since),
    'question:ask': (input, context) => qa.ask(context.session, participantOf(context), input),
    'question:upvote': (input, context) => qa.upvote(context.session, participantOf(context), input),
    'question:moderate': (input, { session }) => qa.moderate(session, input),
    'question:edit': (input, { session }) => qa.edit(session, input),
    'question:merge': (input, { session }) => qa.merge(session, input),
    'question:highlight': (input, { session }) => qa.highlight(session, input),
    'track:create': (input, { session }) => qa.createTrack(session, input),
    'track:rename': (input, { session }) => qa.renameTrack(session, input),
    'qa:configure': (input, { session }) => qa.configure(session, input),
    'qa:rotateModeratorLink': (_input, { session }) => qa.rotateModeratorLink(session),
  };
}
