import type {
  CommentAnchor,
  CreatedProposal,
  InviteLink,
  InviteRole,
  JoinedProposal,
  MemberPublic,
  ProposalComment,
  ProposalRole,
  ProposalSummary,
  ProposalView,
  RestoreResult,
  VersionDetail,
  VersionSummary,
} from '@ideasphere/shared';
import { isErrorCode } from '@ideasphere/shared/errors.js';
import { apiRequest, type ApiResult, type RequestError } from '../lib/api';

const base = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;

/** Where every proposal route lives (docs/protocol.md, "Proposals"). */
export const proposalPaths = {
  view: base,
  members: (id: string) => `${base(id)}/members`,
  member: (id: string, memberId: string) => `${base(id)}/members/${encodeURIComponent(memberId)}`,
  invite: (id: string, role: InviteRole) => `${base(id)}/invites/${role}`,
  comments: (id: string) => `${base(id)}/comments`,
  comment: (id: string, cid: string) => `${base(id)}/comments/${encodeURIComponent(cid)}`,
  replies: (id: string, cid: string) => `${base(id)}/comments/${encodeURIComponent(cid)}/replies`,
  versions: (id: string) => `${base(id)}/versions`,
  version: (id: string, vid: string) => `${base(id)}/versions/${encodeURIComponent(vid)}`,
  restore: (id: string, vid: string) => `${base(id)}/versions/${encodeURIComponent(vid)}/restore`,
  exportMd: (id: string, comments: boolean) => `${base(id)}/export.md${comments ? '?comments=yes' : ''}`,
  sessionProposals: (code: string) => `/api/sessions/${encodeURIComponent(code)}/proposals`,
};

/** The calls of one proposal page, all with the page's member (or facilitator) token. */
export function proposalApi(id: string, token: string) {
  return {
    view: (signal?: AbortSignal) => apiRequest<ProposalView>(proposalPaths.view(id), { token, ...(signal ? { signal } : {}) }),
    setRole: (memberId: string, role: ProposalRole) =>
      apiRequest<MemberPublic>(proposalPaths.member(id, memberId), { method: 'PATCH', token, body: { role } }),
    removeMember: (memberId: string) => apiRequest<null>(proposalPaths.member(id, memberId), { method: 'DELETE', token }),
    rotateInvite: (role: InviteRole) => apiRequest<InviteLink>(proposalPaths.invite(id, role), { method: 'POST', token }),
    comments: () => apiRequest<ProposalComment[]>(proposalPaths.comments(id), { token }),
    addComment: (anchor: CommentAnchor, body: string) =>
      apiRequest<ProposalComment>(proposalPaths.comments(id), { method: 'POST', token, body: { anchor, body } }),
    reply: (cid: string, body: string) => apiRequest<ProposalComment>(proposalPaths.replies(id, cid), { method: 'POST', token, body: { body } }),
    setResolved: (cid: string, resolved: boolean) =>
      apiRequest<ProposalComment>(proposalPaths.comment(id, cid), { method: 'PATCH', token, body: { resolved } }),
    versions: () => apiRequest<VersionSummary[]>(proposalPaths.versions(id), { token }),
    saveVersion: (name: string) => apiRequest<VersionSummary>(proposalPaths.versions(id), { method: 'POST', token, body: { name } }),
    version: (vid: string) => apiRequest<VersionDetail>(proposalPaths.version(id, vid), { token }),
    restore: (vid: string) => apiRequest<RestoreResult>(proposalPaths.restore(id, vid), { method: 'POST', token }),
  };
}

export type ProposalApi = ReturnType<typeof proposalApi>;

/** `POST /api/proposals/:id/members`: joins with an invite; no account needed. */
export function joinProposal(id: string, invite: string, name: string): Promise<ApiResult<JoinedProposal>> {
  return apiRequest<JoinedProposal>(proposalPaths.members(id), { method: 'POST', body: { invite, name } });
}

/** `POST /api/sessions/:code/proposals` with the facilitator's or a participant's token. */
export function createProposal(code: string, token: string, ideaIds: string[], title?: string): Promise<ApiResult<CreatedProposal>> {
  return apiRequest<CreatedProposal>(proposalPaths.sessionProposals(code), {
    method: 'POST',
    token,
    body: title === undefined ? { ideaIds } : { ideaIds, title },
  });
}

/** `GET /api/sessions/:code/proposals`. */
export function listSessionProposals(code: string, token: string, signal?: AbortSignal): Promise<ApiResult<ProposalSummary[]>> {
  return apiRequest<ProposalSummary[]>(proposalPaths.sessionProposals(code), { token, ...(signal ? { signal } : {}) });
}

/** The page URL that opens a proposal with a token (kept in the fragment, never sent to servers). */
export function proposalPageUrl(url: string, token: string): string {
  return `${url.split('#')[0]}#token=${encodeURIComponent(token)}`;
}

/** `GET …/export.md`: the Markdown text, with the token (a plain link cannot send it). */
export async function fetchMarkdown(id: string, token: string, comments: boolean): Promise<{ ok: true; text: string; fileName: string } | { ok: false; error: RequestError }> {
  let response: Response;
  try {
    response = await fetch(proposalPaths.exportMd(id, comments), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch (cause) {
    return { ok: false, error: { code: 'network', message: String(cause), status: 0 } };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
    const code = body?.error?.code;
    return { ok: false, error: { code: isErrorCode(code) ? code : response.status >= 500 ? 'unavailable' : 'bad_request', message: '', status: response.status } };
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  return { ok: true, text: await response.text(), fileName: named ? decodeURIComponent(named) : `proposal-${id}.md` };
}
