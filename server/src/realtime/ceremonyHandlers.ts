import { type HandlerDeps, type HandlerTable, facilitatorOnly } from './handlerTypes.js';

type CeremonyEvent =
  | 'ceremony:start'
  | 'ceremony:finale'
  | 'screen:switch'
  | 'venue:add'
  | 'venue:rename'
  | 'venue:rotateScreenLink'
  | 'face:hide';

/**
 * Join ceremony and venue events: all for the facilitator. Screens are read-only display
 * clients and phones only watch, so both get `forbidden` (before their payload is even read).
 */
export function ceremonyHandlers({ ceremony, venues, participants }: HandlerDeps): HandlerTable<CeremonyEvent> {
  return {
    'ceremony:start': facilitatorOnly('start the ceremony', (session, payload) => ceremony.start(session, payload)),
    'ceremony:finale': facilitatorOnly('trigger the finale', (session, payload) => ceremony.finale(session, payload)),
    'screen:switch': facilitatorOnly('switch screens', (session, payload) => ceremony.switchScreens(session, payload)),
    'venue:add': facilitatorOnly('add venues', (session, payload) => venues.add(session, payload)),
    'venue:rename': facilitatorOnly('rename venues', (session, payload) => venues.rename(session, payload)),
    'venue:rotateScreenLink': facilitatorOnly('replace screen links', (session, payload) => venues.rotateScreenLink(session, payload)),
    'face:hide': facilitatorOnly('hide faces', (session, payload) => participants.setFaceHidden(session, payload)),
  };
}
