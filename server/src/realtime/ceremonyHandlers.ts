import type { HandlerDeps, HandlerGroup } from './handlerTypes.js';

type CeremonyEvent =
  | 'ceremony:start'
  | 'ceremony:finale'
  | 'screen:switch'
  | 'venue:add'
  | 'venue:rename'
  | 'venue:rotateScreenLink'
  | 'face:hide';

/**
 * Join ceremony and venue events, all for the facilitator: screens are read-only display
 * clients and phones only watch, so the dispatcher answers both `forbidden`.
 */
export function ceremonyHandlers({ ceremony, venues, participants }: HandlerDeps): HandlerGroup<CeremonyEvent> {
  return {
    'ceremony:start': (_input, { session }) => ceremony.start(session),
    'ceremony:finale': (input, { session }) => ceremony.finale(session, input),
    'screen:switch': (input, { session }) => ceremony.switchScreens(session, input),
    'venue:add': (input, { session }) => venues.add(session, input),
    'venue:rename': (input, { session }) => venues.rename(session, input),
    'venue:rotateScreenLink': (input, { session }) => venues.rotateScreenLink(session, input),
    'face:hide': (input, { session }) => participants.setFaceHidden(session, input),
  };
}
