import { type HandlerDeps, type HandlerGroup, participantOf } from './handlerTypes.js';

type PollEvent = 'poll:snapshot' | 'poll:create' | 'poll:edit' | 'poll:delete' | 'poll:reorder' | 'poll:launch' | 'poll:close' | 'poll:showResults' | 'poll:answer';

/** Live poll events: the dispatcher has checked the role and parsed the payload. */
export function pollHandlers({ polls }: HandlerDeps): HandlerGroup<PollEvent> {
  return {
    'poll:snapshot': (_input, { session, socket, participant }) => polls.snapshot(session, socket.data.role, participant),
    'poll:create': (input, { session }) => polls.create(session, input),
    'poll:edit': (input, { session }) => polls.edit(session, input),
    'poll:delete': (input, { session }) => polls.remove(session, input),
    'poll:reorder': (input, { session }) => polls.reorder(session, input),
    'poll:launch': (input, { session }) => polls.launch(session, input),
    'poll:close': (input, { session }) => polls.close(session, input),
    'poll:showResults': (input, { session }) => polls.showResults(session, input),
    'poll:answer': (input, context) => polls.answer(context.session, participantOf(context), input),
  };
}
