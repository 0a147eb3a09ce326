import { useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { MemberPublic, ProposalEventKind } from '@ideasphere/shared';
import { MESSAGE_PROPOSAL_EVENT, YJS_CLOSE } from '@ideasphere/shared/proposalModel.js';
import { readProposalEvent } from './proposalEvents';
import { caretColour } from './presence';

/**
 * What the status pill shows. `connecting`: first contact; `syncing`: connected, catching up;
 * `synced`: live; `offline`: the connection dropped (edits are kept and merge on reconnect).
 */
export type SyncStatus = 'connecting' | 'syncing' | 'synced' | 'offline';

/** Why the server closed for good: the member was removed or their token no longer works. */
export type CollabEnd = 'removed' | null;

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: SyncStatus;
  /** The document has been synced with the server at least once since the page opened. */
  everSynced: boolean;
  ended: CollabEnd;
}

/** The y-websocket endpoint on the app's own origin. */
export function yjsServerUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([YJS_CLOSE.unauthorized.code, YJS_CLOSE.full.code]);

/**
 * One proposal's Y.Doc and its y-websocket provider (room = proposal id, `?token=` checked by
 * the server before any sync). Lives as long as the page has this proposal and token; a role
 * change closes the socket and the provider reconnects with the new role. `onEvent` hears the
 * server's custom message 100 (refetch comments/versions/members, or a restore).
 */
export function useCollab(proposalId: string, token: string, me: MemberPublic, onEvent: (kind: ProposalEventKind) => void): Collab | null {
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  const [session, setSession] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [status, setStatus] = useState<SyncStatus>('connecting');
  const [everSynced, setEverSynced] = useState(false);
  const [ended, setEnded] = useState<CollabEnd>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(yjsServerUrl(), proposalId, doc, {
      connect: false,
      params: { token },
      // Other tabs of this browser may hold another role; the server is the one source of truth.
      disableBc: true,
      shouldReconnect: (event) => !FINAL_CLOSE_CODES.has(event.code),
    });
    provider.messageHandlers[MESSAGE_PROPOSAL_EVENT] = (_encoder, decoder) => {
      const kind = readProposalEvent(decoder);
      if (kind !== null) onEventRef.current(kind);
    };
    const onStatus = ({ status: next }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (next === 'connected') setStatus(provider.synced ? 'synced' : 'syncing');
      else setStatus((prev) => (next === 'connecting' && prev === 'connecting' ? 'connecting' : 'offline'));
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        setEverSynced(true);
        setStatus('synced');
      }
    };
    const onClose = (event: CloseEvent | null) => {
      if (event && FINAL_CLOSE_CODES.has(event.code)) setEnded('removed');
      // The owner changed this member's role: the provider reconnects, the page refetches who it is.
      if (event && (event.code === YJS_CLOSE.roleChanged.code || event.code === YJS_CLOSE.readOnly.code)) onEventRef.current('members');
    };
    const goOffline = () => setStatus('offline');
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    window.addEventListener('offline', goOffline);
    provider.connect();
    // The doc and socket are an external system this effect owns: created here, destroyed in the
    // cleanup (StrictMode's mount–unmount–mount must not reuse a destroyed provider).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession({ doc, provider });
    return () => {
      window.removeEventListener('offline', goOffline);
      provider.destroy();
      doc.destroy();
      setSession(null);
    };
  }, [proposalId, token]);

  // Presence: who I am, as CollaborationCaret and the avatar row read it.
  const user = useMemo(() => ({ name: me.name, color: caretColour(me), memberId: me.id, role: me.role }), [me]);
  useEffect(() => {
    session?.provider.awareness.setLocalStateField('user', user);
  }, [session, user]);

  return useMemo(() => (session ? { ...session, status, everSynced, ended } : null), [session, status, everSynced, ended]);
}
