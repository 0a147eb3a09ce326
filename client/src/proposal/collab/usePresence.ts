import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { presentUsers, type PresentUser } from './presence';

/** Who has this proposal open now, from y-websocket awareness (live). */
export function usePresence(provider: WebsocketProvider, myMemberId: string): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    const { awareness } = provider;
    const update = () => setUsers(presentUsers(awareness.getStates(), awareness.clientID, myMemberId));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider, myMemberId]);
  return users;
}
