import { randomUUID } from 'node:crypto';
import type { CreatedProposal, IdeaPublic, JoinedProposal } from '@ideasphere/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { api, connectClient, createSession, expectOk, join, request } from './harness.js';

/** A real y-websocket provider (the one the browser uses) in Node, on `ws`. */
export function connectProvider(
  serverUrl: string,
  proposalId: string,
  token: string,
  doc: Y.Doc = new Y.Doc(),
  options: { connect?: boolean } = {},
): WebsocketProvider {
  return new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/yjs`, proposalId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Providers of one process would otherwise sync through BroadcastChannel, not the server.
    disableBc: true,
    connect: options.connect ?? true,
  });
}

/** Resolves once the provider has synced with the server. */
export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (state: boolean) => {
      if (!state) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Resolves with the code and reason of the next close the server sends this provider. */
export function nextClose(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const onClose = (event: { code: number; reason: string } | null) => {
      if (!event) return;
      provider.off('connection-close', onClose);
      resolve({ code: event.code, reason: String(event.reason) });
    };
    provider.on('connection-close', onClose);
  });
}

/** Waits (by polling, never by a fixed sleep) until `check` holds. */
export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A session with two ideas by "Li Lei", promoted to a proposal by the facilitator, and one member per invite. */
export interface ProposalFixture {
  code: string;
  facilitatorToken: string;
  participantToken: string;
  ideas: IdeaPublic[];
  created: CreatedProposal;
  proposalId: string;
  owner: string;
  editor: JoinedProposal;
  commenter: JoinedProposal;
  viewer: JoinedProposal;
}

export async function proposalFixture(server: Pick<RunningServer, 'url'>): Promise<ProposalFixture> {
  const session = await createSession(server.url);
  const person = await join(server.url, session.code, 'Li Lei');
  const socket = await connectClient(server.url, { role: 'participant', code: session.code, token: person.participantToken });
  const ideas: IdeaPublic[] = [];
  for (const title of ['Solar roof on hall 3', 'Reuse cutting fluid']) {
    ideas.push(expectOk(await request(socket, 'idea:submit', { clientId: randomUUID(), title, detail: `Why: ${title}` })));
  }
  socket.close();
  const auth = { authorization: `Bearer ${session.facilitatorToken}` };
  const res = await api<CreatedProposal>(server.url, 'POST', `/api/sessions/${session.code}/proposals`, { ideaIds: ideas.map((i) => i.id) }, auth);
  if (res.status !== 201) throw new Error(`create proposal failed: ${res.status} ${JSON.stringify(res.body)}`);
  const created = res.body;
  const joinAs = async (role: 'editor' | 'commenter' | 'viewer', name: string) => {
    const invite = new URL(created.invites[role]).hash.replace('#invite=', '');
    const joined = await api<JoinedProposal>(server.url, 'POST', `/api/proposals/${created.proposal.id}/members`, { invite, name });
    if (joined.status !== 201) throw new Error(`join as ${role} failed: ${joined.status} ${JSON.stringify(joined.body)}`);
    return joined.body;
  };
  return {
    code: session.code,
    facilitatorToken: session.facilitatorToken,
    participantToken: person.participantToken,
    ideas,
    created,
    proposalId: created.proposal.id,
    owner: created.memberToken,
    editor: await joinAs('editor', 'Wang Fang'),
    commenter: await joinAs('commenter', 'Ann'),
    viewer: await joinAs('viewer', 'Bob'),
  };
}

/** Bearer header for a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The plain text of a section (paragraph texts joined by newlines). */
export function sectionText(doc: Y.Doc, key: string): string {
  return doc.getXmlFragment(`section:${key}`).toString();
}

/** Everything a proposal document holds, comparable across docs. */
export function docContent(doc: Y.Doc, keys: readonly string[] = ['problem', 'solution', 'benefits', 'resources', 'team', 'ip']): string {
  return JSON.stringify([doc.getText('title').toString(), ...keys.map((k) => sectionText(doc, k))]);
}

/** Inserts text in a paragraph of a section (creating the paragraph when the section is empty). */
export function typeInSection(doc: Y.Doc, key: string, index: number, text: string): void {
  const fragment = doc.getXmlFragment(`section:${key}`);
  doc.transact(() => {
    let paragraph = fragment.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');
    if (!paragraph) {
      paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(fragment.length, [paragraph]);
    }
    const run = paragraph.get(0);
    if (!(run instanceof Y.XmlText)) throw new Error('paragraph without text');
    run.insert(Math.min(index, run.length), text);
  });
}

/** The first paragraph's XmlText of a section. */
export function firstRun(doc: Y.Doc, key: string): Y.XmlText {
  const paragraph = doc.getXmlFragment(`section:${key}`).toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');
  const run = paragraph?.get(0);
  if (!(run instanceof Y.XmlText)) throw new Error('no paragraph text');
  return run;
}
