import { snapshotRequestSchema } from '@ideasphere/shared';
import { errors } from '../errors.js';
import { audienceOf } from '../services/board/visibility.js';
import { type HandlerDeps, type HandlerTable, requireFacilitator, requireParticipant } from './handlerTypes.js';

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
    'phase:set': async (payload, context) => {
      requireFacilitator(context, 'change the phase');
      return board.setPhase(context.session, payload);
    },
    'board:configure': async (payload, context) => {
      requireFacilitator(context, 'change board settings');
      return board.configure(context.session, payload);
    },
    'idea:moderate': async (payload, context) => {
      requireFacilitator(context, 'moderate ideas');
      return ideas.moderate(context.session, payload);
    },
    'idea:edit': async (payload, context) => {
      requireFacilitator(context, 'edit ideas');
      return ideas.edit(context.session, payload);
    },
    'idea:merge': async (payload, context) => {
      requireFacilitator(context, 'merge ideas');
      return ideas.merge(context.session, payload);
    },
    'idea:cluster': async (payload, context) => {
      requireFacilitator(context, 'group ideas');
      return ideas.assignCluster(context.session, payload);
    },
    'cluster:create': async (payload, context) => {
      requireFacilitator(context, 'create clusters');
      return ideas.createCluster(context.session, payload);
    },
    'cluster:rename': async (payload, context) => {
      requireFacilitator(context, 'rename clusters');
      return ideas.renameCluster(context.session, payload);
    },
    'cluster:delete': async (payload, context) => {
      requireFacilitator(context, 'delete clusters');
      return ideas.deleteCluster(context.session, payload);
    },
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
