import type { z } from 'zod';
import {
  VERSION_NAME_MAX_CHARS,
  VERSIONS_PER_PROPOSAL_MAX,
  versionCreateBodySchema,
  type RestoreResult,
  type VersionDetail,
  type VersionSummary,
} from '@ideasphere/shared';
import * as Y from 'yjs';
import { errors } from '../errors.js';
import type { Store } from '../store/Store.js';
import type { DocumentManager } from './DocumentManager.js';
import { type ExportComment, proposalToMarkdown } from './exportMarkdown.js';
import { proposalRoots } from './documentShape.js';
import { ProposalAccess, type ProposalPrincipal } from './ProposalAccess.js';
import { presentVersion } from './presentProposal.js';
import { type ReadVersion, readVersion } from './storedDocument.js';

/** Named versions (full-state checkpoints), restore, and the Markdown export. */
export class VersionService {
  constructor(
    private readonly store: Store,
    private readonly documents: DocumentManager,
  ) {}

  async list(principal: ProposalPrincipal): Promise<VersionSummary[]> {
    return (await this.store.proposals.listVersions(principal.proposal.id)).map(presentVersion);
  }

  async create(principal: ProposalPrincipal, input: z.output<typeof versionCreateBodySchema>): Promise<VersionSummary> {
    ProposalAccess.require(principal, ['owner', 'editor'], 'save versions');
    await this.checkRoom(principal.proposal.id);
    const version = await this.documents.with(principal.proposal.id, (document) =>
      document.saveVersion('manual', input.name, principal.member.id),
    );
    return presentVersion(version);
  }

  /**
   * A version with its state. A stored state that breaks the document's shape (saved before the
   * checks) is served without what breaks it, so no client has to render it.
   */
  async get(principal: ProposalPrincipal, versionId: string): Promise<VersionDetail> {
    const found = await this.store.proposals.getVersion(principal.proposal.id, versionId);
    if (!found) throw errors.versionNotFound();
    const read = readVersionOf(principal, found.state);
    const state = read.changed ? Y.encodeStateAsUpdate(read.doc) : found.state;
    read.doc.destroy();
    return { version: presentVersion(found.version), update: Buffer.from(state).toString('base64') };
  }

  /**
   * Saves the current text as a `restore` version, then makes the live title and sections
   * equal to the chosen version's in one transaction that every connected client receives
   * (a minimal edit, so comments on text both share stay anchored: see restoreContent).
   */
  async restore(principal: ProposalPrincipal, versionId: string): Promise<RestoreResult> {
    ProposalAccess.require(principal, ['owner', 'editor'], 'restore versions');
    const found = await this.store.proposals.getVersion(principal.proposal.id, versionId);
    if (!found) throw errors.versionNotFound();
    await this.checkRoom(principal.proposal.id);
    const keys = principal.proposal.template.map((s) => s.key);
    const source = readVersionOf(principal, found.state).doc;
    try {
      return await this.documents.with(principal.proposal.id, async (document) => {
        const name = [...`Before restoring “${found.version.name}”`].slice(0, VERSION_NAME_MAX_CHARS).join('');
        const backup = await document.saveVersion('restore', name, principal.member.id);
        document.applyVersion(source, keys);
        await document.flush();
        document.notify({ kind: 'restored' });
        return { restored: presentVersion(found.version), backup: presentVersion(backup) };
      });
    } finally {
      source.destroy();
    }
  }

  /** The proposal as Markdown, with its comments as footnotes at their passages when asked. */
  async exportMarkdown(principal: ProposalPrincipal, withComments: boolean): Promise<string> {
    const { proposal } = principal;
    const comments: ExportComment[] | null = withComments
      ? (await this.store.proposals.listComments(proposal.id)).map((c) => ({
          anchor: c.anchor,
          authorName: c.authorName,
          body: c.body,
          resolved: c.resolvedAt !== null,
          replies: c.replies.map((r) => ({ authorName: r.authorName, body: r.body })),
        }))
      : null;
    return this.documents.with(proposal.id, (document) => {
      // A copy, so rendering reads a stable state even if an edit arrives meanwhile.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.doc));
      const markdown = proposalToMarkdown(copy, proposal.template, comments);
      copy.destroy();
      return markdown;
    });
  }

  /** Only manual and restore versions count: automatic ones are pruned to AUTO_VERSIONS_KEPT. */
  private async checkRoom(proposalId: string): Promise<void> {
    if ((await this.store.proposals.countVersions(proposalId, ['manual', 'restore'])) >= VERSIONS_PER_PROPOSAL_MAX) {
      throw errors.proposalVersionsFull(VERSIONS_PER_PROPOSAL_MAX);
    }
  }
}

/** A stored version's state in the proposal's shape; a state that does not decode is refused. */
function readVersionOf(principal: ProposalPrincipal, state: Uint8Array): ReadVersion {
  const read = readVersion(state, proposalRoots(principal.proposal.template.map((section) => section.key)));
  if (!read) throw errors.versionDamaged();
  return read;
}
