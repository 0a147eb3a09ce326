import type { z } from 'zod';
import {
  COMMENTS_PER_PROPOSAL_MAX,
  REPLIES_PER_COMMENT_MAX,
  commentCreateBodySchema,
  commentPatchBodySchema,
  commentReplyBodySchema,
  type ProposalComment,
} from '@ideasphere/shared';
import * as Y from 'yjs';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { CommentRecord } from '../store/ProposalStore.js';
import type { Store } from '../store/Store.js';
import type { DocumentManager } from './DocumentManager.js';
import { ProposalAccess, type ProposalPrincipal } from './ProposalAccess.js';
import { presentComment } from './presentProposal.js';

/**
 * Comments anchored to passages. They live in the store, never inside the Y.Doc, so no writer
 * of the document can alter them; every change tells connected clients to refetch (message 100).
 */
export class CommentService {
  constructor(
    private readonly store: Store,
    private readonly documents: DocumentManager,
  ) {}

  async list(principal: ProposalPrincipal): Promise<ProposalComment[]> {
    return (await this.store.proposals.listComments(principal.proposal.id)).map(presentComment);
  }

  async create(principal: ProposalPrincipal, input: z.output<typeof commentCreateBodySchema>): Promise<ProposalComment> {
    ProposalAccess.require(principal, ['owner', 'editor', 'commenter'], 'comment');
    const { proposal, member } = principal;
    if (!proposal.template.some((s) => s.key === input.anchor.section)) {
      throw errors.sectionNotInProposal();
    }
    const badEnds: Record<string, string> = {};
    if (!isRelativePosition(input.anchor.start)) badEnds['anchor.start'] = 'is not an encoded Yjs relative position';
    if (!isRelativePosition(input.anchor.end)) badEnds['anchor.end'] = 'is not an encoded Yjs relative position';
    if (Object.keys(badEnds).length > 0) throw errors.commentAnchorInvalid(badEnds);
    if ((await this.store.proposals.countComments(proposal.id)) >= COMMENTS_PER_PROPOSAL_MAX) {
      throw errors.proposalCommentsFull(COMMENTS_PER_PROPOSAL_MAX);
    }
    const comment: CommentRecord = {
      id: newId(),
      proposalId: proposal.id,
      authorId: member.id,
      authorName: member.name,
      anchor: input.anchor,
      body: input.body,
      createdAt: new Date(),
      resolvedAt: null,
      resolvedBy: null,
      replies: [],
    };
    await this.store.proposals.addComment(comment);
    this.changed(proposal.id);
    return presentComment(comment);
  }

  async reply(principal: ProposalPrincipal, commentId: string, input: z.output<typeof commentReplyBodySchema>): Promise<ProposalComment> {
    ProposalAccess.require(principal, ['owner', 'editor', 'commenter'], 'reply to comments');
    const existing = await this.require(principal, commentId);
    if (existing.replies.length >= REPLIES_PER_COMMENT_MAX) {
      throw errors.commentRepliesFull(REPLIES_PER_COMMENT_MAX);
    }
    const updated = await this.store.proposals.addReply(principal.proposal.id, commentId, {
      id: newId(),
      authorId: principal.member.id,
      authorName: principal.member.name,
      body: input.body,
      createdAt: new Date(),
    });
    if (!updated) throw errors.commentNotFound();
    this.changed(principal.proposal.id);
    return presentComment(updated);
  }

  /** Owners, editors and the comment's author may resolve or reopen it. */
  async setResolved(principal: ProposalPrincipal, commentId: string, input: z.output<typeof commentPatchBodySchema>): Promise<ProposalComment> {
    const existing = await this.require(principal, commentId);
    const { member } = principal;
    if (member.role !== 'owner' && member.role !== 'editor' && existing.authorId !== member.id) throw errors.forbidden('resolve this comment');
    const resolved = input.resolved ? { at: new Date(), by: member.id } : null;
    const updated = await this.store.proposals.setCommentResolved(principal.proposal.id, commentId, resolved);
    if (!updated) throw errors.commentNotFound();
    this.changed(principal.proposal.id);
    return presentComment(updated);
  }

  private async require(principal: ProposalPrincipal, commentId: string): Promise<CommentRecord> {
    const comment = await this.store.proposals.getComment(principal.proposal.id, commentId);
    if (!comment) throw errors.commentNotFound();
    return comment;
  }

  private changed(proposalId: string): void {
    this.documents.notify(proposalId, { kind: 'comments' });
  }
}

/**
 * Whether `base64` is exactly one `Y.encodeRelativePosition`: it decodes, points at an item or a
 * type, and encodes back to the same bytes (the older encoding without `assoc` is accepted too),
 * so no junk is stored and sent to every client.
 */
function isRelativePosition(base64: string): boolean {
  const bytes = Buffer.from(base64, 'base64');
  let position: Y.RelativePosition;
  try {
    position = Y.decodeRelativePosition(bytes);
  } catch {
    return false;
  }
  if (position.item === null && position.type === null && position.tname === null) return false;
  const again = Buffer.from(Y.encodeRelativePosition(position));
  return again.equals(bytes) || (position.assoc === 0 && again.equals(Buffer.concat([bytes, Buffer.from([0])])));
}
