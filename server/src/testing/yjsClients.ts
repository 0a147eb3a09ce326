import { randomUUID } from 'node:crypto';
import type { CreatedProposal, IdeaPublic, JoinedProposal } from '@ideasphere/shared';
import * as encoding from 'lib0/encoding';
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

/**
 * A raw socket speaking as much y-websocket as a test needs; resolves once the server spoke
 * first (the document is loaded), with the close code and reason to come.
 */
export async function rawYjsSocket(
  serverUrl: string,
  proposalId: string,
  token: string,
): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/yjs/${proposalId}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

/** A y-websocket sync update message (0, 2, update) carrying `update`. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

// ── Updates no editor writes (for the document shape checks) ──────────────────────────────

/** lib0's `writeAny` bytes of `depth` (≥ 1) arrays nested in one another, written without recursion. */
export function nestedArrayBytes(depth: number): Uint8Array {
  const bytes = new Uint8Array(depth * 2);
  for (let i = 0; i < depth - 1; i++) bytes.set([117, 1], i * 2);
  bytes.set([117, 0], (depth - 1) * 2);
  return bytes;
}

const DEEP_VALUE_PLACEHOLDER = 'deep-value-placeholder';

/** Adds a paragraph holding `text` to `section`, its attribute `x` a placeholder for {@link withDeepValues}. */
export function writeDeepValueParagraph(doc: Y.Doc, section: string, text = 'deep value'): void {
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text);
  paragraph.insert(0, [run]);
  paragraph.setAttribute('x', DEEP_VALUE_PLACEHOLDER);
  doc.getXmlFragment(`section:${section}`).insert(0, [paragraph]);
}

/**
 * `update` with every placeholder value of {@link writeDeepValueParagraph} swapped for `depth`
 * nested arrays: Yjs's own encoder recurses and overflows at the depths that matter.
 */
export function withDeepValues(update: Uint8Array, depth: number): Uint8Array {
  const encoded = Buffer.from([119, DEEP_VALUE_PLACEHOLDER.length, ...new TextEncoder().encode(DEEP_VALUE_PLACEHOLDER)]);
  const nested = Buffer.from(nestedArrayBytes(depth));
  const parts: Buffer[] = [];
  let rest = Buffer.from(update);
  for (let at = rest.indexOf(encoded); at >= 0; at = rest.indexOf(encoded)) {
    parts.push(rest.subarray(0, at), nested);
    rest = rest.subarray(at + encoded.length);
  }
  if (parts.length === 0) throw new Error('no placeholder in the update');
  return new Uint8Array(Buffer.concat([...parts, rest]));
}

/**
 * An update that adds a paragraph to `section` whose attribute `x` is `depth` nested arrays
 * (issue 9: 5,000–8,500 levels in 10–17 KB).
 */
export function deepAttributeUpdate(section: string, depth: number, text = 'deep value'): Uint8Array {
  const doc = new Y.Doc();
  writeDeepValueParagraph(doc, section, text);
  return withDeepValues(Y.encodeStateAsUpdate(doc), depth);
}

/** An update that nests `depth` blockquotes in `section`, the innermost holding a text. */
export function deepElementsUpdate(section: string, depth: number, text = 'deep text'): Uint8Array {
  const doc = new Y.Doc();
  let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(`section:${section}`);
  // Integrated one level at a time: inserting a prepared tree would make Yjs recurse.
  doc.transact(() => {
    for (let level = 1; level < depth; level++) {
      const element: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(0, [element]);
      parent = element;
    }
    const run = new Y.XmlText();
    parent.insert(0, [run]);
    run.insert(0, text);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** An update that writes a root no template has: `depth` Y.Maps nested under `getMap(name)`. */
export function foreignRootUpdate(name: string, depth: number): Uint8Array {
  const doc = new Y.Doc();
  let map = doc.getMap<unknown>(name);
  doc.transact(() => {
    for (let level = 0; level < depth; level++) {
      const inner = new Y.Map<unknown>();
      map.set('inner', inner);
      map = inner;
    }
    map.set('leaf', 'x');
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The deepest XML node of a section, counted from the section (a paragraph's text is 2); no recursion. */
export function sectionDepth(doc: Y.Doc, key: string): number {
  let deepest = 0;
  const stack: [Y.XmlFragment | Y.XmlElement, number][] = [[doc.getXmlFragment(`section:${key}`), 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [parent, depth] = next;
    for (const child of parent.toArray()) {
      deepest = Math.max(deepest, depth + 1);
      if (child instanceof Y.XmlElement) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
