import type {
  InviteLink,
  MemberPublic,
  ProposalComment,
  ProposalSummary,
  ProposalView,
  RestoreResult,
  VersionDetail,
  VersionSummary,
} from '@ideasphere/shared';
import { VERSIONS_PER_PROPOSAL_MAX } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId } from '../ids.js';
import { LmdbStore } from '../store/LmdbStore.js';
import { api, startTestApp, type TestApp } from '../testing/harness.js';
import { rawHttp, statusOf, upgradeRequest } from '../testing/rawHttp.js';
import {
  bearer,
  connectProvider,
  docContent,
  firstRun,
  nextClose,
  proposalFixture,
  synced,
  typeInSection,
  until,
} from '../testing/yjsClients.js';

let app: TestApp | null = null;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await app?.dispose();
  app = null;
});

async function started(tuning?: Parameters<typeof startTestApp>[0]) {
  app = await startTestApp(tuning);
  const fixture = await proposalFixture(app.server);
  return { app, fixture, url: app.server.url };
}

function open(url: string, proposalId: string, token: string, doc?: Y.Doc): WebsocketProvider {
  const provider = connectProvider(url, proposalId, token, doc);
  providers.push(provider);
  return provider;
}

/** The upgrade's HTTP status, when the server refuses it. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

describe('proposal documents over y-websocket', () => {
  it('converges: edits of two editors reach everyone, the sender included, and the seed lists the source ideas', async () => {
    const { fixture, url } = await started();
    const a = open(url, fixture.proposalId, fixture.owner);
    const b = open(url, fixture.proposalId, fixture.editor.memberToken);
    const c = open(url, fixture.proposalId, fixture.viewer.memberToken);
    await Promise.all([synced(a), synced(b), synced(c)]);
    expect(a.doc.getText('title').toString()).toBe('Solar roof on hall 3 (+1)');
    expect(a.doc.getXmlFragment('section:solution').toString()).toContain('Reuse cutting fluid');
    expect(a.doc.getXmlFragment('section:solution').toString()).toContain('Li Lei');
    typeInSection(a.doc, 'problem', 0, 'Energy costs rise. ');
    typeInSection(b.doc, 'problem', 0, '能耗太高。');
    b.doc.getText('title').insert(0, '✔ ');
    await until(() => docContent(a.doc) === docContent(b.doc) && docContent(b.doc) === docContent(c.doc), 'convergence');
    // Both typed at once into the section's seeded empty paragraph: both texts survive.
    expect(c.doc.getXmlFragment('section:problem').toString()).toContain('Energy costs rise. ');
    expect(c.doc.getXmlFragment('section:problem').toString()).toContain('能耗太高。');
    expect(c.doc.getText('title').toString()).toBe('✔ Solar roof on hall 3 (+1)');
  });

  it('refuses a viewer\'s and a commenter\'s edit with 4403 and applies nothing', async () => {
    const { fixture, url } = await started();
    const owner = open(url, fixture.proposalId, fixture.owner);
    await synced(owner);
    const before = docContent(owner.doc);
    for (const token of [fixture.viewer.memberToken, fixture.commenter.memberToken]) {
      const reader = open(url, fixture.proposalId, token);
      await synced(reader);
      const closed = nextClose(reader);
      typeInSection(reader.doc, 'problem', 0, 'I should not be here');
      expect(await closed).toEqual({ code: 4403, reason: 'read_only' });
    }
    // A fresh editor sees exactly what was there before.
    const check = open(url, fixture.proposalId, fixture.editor.memberToken);
    await synced(check);
    expect(docContent(check.doc)).toBe(before);
    expect(docContent(owner.doc)).toBe(before);
  });

  it('answers strangers during the upgrade: 401 without or with a bad token, 404 for an unknown proposal', async () => {
    const { fixture, url } = await started();
    const ws = url.replace(/^http/, 'ws');
    expect(await upgradeStatus(`${ws}/yjs/${fixture.proposalId}`)).toBe(401);
    expect(await upgradeStatus(`${ws}/yjs/${fixture.proposalId}?token=${'x'.repeat(43)}`)).toBe(401);
    expect(await upgradeStatus(`${ws}/yjs/${'a'.repeat(18)}?token=${fixture.owner}`)).toBe(404);
    // A participant's token of the same session opens nothing either; the facilitator's does.
    expect(await upgradeStatus(`${ws}/yjs/${fixture.proposalId}?token=${fixture.participantToken}`)).toBe(401);
    const facilitator = open(url, fixture.proposalId, fixture.facilitatorToken);
    await synced(facilitator);
    expect(facilitator.doc.getText('title').toString()).toBe('Solar roof on hall 3 (+1)');
  });

  it('answers every odd /yjs target 400, 401 or 404, never a 5xx', async () => {
    const { fixture, url } = await started();
    const { proposalId: id } = fixture;
    const token = fixture.editor.memberToken;
    const expected: [string, number][] = [
      ['/yjs', 404],
      ['/yjs/', 404],
      ['/yjs//', 404],
      ['/yjs/%', 404],
      ['/yjs/%00', 404],
      [`/yjs/${id}/`, 404],
      [`/yjs/${id}/x?token=${token}`, 404],
      [`/yjs/${id}%2F?token=${token}`, 404],
      [`/yjs/${id.toUpperCase()}?token=${token}`, 404],
      [`/yjs/${'a'.repeat(65)}?token=${token}`, 404],
      [`/YJS/${id}?token=${token}`, 404],
      [`/yjs/${id}`, 401],
      [`/yjs/${id}?token=`, 401],
      [`/yjs/${id}?token=%ZZ`, 401],
      [`/yjs/${id}?token=${token}&token=other`, 401],
      [`/yjs/${id}?token=${'x'.repeat(5_000)}`, 401],
      [`/yjs/${id}?token=${token}%00`, 401],
      [`/yjs/${id}?${'a=1&'.repeat(2_000)}`, 401],
      ['//yjs', 400],
      ['http://[::', 400],
    ];
    const answered: [string, number | null][] = [];
    for (const [target] of expected) answered.push([target, statusOf((await rawHttp(url, upgradeRequest(target))).response)]);
    expect(answered).toEqual(expected);
  });

  it('keeps every edit across a server restart (SIGTERM path flushes)', async () => {
    const { app: running, fixture } = await started();
    const a = open(running.server.url, fixture.proposalId, fixture.editor.memberToken);
    await synced(a);
    const watcher = open(running.server.url, fixture.proposalId, fixture.owner);
    await synced(watcher);
    typeInSection(a.doc, 'benefits', 0, 'Saves 12% energy');
    a.doc.getText('title').insert(0, 'Final: ');
    const expected = docContent(a.doc);
    // Once another client has the edit, the server has it (it relays only what it applied).
    await until(() => docContent(watcher.doc) === expected, 'the server relays the edit');
    a.destroy();
    watcher.destroy();
    await running.restart();
    const b = open(running.server.url, fixture.proposalId, fixture.viewer.memberToken);
    await synced(b);
    expect(docContent(b.doc)).toBe(expected);
  });

  it('compacts the log after compactAfterUpdates appends while the document stays loaded, into a snapshot that loads to identical content', async () => {
    const compactAfterUpdates = 4;
    const { app: running, fixture } = await started({ proposalTuning: { compactAfterUpdates, persistDebounceMs: 5 } });
    const a = open(running.server.url, fixture.proposalId, fixture.editor.memberToken);
    await synced(a);
    // A second handle on the running server's store (LMDB shares the environment in one process).
    const store = await LmdbStore.open(running.dataDir);
    try {
      const initial = await store.proposals.loadDoc(fixture.proposalId);
      // The seed is the log's first update; the document counts it when it loads.
      expect(initial.snapshot).toBeNull();
      expect(initial.updates).toHaveLength(1);
      let lastSeq = initial.lastSeq;
      for (let append = 2; append <= compactAfterUpdates; append++) {
        typeInSection(a.doc, 'team', 0, `${append},`);
        // Each edit is its own append: wait until it is stored before the next one.
        await expect.poll(async () => (await store.proposals.loadDoc(fixture.proposalId)).lastSeq, { timeout: 10_000 }).toBeGreaterThan(lastSeq);
        const stored = await store.proposals.loadDoc(fixture.proposalId);
        lastSeq = stored.lastSeq;
        if (append < compactAfterUpdates) {
          expect(stored.snapshot).toBeNull();
          expect(stored.updates).toHaveLength(append);
        }
      }
      // The threshold was reached with the editor still connected: no unload has happened.
      await expect.poll(async () => (await store.proposals.loadDoc(fixture.proposalId)).snapshot, { timeout: 10_000 }).not.toBeNull();
      const compacted = await store.proposals.loadDoc(fixture.proposalId);
      expect(compacted.updates).toEqual([]);
      const fromSnapshot = new Y.Doc();
      if (compacted.snapshot) Y.applyUpdate(fromSnapshot, compacted.snapshot);
      expect(docContent(fromSnapshot)).toBe(docContent(a.doc));
    } finally {
      await store.close();
    }
    const expected = docContent(a.doc);
    a.destroy();
    await running.restart();
    const b = open(running.server.url, fixture.proposalId, fixture.viewer.memberToken);
    await synced(b);
    expect(docContent(b.doc)).toBe(expected);
  });

  it('keeps comments anchored to their passage while text changes before and inside it', async () => {
    const { fixture, url } = await started();
    const a = open(url, fixture.proposalId, fixture.editor.memberToken);
    const b = open(url, fixture.proposalId, fixture.owner);
    await Promise.all([synced(a), synced(b)]);
    typeInSection(a.doc, 'problem', 0, 'The energy cost is too high in winter.');
    const run = firstRun(a.doc, 'problem');
    const start = run.toString().indexOf('too high');
    const encode = (index: number, assoc: number) =>
      Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index, assoc))).toString('base64');
    const anchor = { section: 'problem', start: encode(start, 0), end: encode(start + 'too high'.length, -1), quote: 'too high' };
    const commenter = bearer(fixture.commenter.memberToken);
    const posted = await api<ProposalComment>(url, 'POST', `/api/proposals/${fixture.proposalId}/comments`, { anchor, body: 'Source?' }, commenter);
    expect(posted.status).toBe(201);
    await until(() => firstRun(b.doc, 'problem').length === run.length, 'b has the sentence');
    // Edits before the passage and inside it, by someone else.
    firstRun(b.doc, 'problem').insert(0, 'In hall 3, ');
    const inside = firstRun(b.doc, 'problem').toString().indexOf('high');
    firstRun(b.doc, 'problem').insert(inside, 'really ');
    await until(() => firstRun(a.doc, 'problem').toString() === firstRun(b.doc, 'problem').toString(), 'convergence');
    const listed = await api<ProposalComment[]>(url, 'GET', `/api/proposals/${fixture.proposalId}/comments`, undefined, bearer(fixture.viewer.memberToken));
    const stored = listed.body[0];
    if (!stored) throw new Error('comment missing');
    const resolve = (base64: string) => {
      const absolute = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(base64, 'base64')), a.doc);
      if (!absolute) throw new Error('anchor lost');
      return absolute.index;
    };
    const text = firstRun(a.doc, 'problem').toString();
    expect(text).toBe('In hall 3, The energy cost is too really high in winter.');
    expect(text.slice(resolve(stored.anchor.start), resolve(stored.anchor.end))).toBe('too really high');
  });

  it('exports each comment as a footnote right after its passage, and a comment on deleted text in a list at the end', async () => {
    const { fixture, url } = await started();
    const id = fixture.proposalId;
    const a = open(url, id, fixture.editor.memberToken);
    const b = open(url, id, fixture.owner);
    await Promise.all([synced(a), synced(b)]);
    typeInSection(a.doc, 'problem', 0, 'The energy cost is too high in winter.');
    const run = firstRun(a.doc, 'problem');
    const encode = (index: number, assoc: number) =>
      Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index, assoc))).toString('base64');
    const on = (quote: string) => {
      const at = run.toString().indexOf(quote);
      return { section: 'problem', start: encode(at, 0), end: encode(at + quote.length, -1), quote };
    };
    const commenter = bearer(fixture.commenter.memberToken);
    const post = (quote: string, body: string) => api<ProposalComment>(url, 'POST', `/api/proposals/${id}/comments`, { anchor: on(quote), body }, commenter);
    const winter = await post(' in winter', 'Summer too?');
    const high = await post('too high', 'Source?');
    expect([winter.status, high.status]).toEqual([201, 201]);
    await api(url, 'POST', `/api/proposals/${id}/comments/${high.body.id}/replies`, { body: 'Audit 2023' }, bearer(fixture.editor.memberToken));
    await until(() => firstRun(b.doc, 'problem').length === run.length, 'b has the sentence');
    // Someone else deletes the passage " in winter"; the comment on it must not vanish from the export.
    firstRun(b.doc, 'problem').delete('The energy cost is too high'.length, ' in winter'.length);
    await until(() => firstRun(a.doc, 'problem').toString() === 'The energy cost is too high.', 'a has the deletion');
    const md = (await api<string>(url, 'GET', `/api/proposals/${id}/export.md?comments=yes`, undefined, bearer(fixture.viewer.memberToken))).body;
    expect(md).toContain('## Problem\n\nThe energy cost is too high[^1].\n\n## ');
    expect(md).toContain('## Comments on deleted text\n\n- “in winter” (Problem)[^2]\n');
    expect(md).toContain('[^1]: **Ann** on “too high” (Problem): Source?\n\n    - **Wang Fang**: Audit 2023');
    expect(md).toMatch(/^\[\^2\]: \*\*Ann\*\* on “in winter” \(Problem\): Summer too\?$/m);
    const without = (await api<string>(url, 'GET', `/api/proposals/${id}/export.md`, undefined, bearer(fixture.viewer.memberToken))).body;
    expect(without).toContain('The energy cost is too high.');
    expect(without).not.toContain('[^');
  });
});

describe('automatic versions', () => {
  it('saves an automatic version while the text changes and when the last client leaves', async () => {
    const { app: running, fixture } = await started({ proposalTuning: { autoVersionIntervalMs: 0, persistDebounceMs: 5 } });
    const url = running.server.url;
    const list = async () =>
      (await api<VersionSummary[]>(url, 'GET', `/api/proposals/${fixture.proposalId}/versions`, undefined, bearer(fixture.viewer.memberToken))).body;
    const a = open(url, fixture.proposalId, fixture.editor.memberToken);
    await synced(a);
    typeInSection(a.doc, 'problem', 0, 'Auto saved');
    await expect.poll(async () => (await list()).filter((v) => v.kind === 'auto').length).toBeGreaterThan(0);
    const whileEditing = (await list()).length;
    typeInSection(a.doc, 'problem', 0, 'Left: ');
    const expected = docContent(a.doc);
    a.destroy();
    await expect.poll(async () => (await list()).length).toBeGreaterThan(whileEditing);
    const newest = (await list())[0];
    if (!newest) throw new Error('no version');
    const detail = await api<VersionDetail>(url, 'GET', `/api/proposals/${fixture.proposalId}/versions/${newest.id}`, undefined, bearer(fixture.viewer.memberToken));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(detail.body.update, 'base64'));
    expect(newest.kind).toBe('auto');
    expect(docContent(doc)).toBe(expected);
  });
});

describe('automatic version pruning', () => {
  it('keeps only the newest automatic versions, never deletes manual ones, and does not count automatic ones toward the cap', async () => {
    const { app: running, fixture } = await started({ proposalTuning: { autoVersionIntervalMs: 0, persistDebounceMs: 5, autoVersionsKept: 3 } });
    // An actively edited proposal that already holds as many automatic versions as the cap.
    await running.server.close();
    const store = await LmdbStore.open(running.dataDir);
    try {
      const state = Y.encodeStateAsUpdate(new Y.Doc());
      const start = Date.UTC(2024, 0, 1);
      await Promise.all(
        Array.from({ length: VERSIONS_PER_PROPOSAL_MAX }, (_, i) =>
          store.proposals.addVersion(
            { id: newId(start + i), proposalId: fixture.proposalId, name: `Seeded ${i}`, kind: 'auto', createdAt: new Date(start + i), createdBy: null, size: state.byteLength },
            state,
          ),
        ),
      );
    } finally {
      await store.close();
    }
    await running.restart();
    const url = running.server.url;
    const list = async () =>
      (await api<VersionSummary[]>(url, 'GET', `/api/proposals/${fixture.proposalId}/versions`, undefined, bearer(fixture.viewer.memberToken))).body;
    const manual = await api<VersionSummary>(url, 'POST', `/api/proposals/${fixture.proposalId}/versions`, { name: 'Kept by hand' }, bearer(fixture.owner));
    expect(manual.status).toBe(201);
    const a = open(url, fixture.proposalId, fixture.editor.memberToken);
    await synced(a);
    typeInSection(a.doc, 'problem', 0, 'Edited again');
    await expect.poll(async () => (await list()).filter((v) => v.kind === 'auto').length).toBe(3);
    const versions = await list();
    expect(versions.filter((v) => v.kind === 'manual').map((v) => v.id)).toEqual([manual.body.id]);
    // The newest automatic version is the one just saved; the oldest seeded ones went first.
    const autos = versions.filter((v) => v.kind === 'auto').map((v) => v.name);
    expect(autos[0]?.startsWith('Seeded ')).toBe(false);
    const seededLeft = autos.filter((name) => name.startsWith('Seeded '));
    expect(seededLeft).toEqual([`Seeded ${VERSIONS_PER_PROPOSAL_MAX - 1}`, `Seeded ${VERSIONS_PER_PROPOSAL_MAX - 2}`].slice(0, seededLeft.length));
  });
});

describe('proposal HTTP routes', () => {
  it('concurrent rotations of two roles both take effect: neither old link comes back', async () => {
    const { fixture, url } = await started();
    const id = fixture.proposalId;
    const token = (link: string) => new URL(link).hash.replace('#invite=', '');
    const rotate = (role: string) => api<InviteLink>(url, 'POST', `/api/proposals/${id}/invites/${role}`, undefined, bearer(fixture.owner));
    for (let round = 0; round < 5; round++) {
      const [editor, viewer] = await Promise.all([rotate('editor'), rotate('viewer')]);
      for (const [rotated, old] of [
        [editor, fixture.created.invites.editor],
        [viewer, fixture.created.invites.viewer],
      ] as const) {
        expect(rotated.status).toBe(200);
        expect((await api(url, 'POST', `/api/proposals/${id}/members`, { invite: token(old), name: 'Late' })).status).toBe(401);
        expect((await api(url, 'POST', `/api/proposals/${id}/members`, { invite: token(rotated.body.url), name: `New ${round}` })).status).toBe(201);
      }
    }
  });

  it('lists, joins, views, changes roles, rotates invites and removes members', async () => {
    const { fixture, url } = await started();
    const id = fixture.proposalId;
    const list = await api<ProposalSummary[]>(url, 'GET', `/api/sessions/${fixture.code}/proposals`, undefined, bearer(fixture.facilitatorToken));
    expect(list.body).toEqual([expect.objectContaining({ id, memberCount: 4 })]);
    expect(list.body[0]?.sources.map((s) => s.authorNames)).toEqual([['Li Lei'], ['Li Lei']]);
    const mine = await api<ProposalSummary[]>(url, 'GET', `/api/sessions/${fixture.code}/proposals`, undefined, bearer(fixture.participantToken));
    expect(mine.body).toEqual([]);
    const view = await api<ProposalView>(url, 'GET', `/api/proposals/${id}`, undefined, bearer(fixture.commenter.memberToken));
    expect(view.body.me).toMatchObject({ name: 'Ann', role: 'commenter' });
    expect(view.body.proposal.template.map((s) => s.key)).toEqual(['problem', 'solution', 'benefits', 'resources', 'team', 'ip']);
    // An editor may not change roles; the owner may, and the member's connection is closed.
    const viewerId = fixture.viewer.member.id;
    expect((await api(url, 'PATCH', `/api/proposals/${id}/members/${viewerId}`, { role: 'editor' }, bearer(fixture.editor.memberToken))).status).toBe(403);
    const viewerDoc = open(url, id, fixture.viewer.memberToken);
    await synced(viewerDoc);
    const closed = nextClose(viewerDoc);
    const patched = await api<MemberPublic>(url, 'PATCH', `/api/proposals/${id}/members/${viewerId}`, { role: 'editor' }, bearer(fixture.owner));
    expect(patched.body.role).toBe('editor');
    expect(await closed).toEqual({ code: 4509, reason: 'role_changed' });
    // The provider reconnects by itself, now as an editor that may write.
    await synced(viewerDoc);
    typeInSection(viewerDoc.doc, 'ip', 0, 'Patent search done');
    const check = open(url, id, fixture.owner);
    await until(() => check.doc.getXmlFragment('section:ip').toString().includes('Patent search done'), 'promoted member writes');
    // Rotating an invite makes the old link useless.
    const oldInvite = new URL(fixture.created.invites.viewer).hash.replace('#invite=', '');
    const rotated = await api<InviteLink>(url, 'POST', `/api/proposals/${id}/invites/viewer`, undefined, bearer(fixture.owner));
    expect(rotated.body.url).toContain(`/p/${id}#invite=`);
    expect((await api(url, 'POST', `/api/proposals/${id}/members`, { invite: oldInvite, name: 'Late' })).status).toBe(401);
    // Removing a member: 204, their token stops working.
    expect((await api(url, 'DELETE', `/api/proposals/${id}/members/${fixture.commenter.member.id}`, undefined, bearer(fixture.owner))).status).toBe(204);
    expect((await api(url, 'GET', `/api/proposals/${id}`, undefined, bearer(fixture.commenter.memberToken))).status).toBe(401);
    // Bad bodies are refused with the field named, and nothing changes.
    const bad = await api<{ error: { code: string; fields: Record<string, string> } }>(url, 'PATCH', `/api/proposals/${id}/members/${viewerId}`, { role: 'god' }, bearer(fixture.owner));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('role');
  });

  it('comments: replies, resolve by the author, refusal for viewers and unknown sections', async () => {
    const { fixture, url } = await started();
    const id = fixture.proposalId;
    const anchor = { section: 'problem', start: 'AAAA', end: 'AAAA', quote: 'x' };
    expect((await api(url, 'POST', `/api/proposals/${id}/comments`, { anchor, body: 'no' }, bearer(fixture.viewer.memberToken))).status).toBe(403);
    const wrong = await api(url, 'POST', `/api/proposals/${id}/comments`, { anchor: { ...anchor, section: 'nope' }, body: 'no' }, bearer(fixture.owner));
    expect(wrong.status).toBe(400);
    const made = await api<ProposalComment>(url, 'POST', `/api/proposals/${id}/comments`, { anchor, body: '成本数据？' }, bearer(fixture.commenter.memberToken));
    const cid = made.body.id;
    const replied = await api<ProposalComment>(url, 'POST', `/api/proposals/${id}/comments/${cid}/replies`, { body: 'See appendix' }, bearer(fixture.editor.memberToken));
    expect(replied.body.replies).toMatchObject([{ authorName: 'Wang Fang', body: 'See appendix' }]);
    const resolved = await api<ProposalComment>(url, 'PATCH', `/api/proposals/${id}/comments/${cid}`, { resolved: true }, bearer(fixture.commenter.memberToken));
    expect(resolved.body.resolvedBy).toBe(fixture.commenter.member.id);
    expect((await api(url, 'PATCH', `/api/proposals/${id}/comments/${cid}`, { resolved: false }, bearer(fixture.viewer.memberToken))).status).toBe(403);
    const md = await api<string>(url, 'GET', `/api/proposals/${id}/export.md?comments=yes`, undefined, bearer(fixture.viewer.memberToken));
    expect(md.body).toContain('[^1]: **Ann**');
    expect(md.body).toContain('**Wang Fang**: See appendix');
  });

  it('refuses comment anchors whose start or end is not a Yjs relative position, and stores nothing', async () => {
    const { fixture, url } = await started();
    const id = fixture.proposalId;
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'text');
    const valid = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(doc.getText('t'), 1))).toString('base64');
    const junk = Buffer.from('hello, not a position').toString('base64');
    const truncated = valid.slice(0, 4);
    const trailing = Buffer.concat([Buffer.from(valid, 'base64'), Buffer.from([1, 2, 3])]).toString('base64');
    const post = (start: string, end: string) =>
      api<{ error: { code: string; fields: Record<string, string> } }>(
        url,
        'POST',
        `/api/proposals/${id}/comments`,
        { anchor: { section: 'problem', start, end, quote: 'x' }, body: 'junk' },
        bearer(fixture.owner),
      );
    for (const [start, end, fields] of [
      [junk, valid, ['anchor.start']],
      [valid, truncated, ['anchor.end']],
      [truncated, junk, ['anchor.start', 'anchor.end']],
      [trailing, valid, ['anchor.start']],
    ] as const) {
      const refused = await post(start, end);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('bad_request');
      expect(Object.keys(refused.body.error.fields).sort()).toEqual([...fields].sort());
    }
    const listed = await api<ProposalComment[]>(url, 'GET', `/api/proposals/${id}/comments`, undefined, bearer(fixture.owner));
    expect(listed.body).toEqual([]);
    expect((await post(valid, valid)).status).toBe(201);
  });

  it('versions: save, view, restore as a change every client receives, export Markdown', async () => {
    const { fixture, url } = await started();
    const id = fixture.proposalId;
    const a = open(url, id, fixture.editor.memberToken);
    const b = open(url, id, fixture.viewer.memberToken);
    await Promise.all([synced(a), synced(b)]);
    typeInSection(a.doc, 'problem', 0, 'First draft');
    await until(() => docContent(b.doc) === docContent(a.doc), 'b has the draft');
    const saved = await api<VersionSummary>(url, 'POST', `/api/proposals/${id}/versions`, { name: 'Draft 1' }, bearer(fixture.editor.memberToken));
    expect(saved.status).toBe(201);
    expect((await api(url, 'POST', `/api/proposals/${id}/versions`, { name: 'x' }, bearer(fixture.viewer.memberToken))).status).toBe(403);
    firstRun(a.doc, 'problem').delete(0, 5);
    firstRun(a.doc, 'problem').insert(0, 'Second');
    await until(() => firstRun(b.doc, 'problem').toString() === 'Second draft', 'b has the edit');
    const detail = await api<VersionDetail>(url, 'GET', `/api/proposals/${id}/versions/${saved.body.id}`, undefined, bearer(fixture.viewer.memberToken));
    const old = new Y.Doc();
    Y.applyUpdate(old, Buffer.from(detail.body.update, 'base64'));
    expect(firstRun(old, 'problem').toString()).toBe('First draft');
    const restored = await api<RestoreResult>(url, 'POST', `/api/proposals/${id}/versions/${saved.body.id}/restore`, undefined, bearer(fixture.owner));
    expect(restored.status).toBe(200);
    expect(restored.body.backup.kind).toBe('restore');
    await until(() => b.doc.getXmlFragment('section:problem').toString().includes('First draft'), 'b receives the restore');
    expect(docContent(a.doc)).toBe(docContent(b.doc));
    const versions = await api<VersionSummary[]>(url, 'GET', `/api/proposals/${id}/versions`, undefined, bearer(fixture.viewer.memberToken));
    expect(versions.body.map((v) => v.kind)).toEqual(['restore', 'manual']);
    const md = await api<string>(url, 'GET', `/api/proposals/${id}/export.md`, undefined, bearer(fixture.viewer.memberToken));
    expect(md.body).toContain('# Solar roof on hall 3 \\(+1\\)'.replace('\\(', '(').replace('\\)', ')'));
    expect(md.body).toContain('## Problem\n\nFirst draft');
    expect(md.body).toContain('- **Solar roof on hall 3** — Why: Solar roof on hall 3 (Li Lei)');
  });

  it('lets participants promote ideas only when the session allows it, and hides names when anonymous', async () => {
    const { fixture, url } = await started();
    const body = { ideaIds: [fixture.ideas[0]?.id] };
    const refused = await api(url, 'POST', `/api/sessions/${fixture.code}/proposals`, body, bearer(fixture.participantToken));
    expect(refused.status).toBe(403);
    const { connectClient, request, expectOk } = await import('../testing/harness.js');
    const staff = await connectClient(url, { role: 'facilitator', code: fixture.code, token: fixture.facilitatorToken });
    expectOk(await request(staff, 'board:configure', { participantsMayPropose: true, anonymous: true }));
    staff.close();
    const made = await api<{ proposal: { sources: { authorNames: string[] }[] } }>(url, 'POST', `/api/sessions/${fixture.code}/proposals`, body, bearer(fixture.participantToken));
    expect(made.status).toBe(201);
    expect(made.body.proposal.sources[0]?.authorNames).toEqual([]);
    const mine = await api<ProposalSummary[]>(url, 'GET', `/api/sessions/${fixture.code}/proposals`, undefined, bearer(fixture.participantToken));
    expect(mine.body).toHaveLength(1);
    const unknown = await api(url, 'POST', `/api/sessions/${fixture.code}/proposals`, { ideaIds: ['zzzzzzzzzzzz'] }, bearer(fixture.facilitatorToken));
    expect(unknown.status).toBe(404);
  });
});
