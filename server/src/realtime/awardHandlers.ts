import type { HandlerDeps, HandlerGroup } from './handlerTypes.js';

type AwardEvent = 'award:state' | 'award:revealNext';

/** The awards' reveal: anyone in the session reads where it stands, the console reveals the next category. */
export function awardHandlers({ awardReveal }: HandlerDeps): HandlerGroup<AwardEvent> {
  return {
    'award:state': (_input, { session }) => awardReveal.state(session),
    'award:revealNext': (input, { session }) => awardReveal.revealNext(session, input.categoryId),
  };
}
