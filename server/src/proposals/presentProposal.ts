import type { Proposal, ProposalComment, VersionSummary } from '@ideasphere/shared';
import type { CommentRecord, ProposalRecord, VersionRecord } from '../store/ProposalStore.js';

export function presentProposal(record: ProposalRecord): Proposal {
  return {
    id: record.id,
    sessionId: record.sessionId,
    title: record.title,
    template: record.template.map((s) => ({ ...s })),
    sources: record.sources.map((s) => ({ ...s, authorNames: [...s.authorNames] })),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function presentComment(record: CommentRecord): ProposalComment {
  return {
    id: record.id,
    proposalId: record.proposalId,
    authorId: record.authorId,
    authorName: record.authorName,
    anchor: { ...record.anchor },
    body: record.body,
    createdAt: record.createdAt.toISOString(),
    resolvedAt: record.resolvedAt?.toISOString() ?? null,
    resolvedBy: record.resolvedBy,
    replies: record.replies.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

export function presentVersion(record: VersionRecord): VersionSummary {
  return { ...record, createdAt: record.createdAt.toISOString() };
}
