import type { ProposalComment, ProposalSummary, RestoreResult, VersionDetail, VersionSummary } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { api, startTestApp, type TestApp } from '../testing/harness.js';
import { docXml, randomRichEdit, seededRandom } from '../testing/richEdits.js';
import { bearer, connectProvider, firstRun, proposalFixture, synced, typeInSection, until, type ProposalFixture } from '../testing/yjsClients.js';

const KEYS = ['problem', 'solution', 'benefits', 'resources', 'team', 'ip'];

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

function url(): string {
  if (!app) throw new Error('no app');
  return app.server.url;
}

/** The text of an XmlText without markup. */
function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** A comment anchor on `quote` inside `run`, encoded as the client does. */
function anchorOn(section: string, run: Y.XmlText, quote: string) {
  const start = plain(run).indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in the text`);
  const encode = (index: number, assoc: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index, assoc))).toString('base64');
  return { section, start: encode(start, 0), end: encode(start + quote.length, -1), quote };
}

/** What a comment's anchor spans in `doc` now ('' when its passage is gone). */
function quoteIn(doc: Y.Doc, comment: ProposalComment): string {
  const resolve = (base64: string) => Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(base64, 'base64')), doc);
  const start = resolve(comment.anchor.start);
  const end = resolve(comment.anchor.end);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return '';
  return plain(start.type).slice(start.index, end.index);
}

/** The list item texts of the seeded solution section. */
function sourceRun(doc: Y.Doc, index: number): Y.XmlText {
  const list = doc.getXmlFragment('section:solution').get(0);
  const item = list instanceof Y.XmlElement ? list.get(index) : null;
  const paragraph = item instanceof Y.XmlElement ? item.get(0) : null;
  const run = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(run instanceof Y.XmlText)) throw new Error('no source idea text');
  return run;
}

async function versionDoc(fixture: ProposalFixture, versionId: string): Promise<Y.Doc> {
  const detail = await api<VersionDetail>(url(), 'GET', `/api/proposals/${fixture.proposalId}/versions/${versionId}`, undefined, bearer(fixture.viewer.memberToken));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(detail.body.update, 'base64'));
  return doc;
}

async function saveVersion(fixture: ProposalFixture, name: string): Promise<VersionSummary> {
  const saved = await api<VersionSummary>(url(), 'POST', `/api/proposals/${fixture.proposalId}/versions`, { name }, bearer(fixture.editor.memberToken));
  expect(saved.status).toBe(201);
  return saved.body;
}

async function restore(fixture: ProposalFixture, versionId: string): Promise<RestoreResult> {
  const restored = await api<RestoreResult>(url(), 'POST', `/api/proposals/${fixture.proposalId}/versions/${versionId}/restore`, undefined, bearer(fixture.owner));
  expect(restored.status).toBe(200);
  return restored.body;
}

const same = (a: Y.Doc, b: Y.Doc) => JSON.stringify(docXml(a, KEYS)) === JSON.stringify(docXml(b, KEYS));

describe('the seeded document', () => {
  it('holds an empty paragraph in every section (after the source ideas in the solution), so people typing at once share it', async () => {
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const a = open(fixture.proposalId, fixture.editor.memberToken);
    const b = open(fixture.proposalId, fixture.owner);
    await Promise.all([synced(a), synced(b)]);
    for (const key of KEYS) {
      const children = a.doc.getXmlFragment(`section:${key}`).toArray();
      const last = children[children.length - 1];
      expect(last instanceof Y.XmlElement && last.nodeName === 'paragraph' && last.toString() === '<paragraph></paragraph>', key).toBe(true);
      expect(children.map((c) => (c instanceof Y.XmlElement ? c.nodeName : '?'))).toEqual(key === 'solution' ? ['bulletList', 'paragraph'] : ['paragraph']);
    }
    expect(plain(sourceRun(a.doc, 1))).toBe('Reuse cutting fluid — Why: Reuse cutting fluid (Li Lei)');
    // Both start typing in the fresh section before seeing each other's text.
    typeInSection(a.doc, 'benefits', 0, 'Alpha');
    typeInSection(b.doc, 'benefits', 0, 'Bravo');
    await until(() => same(a.doc, b.doc), 'convergence');
    const paragraphs = b.doc.getXmlFragment('section:benefits').toArray();
    expect(paragraphs).toHaveLength(1);
    expect(['AlphaBravo', 'BravoAlpha']).toContain(plain(firstRun(b.doc, 'benefits')));
  });
});

describe('restoring a version', () => {
  it('keeps comments on text the version shares with the live document, for connected clients and after a restart', async () => {
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const id = fixture.proposalId;
    const a = open(id, fixture.editor.memberToken);
    const b = open(id, fixture.owner);
    await Promise.all([synced(a), synced(b)]);
    typeInSection(a.doc, 'problem', 0, 'The energy cost is too high in winter. Solar helps.');
    await until(() => same(a.doc, b.doc), 'b has the text');
    const comment = async (anchor: ReturnType<typeof anchorOn>) => {
      const posted = await api<ProposalComment>(url(), 'POST', `/api/proposals/${id}/comments`, { anchor, body: 'Why?' }, bearer(fixture.commenter.memberToken));
      expect(posted.status).toBe(201);
      return posted.body;
    };
    const onProblem = await comment(anchorOn('problem', firstRun(a.doc, 'problem'), 'too high'));
    const onIdea = await comment(anchorOn('solution', sourceRun(a.doc, 1), 'cutting fluid'));
    const saved = await saveVersion(fixture, 'Draft 1');
    // Edits all around the commented passages, in both sections, the title and another section.
    a.doc.transact(() => {
      const run = firstRun(a.doc, 'problem');
      run.insert(0, 'In hall 3, ');
      run.delete(plain(run).indexOf(' Solar helps.'), ' Solar helps.'.length);
      run.format(plain(run).indexOf('energy'), 'energy'.length, { bold: {} });
      const extra = new Y.XmlElement('paragraph');
      extra.insert(0, [new Y.XmlText('Second thoughts.')]);
      a.doc.getXmlFragment('section:problem').insert(0, [extra]);
      sourceRun(a.doc, 0).insert(0, 'Big ');
      sourceRun(a.doc, 1).insert(plain(sourceRun(a.doc, 1)).length, ' (tested)');
      a.doc.getText('title').insert(0, 'Final: ');
    });
    typeInSection(a.doc, 'team', 0, 'Wang Fang leads');
    await until(() => same(a.doc, b.doc), 'b has the edits');
    // A comment on text only the live document has.
    const onNew = await comment(anchorOn('problem', firstRun(a.doc, 'problem'), 'Second thoughts'));
    expect([quoteIn(b.doc, onProblem), quoteIn(b.doc, onIdea), quoteIn(b.doc, onNew)]).toEqual(['too high', 'cutting fluid', 'Second thoughts']);

    const result = await restore(fixture, saved.id);
    expect(result.backup.kind).toBe('restore');
    const version = await versionDoc(fixture, saved.id);
    await until(() => same(a.doc, version) && same(b.doc, version), 'both clients have the restored text');
    for (const doc of [a.doc, b.doc]) {
      expect(quoteIn(doc, onProblem)).toBe('too high');
      expect(quoteIn(doc, onIdea)).toBe('cutting fluid');
      expect(quoteIn(doc, onNew)).toBe('');
    }

    for (const provider of providers.splice(0)) provider.destroy();
    await app.restart();
    const c = open(id, fixture.viewer.memberToken);
    await synced(c);
    expect(docXml(c.doc, KEYS)).toEqual(docXml(version, KEYS));
    expect(quoteIn(c.doc, onProblem)).toBe('too high');
    expect(quoteIn(c.doc, onIdea)).toBe('cutting fluid');
  });

  it.each([3, 11, 2024])('seed %i: after random rich edits (lists, headings, marks, title), restore gives exactly the version', async (seed) => {
    const next = seededRandom(seed);
    app = await startTestApp({ proposalTuning: { persistDebounceMs: 10 } });
    const fixture = await proposalFixture(app.server);
    const a = open(fixture.proposalId, fixture.editor.memberToken);
    const b = open(fixture.proposalId, fixture.owner);
    await Promise.all([synced(a), synced(b)]);
    const edit = async (count: number) => {
      for (let i = 0; i < count; i++) randomRichEdit(i % 3 === 0 ? b.doc : a.doc, ['problem', 'solution', 'team'], next);
      await until(() => same(a.doc, b.doc), 'convergence');
    };
    const versions: { id: string; xml: Record<string, string> }[] = [];
    for (let round = 0; round < 3; round++) {
      await edit(30);
      const saved = await saveVersion(fixture, `Round ${round}`);
      const version = await versionDoc(fixture, saved.id);
      // The version holds what the clients had when it was saved.
      expect(docXml(version, KEYS)).toEqual(docXml(a.doc, KEYS));
      versions.push({ id: saved.id, xml: docXml(version, KEYS) });
      await edit(30);
      // Restore this round's version, then (from round 1 on) an older one.
      for (const target of round === 0 ? [versions[0]] : [versions[round], versions[round - 1]]) {
        if (!target) throw new Error('missing version');
        await restore(fixture, target.id);
        await until(() => JSON.stringify(docXml(a.doc, KEYS)) === JSON.stringify(target.xml) && same(a.doc, b.doc), 'the restored version');
        expect(docXml(b.doc, KEYS)).toEqual(target.xml);
      }
    }
    for (const provider of providers.splice(0)) provider.destroy();
    await app.restart();
    const c = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(c);
    expect(docXml(c.doc, KEYS)).toEqual(versions[versions.length - 2]?.xml);
  });
});

describe('the proposal title', () => {
  it('follows the live document title in the session\'s proposal list, also after a restore and a restart', async () => {
    app = await startTestApp({ proposalTuning: { persistDebounceMs: 10 } });
    const fixture = await proposalFixture(app.server);
    const listed = async () => {
      const res = await api<ProposalSummary[]>(url(), 'GET', `/api/sessions/${fixture.code}/proposals`, undefined, bearer(fixture.facilitatorToken));
      return res.body.map((p) => p.title);
    };
    expect(await listed()).toEqual(['Solar roof on hall 3 (+1)']);
    const a = open(fixture.proposalId, fixture.editor.memberToken);
    const b = open(fixture.proposalId, fixture.owner);
    await Promise.all([synced(a), synced(b)]);
    const saved = await saveVersion(fixture, 'Original title');
    const title = a.doc.getText('title');
    title.delete(0, title.length);
    title.insert(0, '太阳能屋顶\n(hall 3)');
    await expect.poll(listed).toEqual(['太阳能屋顶 (hall 3)']);
    b.doc.getText('title').insert(0, 'v2 ');
    await expect.poll(listed).toEqual(['v2 太阳能屋顶 (hall 3)']);
    // A blank title (being retyped) keeps the last one; a restart writes everything received.
    b.doc.getText('title').delete(0, b.doc.getText('title').length);
    await until(() => title.length === 0, 'a sees the blank title');
    for (const provider of providers.splice(0)) provider.destroy();
    await app.restart();
    expect(await listed()).toEqual(['v2 太阳能屋顶 (hall 3)']);
    const c = open(fixture.proposalId, fixture.editor.memberToken);
    await synced(c);
    expect(c.doc.getText('title').toString()).toBe('');
    await restore(fixture, saved.id);
    await expect.poll(listed).toEqual(['Solar roof on hall 3 (+1)']);
    await until(() => c.doc.getText('title').length > 0, 'c has the restored title');
    c.doc.getText('title').insert(0, 'Final: ');
    await expect.poll(listed).toEqual(['Final: Solar roof on hall 3 (+1)']);
    for (const provider of providers.splice(0)) provider.destroy();
    await app.restart();
    expect(await listed()).toEqual(['Final: Solar roof on hall 3 (+1)']);
  });
});
