import { PROPOSAL_NESTING_MAX, PROPOSAL_VALUE_DEPTH_MAX, type VersionDetail } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId } from '../ids.js';
import { LmdbStore } from '../store/LmdbStore.js';
import { api, startTestApp, type TestApp } from '../testing/harness.js';
import {
  bearer,
  connectProvider,
  deepAttributeUpdate,
  deepElementsUpdate,
  docContent,
  foreignRootUpdate,
  nextClose,
  proposalFixture,
  rawYjsSocket,
  sectionDepth,
  synced,
  syncUpdateMessage,
  typeInSection,
  until,
  withDeepValues,
  writeDeepValueParagraph,
  type ProposalFixture,
} from '../testing/yjsClients.js';

let app: TestApp | null = null;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await app?.dispose();
  app = null;
});

function open(proposalId: string, token: string): WebsocketProvider {
  if (!app) throw new Error('no app');
  const provider = connectProvider(app.server.url, proposalId, token);
  providers.push(provider);
  return provider;
}

async function setUp(): Promise<{ fixture: ProposalFixture; watcher: WebsocketProvider; before: string }> {
  app = await startTestApp();
  const fixture = await proposalFixture(app.server);
  const watcher = open(fixture.proposalId, fixture.viewer.memberToken);
  await synced(watcher);
  return { fixture, watcher, before: docContent(watcher.doc) };
}

/** Sends `update` as an editor on a raw socket and resolves with the close it gets. */
async function sendAsEditor(fixture: ProposalFixture, update: Uint8Array): Promise<{ code: number; reason: string }> {
  if (!app) throw new Error('no app');
  const { ws, closed } = await rawYjsSocket(app.server.url, fixture.proposalId, fixture.editor.memberToken);
  ws.send(syncUpdateMessage(update));
  return closed;
}

/** An update made on a fresh doc by `write`. */
function updateOf(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  write(doc);
  return Y.encodeStateAsUpdate(doc);
}

/** The innermost blockquote of the chain deepElementsUpdate wrote into the team section. */
function deepestBlockquote(doc: Y.Doc): Y.XmlElement {
  const isQuote = (node: unknown): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'blockquote';
  let quote = doc.getXmlFragment('section:team').toArray().find(isQuote);
  if (!quote) throw new Error('no blockquote');
  for (let inner = quote.toArray().find(isQuote); inner; inner = inner.toArray().find(isQuote)) quote = inner;
  return quote;
}

function paragraphWith(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text);
  paragraph.insert(0, [run]);
  return paragraph;
}

/** What a fresh client loads after a restart (the stored document). */
async function storedContent(fixture: ProposalFixture): Promise<string> {
  if (!app) throw new Error('no app');
  await app.restart();
  const check = open(fixture.proposalId, fixture.owner);
  await synced(check);
  return docContent(check.doc);
}

async function exportStatus(fixture: ProposalFixture): Promise<{ status: number; body: string }> {
  if (!app) throw new Error('no app');
  return api<string>(app.server.url, 'GET', `/api/proposals/${fixture.proposalId}/export.md`, undefined, bearer(fixture.viewer.memberToken));
}

/** Writes updates straight into the stored log of a proposal, as a store written before the checks may hold. */
async function appendToStore(proposalId: string, updates: Uint8Array[]): Promise<void> {
  if (!app) throw new Error('no app');
  await app.server.close();
  const store = await LmdbStore.open(app.dataDir);
  try {
    let seq = (await store.proposals.loadDoc(proposalId)).lastSeq;
    for (const update of updates) await store.proposals.appendUpdate(proposalId, ++seq, update);
  } finally {
    await store.close();
  }
  await app.restart();
}

