import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashToken, newId, newToken } from '../ids.js';
import { createdSession } from './contract.fixtures.js';
import type { CommentRecord, ProposalMemberRecord, ProposalRecord, StoredDoc, VersionRecord } from './ProposalStore.js';
import { StoreConflictError, type Store } from './Store.js';

function makeProposal(sessionId: string, overrides: Partial<ProposalRecord> = {}): ProposalRecord {
  const now = new Date(Date.UTC(2024, 4, 1, 8, 30, 0, 123));
  return {
    id: newId(),
    sessionId,
    title: '绿色制造 proposal',
    template: [
      { key: 'problem', heading: '问题' },
      { key: 'solution', heading: 'Solution' },
    ],
    sources: [{ ideaId: newId(), title: '太阳能屋顶', authorNames: ['李雷', 'Ann'] }],
    createdByParticipantId: null,
    inviteHashes: { editor: hashToken(newToken()), commenter: hashToken(newToken()), viewer: hashToken(newToken()) },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** Ids sort by their time part; fixtures made in one millisecond still need a fixed order. */
let fixtureClock = Date.UTC(2024, 4, 1, 9);
const orderedId = () => newId(fixtureClock++);

function makeMember(proposalId: string, overrides: Partial<ProposalMemberRecord> = {}): ProposalMemberRecord {
  return {
    id: orderedId(),
    proposalId,
    name: '王芳',
    role: 'editor',
    color: '#e4572e',
    tokenHash: hashToken(newToken()),
    joinedAt: new Date(Date.UTC(2024, 4, 1, 9, 0, 0, 5)),
    removedAt: null,
    ...overrides,
  };
}

function makeComment(proposalId: string, overrides: Partial<CommentRecord> = {}): CommentRecord {
  return {
    id: orderedId(),
    proposalId,
    authorId: newId(),
    authorName: 'Ann',
    anchor: { section: 'problem', start: 'AQID', end: 'AQIE', quote: '能耗太高' },
    body: 'Source for this figure?',
    createdAt: new Date(Date.UTC(2024, 4, 1, 9, 5)),
    resolvedAt: null,
    resolvedBy: null,
    replies: [],
    ...overrides,
  };
}

/** A Yjs update that types `text` at the end of the title. */
function typing(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.getText('title').insert(doc.getText('title').length, text);
  if (!update) throw new Error('no update');
  return update;
}

function textOf(stored: StoredDoc): string {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc.getText('title').toString();
}

/** The proposal part of the store contract. Every test makes its own session and proposal. */
export function describeProposalContract(getStore: () => Store): void {
  async function proposal(overrides: Partial<ProposalRecord> = {}) {
    const store = getStore();
    const session = await createdSession(store);
    const record = makeProposal(session.id, overrides);
    const owner = makeMember(record.id, { role: 'owner', name: 'Facilitator' });
    await store.proposals.createProposal(record, owner);
    return { store, proposals: store.proposals, session, record, owner };
  }

  describe('proposals', () => {
    it('returns a created proposal with its owner, lists it by session, dates as Dates', async () => {
      const { proposals, session, record, owner } = await proposal();
      const got = await proposals.getProposal(record.id);
      expect(got).toEqual(record);
      expect(got?.createdAt).toBeInstanceOf(Date);
      expect(await proposals.getMember(record.id, owner.id)).toEqual(owner);
      const second = makeProposal(session.id);
      await proposals.createProposal(second, makeMember(second.id, { role: 'owner' }));
      expect((await proposals.listProposals(session.id)).map((p) => p.id)).toEqual([record.id, second.id]);
      expect(await proposals.listProposals(newId())).toEqual([]);
    });

    it('refuses a duplicate proposal id and keeps the first', async () => {
      const { proposals, record } = await proposal();
      const clash = { ...record, title: 'other' };
      await expect(proposals.createProposal(clash, makeMember(record.id))).rejects.toBeInstanceOf(StoreConflictError);
      expect((await proposals.getProposal(record.id))?.title).toBe(record.title);
    });

    it('patches title and invite hashes; unknown ids give null', async () => {
      const { proposals, record } = await proposal();
      const inviteHashes = { ...record.inviteHashes, viewer: hashToken(newToken()) };
      const updated = await proposals.updateProposal(record.id, { title: '新标题', inviteHashes });
      expect(updated).toMatchObject({ title: '新标题', inviteHashes });
      expect(await proposals.getProposal(record.id)).toEqual(updated);
      expect(await proposals.updateProposal(newId(), { title: 'x' })).toBeNull();
    });

    it('sets one role’s invite hash atomically: concurrent updates of two roles both survive', async () => {
      const { proposals, record } = await proposal();
      const editor = hashToken(newToken());
      const viewer = hashToken(newToken());
      await Promise.all([proposals.setInviteHash(record.id, 'editor', editor), proposals.setInviteHash(record.id, 'viewer', viewer)]);
      const expected = { editor, commenter: record.inviteHashes.commenter, viewer };
      expect((await proposals.getProposal(record.id))?.inviteHashes).toEqual(expected);
      const commenter = hashToken(newToken());
      const updated = await proposals.setInviteHash(record.id, 'commenter', commenter);
      expect(updated).toMatchObject({ title: record.title, inviteHashes: { ...expected, commenter } });
      expect(await proposals.getProposal(record.id)).toEqual(updated);
      expect(await proposals.setInviteHash(newId(), 'viewer', viewer)).toBeNull();
    });
  });

  describe('proposal members', () => {
    it('finds members by token hash, lists the ones not removed, patches role and removal', async () => {
      const { proposals, record, owner } = await proposal();
      const editor = makeMember(record.id);
      await proposals.addMember(editor);
      expect(await proposals.getMemberByTokenHash(record.id, editor.tokenHash)).toEqual(editor);
      expect(await proposals.getMemberByTokenHash(newId(), editor.tokenHash)).toBeNull();
      expect((await proposals.listMembers(record.id)).map((m) => m.id)).toEqual([owner.id, editor.id]);
      expect(await proposals.updateMember(record.id, editor.id, { role: 'viewer' })).toMatchObject({ role: 'viewer' });
      const removedAt = new Date(Date.UTC(2024, 4, 2));
      expect(await proposals.updateMember(record.id, editor.id, { removedAt })).toMatchObject({ removedAt });
      expect((await proposals.listMembers(record.id)).map((m) => m.id)).toEqual([owner.id]);
      expect(await proposals.updateMember(record.id, newId(), { role: 'editor' })).toBeNull();
    });

    it('refuses a taken member token hash', async () => {
      const { proposals, record, owner } = await proposal();
      await expect(proposals.addMember(makeMember(record.id, { tokenHash: owner.tokenHash }))).rejects.toBeInstanceOf(StoreConflictError);
    });
  });

  describe('proposal member tokens and session-less proposals', () => {
    it('replaces a member token hash: the old one finds nobody, the new one the member', async () => {
      const { proposals, record, owner } = await proposal();
      const editor = makeMember(record.id);
      await proposals.addMember(editor);
      const next = hashToken(newToken());
      expect(await proposals.setMemberTokenHash(record.id, editor.id, next)).toEqual({ ...editor, tokenHash: next });
      expect(await proposals.getMemberByTokenHash(record.id, editor.tokenHash)).toBeNull();
      expect(await proposals.getMemberByTokenHash(record.id, next)).toEqual({ ...editor, tokenHash: next });
      await expect(proposals.setMemberTokenHash(record.id, editor.id, owner.tokenHash)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await proposals.getMemberByTokenHash(record.id, next)).toMatchObject({ id: editor.id });
      expect(await proposals.setMemberTokenHash(record.id, newId(), hashToken(newToken()))).toBeNull();
    });

    it('stores a proposal without a session (a challenge response) and lists it under no session', async () => {
      const proposals = getStore().proposals;
      const record = makeProposal('unused', { sessionId: null });
      await proposals.createProposal(record, makeMember(record.id, { role: 'owner' }));
      expect(await proposals.getProposal(record.id)).toEqual(record);
    });
  });

  describe('proposal comments', () => {
    it('stores comments with anchors, appends replies, resolves and reopens', async () => {
      const { proposals, record } = await proposal();
      const first = makeComment(record.id);
      const second = makeComment(record.id, { body: '第二条' });
      await proposals.addComment(first);
      await proposals.addComment(second);
      expect(await proposals.listComments(record.id)).toEqual([first, second]);
      expect(await proposals.countComments(record.id)).toBe(2);
      const reply = { id: newId(), authorId: newId(), authorName: '李雷', body: '见附件', createdAt: new Date(Date.UTC(2024, 4, 3)) };
      const replied = await proposals.addReply(record.id, first.id, reply);
      expect(replied?.replies).toEqual([reply]);
      const at = new Date(Date.UTC(2024, 4, 4));
      expect(await proposals.setCommentResolved(record.id, first.id, { at, by: 'm1' })).toMatchObject({ resolvedAt: at, resolvedBy: 'm1' });
      expect(await proposals.setCommentResolved(record.id, first.id, null)).toMatchObject({ resolvedAt: null, resolvedBy: null });
      expect(await proposals.getComment(record.id, first.id)).toEqual({ ...first, replies: [reply] });
      expect(await proposals.addReply(record.id, newId(), reply)).toBeNull();
      await expect(proposals.addComment(first)).rejects.toBeInstanceOf(StoreConflictError);
    });
  });

  describe('proposal versions', () => {
    it('lists versions newest first without their state and returns the exact state', async () => {
      const { proposals, record } = await proposal();
      const doc = new Y.Doc();
      const states: Uint8Array[] = [];
      const versions: VersionRecord[] = [];
      for (const [i, name] of ['初稿', 'Second', 'Third'].entries()) {
        typing(doc, name);
        const state = Y.encodeStateAsUpdate(doc);
        const version: VersionRecord = {
          id: newId(Date.now() + i),
          proposalId: record.id,
          name,
          kind: i === 0 ? 'auto' : 'manual',
          createdAt: new Date(Date.UTC(2024, 4, 5, 0, i)),
          createdBy: i === 0 ? null : 'member',
          size: state.byteLength,
        };
        await proposals.addVersion(version, state);
        states.push(state);
        versions.push(version);
      }
      expect(await proposals.listVersions(record.id)).toEqual([...versions].reverse());
      expect(await proposals.countVersions(record.id)).toBe(3);
      const got = await proposals.getVersion(record.id, versions[1]?.id ?? '');
      expect(got?.version).toEqual(versions[1]);
      expect(got?.state).toEqual(states[1]);
      expect(await proposals.getVersion(record.id, newId())).toBeNull();
    });

    it('counts versions by kind and prunes only the oldest automatic ones', async () => {
      const { proposals, record } = await proposal();
      const state = Y.encodeStateAsUpdate(new Y.Doc());
      const kinds = ['auto', 'manual', 'auto', 'restore', 'auto', 'auto', 'manual'] as const;
      const versions: VersionRecord[] = kinds.map((kind, i) => ({
        id: orderedId(),
        proposalId: record.id,
        name: `${kind} ${i}`,
        kind,
        createdAt: new Date(Date.UTC(2024, 4, 6, 0, i)),
        createdBy: kind === 'auto' ? null : 'member',
        size: state.byteLength,
      }));
      for (const version of versions) await proposals.addVersion(version, state);
      const [first] = versions;
      if (!first) throw new Error('no version');
      const other = await proposal();
      await other.proposals.addVersion({ ...first, id: orderedId(), proposalId: other.record.id }, state);
      expect(await proposals.countVersions(record.id)).toBe(7);
      expect(await proposals.countVersions(record.id, ['manual', 'restore'])).toBe(3);
      expect(await proposals.countVersions(record.id, ['auto'])).toBe(4);

      expect(await proposals.pruneAutoVersions(record.id, 2)).toBe(2);
      const kept = versions.filter((_, i) => i !== 0 && i !== 2);
      expect(await proposals.listVersions(record.id)).toEqual([...kept].reverse());
      expect(await proposals.getVersion(record.id, versions[0]?.id ?? '')).toBeNull();
      expect(await proposals.getVersion(record.id, versions[4]?.id ?? '')).not.toBeNull();
      expect(await proposals.pruneAutoVersions(record.id, 2)).toBe(0);
      // Another proposal's automatic versions are not touched.
      expect(await other.proposals.countVersions(other.record.id, ['auto'])).toBe(1);
      expect(await proposals.pruneAutoVersions(record.id, 0)).toBe(2);
      expect((await proposals.listVersions(record.id)).map((v) => v.kind)).toEqual(['manual', 'restore', 'manual']);
    });
  });

  describe('proposal document log', () => {
    it('loads nothing for a new document, then the appended updates in order', async () => {
      const { proposals, record } = await proposal();
      expect(await proposals.loadDoc(record.id)).toEqual({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
      const doc = new Y.Doc();
      const updates = ['节能', ' saves ', 'energy'].map((text) => typing(doc, text));
      for (const [i, update] of updates.entries()) await proposals.appendUpdate(record.id, i + 1, update);
      const stored = await proposals.loadDoc(record.id);
      expect(stored.updates.map((u) => u.seq)).toEqual([1, 2, 3]);
      expect(stored.updates.map((u) => u.update)).toEqual(updates);
      expect(stored.lastSeq).toBe(3);
      expect(textOf(stored)).toBe('节能 saves energy');
    });

    it('refuses a taken sequence number and keeps the first update', async () => {
      const { proposals, record } = await proposal();
      const doc = new Y.Doc();
      await proposals.appendUpdate(record.id, 1, typing(doc, 'first'));
      await expect(proposals.appendUpdate(record.id, 1, typing(doc, 'clash'))).rejects.toBeInstanceOf(StoreConflictError);
      expect(textOf(await proposals.loadDoc(record.id))).toBe('first');
    });

    it('compacts into a snapshot atomically: same content, later updates kept, never backwards', async () => {
      const { proposals, record } = await proposal();
      const doc = new Y.Doc();
      for (let seq = 1; seq <= 5; seq++) await proposals.appendUpdate(record.id, seq, typing(doc, `${seq}`));
      const snapshot = Y.encodeStateAsUpdate(doc);
      await proposals.appendUpdate(record.id, 6, typing(doc, '6'));
      await proposals.compactDoc(record.id, snapshot, 5);
      const stored = await proposals.loadDoc(record.id);
      expect(stored.snapshotSeq).toBe(5);
      expect(stored.snapshot).toEqual(snapshot);
      expect(stored.updates.map((u) => u.seq)).toEqual([6]);
      expect(stored.lastSeq).toBe(6);
      expect(textOf(stored)).toBe('123456');
      // An older compaction arriving late changes nothing.
      await proposals.compactDoc(record.id, Y.encodeStateAsUpdate(new Y.Doc()), 2);
      expect(await proposals.loadDoc(record.id)).toEqual(stored);
      // Documents do not see each other's logs.
      const other = await proposal();
      expect((await other.proposals.loadDoc(other.record.id)).updates).toEqual([]);
    });
  });
}
