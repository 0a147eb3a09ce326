import { snapshotRequestSchema } from '@ideasphere/shared';
import { errors } from '../errors.js';
import { audienceOf } from '../services/board/visibility.js';
import { type HandlerDeps, type HandlerTable, facilitatorOnly, requireParticipant } from './handlerTypes.js';

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
  | 'results:get';

/** Live idea board events: validate → authorize (role from the handshake) → service. */
export function boardHandlers({ board, ideas, voting }: HandlerDeps): HandlerTable<BoardEvent> {
  return {
    'board:snapshot': async (payload, { session, socket, participant }) => {
      expectEmpty(payload, 'board snapshot request');
      return board.snapshot(session, audienceOf(socket.data.role), participant);
    },
    'board:page': async (payload, { session, socket }) => board.page(session, audienceOf(socket.data.role), payload),
    'idea:submit': async (payload, context) =>
      ideas.submit(context.session, requireParticipant(context, 'submit ideas'), payload),
    'vote:cast': async (payload, context) => voting.cast(context.session, requireParticipant(context, 'vote'), payload),
    'reaction:toggle': async (payload, context) =>
      voting.react(context.session, requireParticipant(context, 'react'), payload),
    'phase:set': facilitatorOnly('change the phase', (session, payload) => board.setPhase(session, payload)),
    'board:configure': facilitatorOnly('change board settings', (session, payload) => board.configure(session, payload)),
    'idea:moderate': facilitatorOnly('moderate ideas', (session, payload) => ideas.moderate(session, payload)),
    'idea:edit': facilitatorOnly('edit ideas', (session, payload) => ideas.edit(session, payload)),
    'idea:merge': facilitatorOnly('merge ideas', (session, payload) => ideas.merge(session, payload)),
    'idea:cluster': facilitatorOnly('group ideas', (session, payload) => ideas.assignCluster(session, payload)),
    'cluster:create': facilitatorOnly('create clusters', (session, payload) => ideas.createCluster(session, payload)),
    'cluster:rename': facilitatorOnly('rename clusters', (session, payload) => ideas.renameCluster(session, payload)),
    'cluster:delete': facilitatorOnly('delete clusters', (session, payload) => ideas.deleteCluster(session, payload)),
    'results:get': async (payload, { session, socket }) => {
      expectEmpty(payload, 'results request');
      return board.results(session, audienceOf(socket.data.role));
    },
  };
}

/** Requests that take no arguments accept `{}` (or nothing) and nothing else. */
function expectEmpty(payload: unknown, what: string): void {
  const parsed = snapshotRequestSchema.safeParse(payload);
  if (!parsed.success) throw errors.invalid(what, parsed.error);
}
