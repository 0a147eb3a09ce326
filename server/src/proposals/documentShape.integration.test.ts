import { PROPOSAL_NESTING_MAX, PROPOSAL_VALUE_DEPTH_MAX } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { api, startTestApp, type TestApp } from '../testing/harness.js';
import {
  bearer,
  connectProvider,
  deepAttributeUpdate,
  deepElementsUpdate,
  docContent,
  nextClose,
  proposalFixture,
  rawYjsSocket,
  sectionDepth,
  synced,
  syncUpdateMessage,
  until,
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
