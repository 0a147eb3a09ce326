import { AWARENESS_BURST, YJS_MESSAGE_MAX_BYTES } from '@ideasphere/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../testing/harness.js';
import { connectProvider, docContent, proposalFixture, synced, type ProposalFixture } from '../testing/yjsClients.js';

let app: TestApp | null = null;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await app?.dispose();
  app = null;
});

/** A raw socket speaking as much y-websocket as a test needs; resolves once the server spoke first. */
async function rawSocket(url: string, proposalId: string, token: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${proposalId}?token=${token}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update that writes `text` into the problem section, as a client would. */
function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text);
  paragraph.insert(0, [run]);
  doc.getXmlFragment('section:problem').insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

async function setUp(docMaxBytes?: number): Promise<{ url: string; fixture: ProposalFixture; before: string; watcher: WebsocketProvider }> {
  app = await startTestApp(docMaxBytes === undefined ? {} : { proposalTuning: { docMaxBytes } });
  const fixture = await proposalFixture(app.server);
  const watcher = connectProvider(app.server.url, fixture.proposalId, fixture.viewer.memberToken);
  providers.push(watcher);
  await synced(watcher);
  return { url: app.server.url, fixture, before: docContent(watcher.doc), watcher };
}

/** After the server restarted, what a fresh client loads from the store. */
async function storedContent(fixture: ProposalFixture): Promise<string> {
  if (!app) throw new Error('no app');
  await app.restart();
  const check = connectProvider(app.server.url, fixture.proposalId, fixture.owner);
  providers.push(check);
  await synced(check);
  return docContent(check.doc);
}

describe('proposal socket limits', () => {
  it('closes an oversize message with 1009 message_too_big and stores nothing', async () => {
    const { url, fixture, before } = await setUp();
    const { ws, closed } = await rawSocket(url, fixture.proposalId, fixture.editor.memberToken);
    ws.send(syncUpdate(textUpdate('x'.repeat(YJS_MESSAGE_MAX_BYTES))));
    expect(await closed).toEqual({ code: 1009, reason: 'message_too_big' });
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes a malformed message with 4400 malformed and stores nothing, even when its start is a valid update', async () => {
    const { url, fixture, before } = await setUp();
    for (const bytes of [
      new Uint8Array([0, 2, 200, 1, 2]),
      new Uint8Array([42]),
      new Uint8Array([100, 1, 123]),
      // A valid update with its delete set cut off: Yjs would integrate the structs and then throw.
      syncUpdate(textUpdate('half an update').slice(0, -1)),
    ]) {
      const { ws, closed } = await rawSocket(url, fixture.proposalId, fixture.editor.memberToken);
      ws.send(bytes);
      expect(await closed).toEqual({ code: 4400, reason: 'malformed' });
    }
    const text = await rawSocket(url, fixture.proposalId, fixture.editor.memberToken);
    text.ws.send('hello');
    expect(await text.closed).toEqual({ code: 4400, reason: 'malformed' });
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes an update that would make the document too large with 4413 and stores nothing', async () => {
    const { url, fixture, before, watcher } = await setUp(64 * 1024);
    const writer = connectProvider(url, fixture.proposalId, fixture.editor.memberToken);
    providers.push(writer);
    await synced(writer);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      writer.on('connection-close', (event) => event && resolve({ code: event.code, reason: String(event.reason) })),
    );
    writer.doc.getText('title').insert(0, 'y'.repeat(70 * 1024));
    expect(await closed).toEqual({ code: 4413, reason: 'document_too_large' });
    expect(docContent(watcher.doc)).toBe(before);
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes an awareness flood with 4429 rate_limited', async () => {
    const { url, fixture } = await setUp();
    const { ws, closed } = await rawSocket(url, fixture.proposalId, fixture.viewer.memberToken);
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    for (let i = 0; i < AWARENESS_BURST * 3; i++) {
      awareness.setLocalState({ user: { name: 'spam', color: '#000' }, i });
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
      ws.send(encoding.toUint8Array(encoder));
    }
    expect(await closed).toEqual({ code: 4429, reason: 'rate_limited' });
    awareness.destroy();
  });

  it('relays presence with the name and role of the member, whatever the client claims', async () => {
    const { url, fixture, watcher } = await setUp();
    const liar = connectProvider(url, fixture.proposalId, fixture.commenter.memberToken);
    providers.push(liar);
    await synced(liar);
    liar.awareness.setLocalStateField('user', { name: 'The CEO', color: '#fff', role: 'owner', memberId: 'x' });
    await expect
      .poll(() => watcher.awareness.getStates().get(liar.doc.clientID)?.['user'])
      .toEqual({ name: 'Ann', color: fixture.commenter.member.color, role: 'commenter', memberId: fixture.commenter.member.id });
  });
});