describe('proposal document shape: updates the template and TipTap never make are refused', () => {
  it('closes an update that writes a root the template does not use with 4422 unsupported_content and stores nothing', async () => {
    const { fixture, watcher, before } = await setUp();
    const updates = [
      updateOf((doc) => doc.getMap('evil').set('a', 1)),
      updateOf((doc) => doc.getText('notes').insert(0, 'side channel')),
      updateOf((doc) => doc.getArray('list').push([1, 2, 3])),
      updateOf((doc) => doc.getXmlFragment('section:nope').insert(0, [paragraphWith('not a section')])),
    ];
    for (const update of updates) expect(await sendAsEditor(fixture, update)).toEqual({ code: 4422, reason: 'unsupported_content' });
    expect(docContent(watcher.doc)).toBe(before);
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes content TipTap never writes, in a section or the title, with 4422 unsupported_content and stores nothing', async () => {
    const { fixture, watcher, before } = await setUp();
    const section = (doc: Y.Doc) => doc.getXmlFragment('section:problem');
    // Yjs' list API takes any content; the typed XmlFragment API only admits XML nodes.
    const asList = (doc: Y.Doc) => section(doc) as unknown as Y.Array<unknown>;
    const updates: [string, Uint8Array][] = [
      ['a Y.Map in a section', updateOf((doc) => asList(doc).insert(0, [new Y.Map()]))],
      ['a Y.Array in a section', updateOf((doc) => asList(doc).insert(0, [new Y.Array()]))],
      ['a Y.Text in a section', updateOf((doc) => asList(doc).insert(0, [new Y.Text('plain')]))],
      ['a plain value in a section', updateOf((doc) => asList(doc).insert(0, [{ any: 'json' }]))],
      ['binary in a section', updateOf((doc) => asList(doc).insert(0, [new Uint8Array([1, 2, 3])]))],
      ['a subdocument in a section', updateOf((doc) => asList(doc).insert(0, [new Y.Doc()]))],
      ['an XmlHook in a section', updateOf((doc) => section(doc).insert(0, [new Y.XmlHook('hook') as unknown as Y.XmlElement]))],
      ['a fragment in a section', updateOf((doc) => asList(doc).insert(0, [new Y.XmlFragment()]))],
      [
        'a Y type as an attribute',
        updateOf((doc) => {
          const paragraph = paragraphWith('x');
          section(doc).insert(0, [paragraph]);
          paragraph.setAttribute('attr', new Y.Map() as unknown as string);
        }),
      ],
      [
        'an attribute on a text',
        updateOf((doc) => {
          const paragraph = paragraphWith('x');
          section(doc).insert(0, [paragraph]);
          (paragraph.get(0) as Y.XmlText).setAttribute('style', 'red');
        }),
      ],
      [
        'an embed in a paragraph text',
        updateOf((doc) => {
          const paragraph = paragraphWith('x');
          section(doc).insert(0, [paragraph]);
          (paragraph.get(0) as Y.XmlText).insertEmbed(0, { image: 'x' });
        }),
      ],
      ['an embed in the title', updateOf((doc) => doc.getText('title').insertEmbed(0, { image: 'x' }))],
      ['formatting in the title', updateOf((doc) => doc.getText('title').insert(0, 'bold', { bold: true }))],
      ['a Y type in the title', updateOf((doc) => (doc.getText('title') as unknown as Y.Array<unknown>).insert(0, [new Y.Map()]))],
      ['an attribute on a section', updateOf((doc) => Y.XmlElement.prototype.setAttribute.call(section(doc), 'attr', 'x'))],
    ];
    for (const [what, update] of updates) {
      expect({ what, close: await sendAsEditor(fixture, update) }).toEqual({ what, close: { code: 4422, reason: 'unsupported_content' } });
    }
    expect(docContent(watcher.doc)).toBe(before);
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes XML nested deeper than PROPOSAL_NESTING_MAX with 4422 nesting_too_deep, also one level under an element already at the limit', async () => {
    const { fixture, watcher } = await setUp();
    expect(await sendAsEditor(fixture, deepElementsUpdate('team', PROPOSAL_NESTING_MAX + 1))).toEqual({ code: 4422, reason: 'nesting_too_deep' });
    expect(sectionDepth(watcher.doc, 'team')).toBe(2);
    // The limit itself is accepted: blockquotes down to PROPOSAL_NESTING_MAX - 1, a text below.
    const editor = open(fixture.proposalId, fixture.editor.memberToken);
    await synced(editor);
    Y.applyUpdate(editor.doc, deepElementsUpdate('team', PROPOSAL_NESTING_MAX, 'at the limit'));
    await until(() => sectionDepth(watcher.doc, 'team') === PROPOSAL_NESTING_MAX, 'the deep but allowed blocks');
    // An empty element beside that text is at the limit too; a text inside it is one too deep.
    editor.doc.transact(() => deepestBlockquote(editor.doc).insert(0, [new Y.XmlElement('paragraph')]));
    await until(() => deepestBlockquote(watcher.doc).length === 2, 'the empty paragraph at the limit');
    const closed = nextClose(editor);
    editor.doc.transact(() => (deepestBlockquote(editor.doc).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('too deep')]));
    expect(await closed).toEqual({ code: 4422, reason: 'nesting_too_deep' });
    const check = open(fixture.proposalId, fixture.owner);
    await synced(check);
    expect(sectionDepth(check.doc, 'team')).toBe(PROPOSAL_NESTING_MAX);
    expect(check.doc.getXmlFragment('section:team').toString()).not.toContain('too deep');
  });

  it("closes an attribute value nested deeper than PROPOSAL_VALUE_DEPTH_MAX with 4422 nesting_too_deep; issue 9's 8,500 levels no longer break sync or export", async () => {
    const { fixture, watcher, before } = await setUp();
    for (const depth of [PROPOSAL_VALUE_DEPTH_MAX + 1, 8_500]) {
      expect(await sendAsEditor(fixture, deepAttributeUpdate('problem', depth))).toEqual({ code: 4422, reason: 'nesting_too_deep' });
    }
    // A value at the limit is accepted.
    const { ws } = await rawYjsSocket(app?.server.url ?? '', fixture.proposalId, fixture.editor.memberToken);
    ws.send(syncUpdateMessage(deepAttributeUpdate('problem', PROPOSAL_VALUE_DEPTH_MAX, 'nested but fine')));
    await until(() => docContent(watcher.doc).includes('nested but fine'), 'the accepted value');
    ws.close();
    const late = open(fixture.proposalId, fixture.owner);
    await synced(late);
    expect(docContent(late.doc)).toBe(docContent(watcher.doc));
    expect((await exportStatus(fixture)).status).toBe(200);
    expect(before).not.toContain('nested but fine');
  });
});

