import { audienceOf } from '../services/board/visibility.js';
import { type HandlerDeps, type HandlerGroup, participantOf } from './handlerTypes.js';

type BoardEvent =
  | 'board:snapshot'
  | 'board:page'
  | 'idea:submit'
  | 'vote:cast'
  | 'reaction:toggle'
  | 'phase:set'
  | 'board:configure'
  | 'idea:moderate'
  | 'idea:edit'
  | 'idea:merge'
  | 'idea:cluster'
  | 'cluster:create'
  | 'cluster:rename'
  | 'cluster:delete'
  | 'word:hide'
  | 'results:get';

/** Live idea board events: the dispatcher has checked the role and parsed the payload. */
export function boardHandlers({ board, ideas, voting }: HandlerDeps): HandlerGroup<BoardEvent> {
  return {
    'board:snapshot': (_input, { session, socket, participant }) => board.snapshot(session, audienceOf(socket.data.role), participant),
    'board:page': (input, { session, socket }) => board.page(session, audienceOf(socket.data.role), input),
    'results:get': (_input, { session, socket }) => board.results(session, audienceOf(socket.data.role)),
    'idea:submit': (input, context) => ideas.submit(context.session, participantOf(context), input),
    'vote:cast': (input, context) => voting.cast(context.session, participantOf(context), input),
    'reaction:toggle': (input, context) => voting.react(context.session, participantOf(context), input),
    'phase:set': (input, { session }) => board.setPhase(session, input),
    'board:configure': (input, { session }) => board.configure(session, input),
    'idea:moderate': (input, { session }) => ideas.moderate(session, input),
    'idea:edit': (input, { session }) => ideas.edit(session, input),
    'idea:merge': (input, { session }) => ideas.merge(session, input),
    'idea:cluster': (input, { session }) => ideas.assignCluster(session, input),
    'cluster:create': (input, { session }) => ideas.createCluster(session, input),
    'cluster:rename': (input, { session }) => ideas.renameCluster(session, input),
    'cluster:delete': (input, { session }) => ideas.deleteCluster(session, input),
    'word:hide': (input, { session }) => board.hideWord(session, input),
  };
}