describe('proposal document shape: a stored document that breaks the rules still loads', () => {
  it('drops a deep value, deep nesting and a foreign root from a stored document, keeps the rest, exports 200 and leaves other documents alone', async () => {
    app = await startTestApp({ proposalTuning: { persistDebounceMs: 5 } });
    const bad = await proposalFixture(app.server);
    const good = await proposalFixture(app.server);
    const writer = open(bad.proposalId, bad.editor.memberToken);
    await synced(writer);
    typeInSection(writer.doc, 'problem', 0, 'Keep this sentence.');
    const watcher = open(bad.proposalId, bad.owner);
    await synced(watcher);
    await until(() => docContent(watcher.doc).includes('Keep this sentence.'), 'the edit reached the server');
    for (const provider of providers.splice(0)) provider.destroy();

    await appendToStore(bad.proposalId, [
      deepAttributeUpdate('solution', 8_500),
      deepAttributeUpdate('solution', 100_000),
      deepElementsUpdate('benefits', 20_000),
      foreignRootUpdate('evil', 5_000),
    ]);

    // The other document serves and stores edits while the bad one loads.
    const other = open(good.proposalId, good.editor.memberToken);
    const reader = open(bad.proposalId, bad.viewer.memberToken);
    await Promise.all([synced(other), synced(reader)]);
    typeInSection(other.doc, 'team', 0, 'Unaffected.');
    const content = docContent(reader.doc);
    expect(content).toContain('Keep this sentence.');
    expect(sectionDepth(reader.doc, 'benefits')).toBeLessThanOrEqual(PROPOSAL_NESTING_MAX);
    expect(reader.doc.share.has('evil') ? reader.doc.getMap('evil').size : 0).toBe(0);
    const exported = await exportStatus(bad);
    expect(exported.status).toBe(200);
    expect(exported.body).toContain('Keep this sentence.');

    // The repair was stored: after a restart the log is compacted to a small, clean snapshot.
    for (const provider of providers.splice(0)) provider.destroy();
    await app.server.close();
    const store = await LmdbStore.open(app.dataDir);
    try {
      const stored = await store.proposals.loadDoc(bad.proposalId);
      expect(stored.updates).toEqual([]);
      expect(stored.snapshot?.byteLength ?? 0).toBeLessThan(64 * 1024);
    } finally {
      await store.close();
    }
    await app.restart();
    const again = open(bad.proposalId, bad.owner);
    const otherAgain = open(good.proposalId, good.owner);
    await Promise.all([synced(again), synced(otherAgain)]);
    expect(docContent(again.doc)).toBe(content);
    expect(docContent(otherAgain.doc)).toContain('Unaffected.');
  });

  it('skips a stored update that cannot be read, keeps it in the store and loads everything else', async () => {
    app = await startTestApp({ proposalTuning: { persistDebounceMs: 5 } });
    const fixture = await proposalFixture(app.server);
    const writer = open(fixture.proposalId, fixture.editor.memberToken);
    await synced(writer);
    typeInSection(writer.doc, 'problem', 0, 'Before the damage.');
    const watcher = open(fixture.proposalId, fixture.owner);
    await synced(watcher);
    await until(() => docContent(watcher.doc).includes('Before the damage.'), 'the edit reached the server');
    for (const provider of providers.splice(0)) provider.destroy();
    const garbage = new Uint8Array([1, 1, 200, 1, 0, 7, 99, 99, 99]);
    await appendToStore(fixture.proposalId, [garbage, updateOf((doc) => doc.getXmlFragment('section:team').insert(0, [paragraphWith('After the damage.')]))]);

    const reader = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(reader);
    expect(docContent(reader.doc)).toContain('Before the damage.');
    expect(docContent(reader.doc)).toContain('After the damage.');
    expect((await exportStatus(fixture)).status).toBe(200);
    for (const provider of providers.splice(0)) provider.destroy();
    await app.server.close();
    const store = await LmdbStore.open(app.dataDir);
    try {
      const stored = await store.proposals.loadDoc(fixture.proposalId);
      expect(stored.updates.map((u) => Buffer.from(u.update).equals(Buffer.from(garbage)))).toContain(true);
    } finally {
      await store.close();
    }
    await app.restart();
  });

  it('serves and restores a stored version that breaks the rules without its offending content', async () => {
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const base = open(fixture.proposalId, fixture.owner);
    await synced(base);
    // The version as a store written before the checks may hold it (built in one doc: merging
    // updates would decode the deep value with Yjs's recursive decoder).
    const old = new Y.Doc();
    Y.applyUpdate(old, Y.encodeStateAsUpdate(base.doc));
    old.getXmlFragment('section:problem').insert(0, [paragraphWith('From the version.')]);
    writeDeepValueParagraph(old, 'problem');
    Y.applyUpdate(old, deepElementsUpdate('benefits', 20_000));
    Y.applyUpdate(old, foreignRootUpdate('evil', 5_000));
    const state = withDeepValues(Y.encodeStateAsUpdate(old), 100_000);
    for (const provider of providers.splice(0)) provider.destroy();
    await app.server.close();
    const versionId = newId(Date.now());
    const store = await LmdbStore.open(app.dataDir);
    try {
      await store.proposals.addVersion(
        { id: versionId, proposalId: fixture.proposalId, name: 'Old', kind: 'manual', createdAt: new Date(), createdBy: null, size: state.byteLength },
        state,
      );
    } finally {
      await store.close();
    }
    await app.restart();
    const url = app.server.url;
    const got = await api<VersionDetail>(url, 'GET', `/api/proposals/${fixture.proposalId}/versions/${versionId}`, undefined, bearer(fixture.viewer.memberToken));
    expect(got.status).toBe(200);
    const version = new Y.Doc();
    Y.applyUpdate(version, Buffer.from(got.body.update, 'base64'));
    expect(docContent(version)).toContain('From the version.');
    expect(sectionDepth(version, 'benefits')).toBeLessThanOrEqual(PROPOSAL_NESTING_MAX);
    expect(version.share.has('evil') ? version.getMap('evil').size : 0).toBe(0);
    const restored = await api(url, 'POST', `/api/proposals/${fixture.proposalId}/versions/${versionId}/restore`, undefined, bearer(fixture.owner));
    expect(restored.status).toBe(200);
    const reader = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(reader);
    expect(docContent(reader.doc)).toContain('From the version.');
    expect(sectionDepth(reader.doc, 'benefits')).toBeLessThanOrEqual(PROPOSAL_NESTING_MAX);
    expect((await exportStatus(fixture)).status).toBe(200);
  });
});
