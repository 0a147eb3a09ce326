import { useState } from 'react';
import type { InviteRole, InviteUrls, MemberPublic, ProposalRole } from '@ideasphere/shared';
import { INVITE_ROLES, PROPOSAL_ROLES } from '@ideasphere/shared/proposalModel.js';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import { initials } from '../../lib/avatar';
import { CopyButton } from '../../ui/CopyButton';
import { useDialog } from '../../ui/useDialog';
import { caretColour } from '../collab/presence';
import type { ProposalApi } from '../proposalApi';
import type { ViewData } from '../useProposalData';
import { readInvites, rememberInvite } from './inviteStore';

interface TeamPanelProps {
  proposalId: string;
  members: readonly MemberPublic[];
  me: MemberPublic;
  online: ReadonlySet<string>;
  api: ProposalApi;
  view: ViewData;
  t: Translator;
}

export const ROLE_LABEL: Record<ProposalRole, `proposal.role.${ProposalRole}`> = {
  owner: 'proposal.role.owner',
  editor: 'proposal.role.editor',
  commenter: 'proposal.role.commenter',
  viewer: 'proposal.role.viewer',
};

/** Members and roles; the owner changes roles, removes members and hands out invite links. */
export function TeamPanel({ proposalId, members, me, online, api, view, t }: TeamPanelProps) {
  const isOwner = me.role === 'owner';
  const [invites, setInvites] = useState<Partial<InviteUrls>>(() => readInvites(proposalId));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const { confirm, dialog } = useDialog(t);

  const act = async (key: string, work: () => Promise<{ ok: boolean; error?: RequestError }>) => {
    setBusy(key);
    setError(null);
    const result = await work();
    setBusy(null);
    if (!result.ok && result.error) setError(result.error);
    else view.refetch();
  };

  const rotate = async (role: InviteRole, known: boolean) => {
    const confirmed =
      !known ||
      (await confirm({
        title: t('proposal.team.rotateTitle'),
        body: t('proposal.team.rotateConfirm'),
        confirmLabel: t('proposal.team.rotate'),
        tone: 'danger',
        testId: 'invite-rotate-dialog',
      }));
    if (!confirmed) return;
    void act(`invite-${role}`, async () => {
      const result = await api.rotateInvite(role);
      if (result.ok) {
        rememberInvite(proposalId, role, result.data.url);
        setInvites((prev) => ({ ...prev, [role]: result.data.url }));
        return { ok: true };
      }
      return { ok: false, error: result.error };
    });
  };

  const remove = async (member: MemberPublic) => {
    const confirmed = await confirm({
      title: t('proposal.team.removeTitle', { name: member.name }),
      body: t('proposal.team.removeConfirm'),
      confirmLabel: t('proposal.team.remove'),
      tone: 'danger',
      testId: 'member-remove-dialog',
    });
    if (confirmed) await act(member.id, () => api.removeMember(member.id));
  };

  return (
    <div className="team-panel" data-testid="team-panel">
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <ul className="member-list" aria-label={t('proposal.team.members')}>
        {members.map((member) => {
          const self = member.id === me.id;
          return (
            <li key={member.id} className="member-row" data-testid="member-row" data-member-name={member.name} data-role={member.role}>
              <span className="presence-avatar" style={{ background: caretColour(member) }} aria-hidden="true" data-online={online.has(member.id)}>
                {initials(member.name)}
              </span>
              <span className="member-name">
                <bdi className="user-text">{member.name}</bdi>
                {self && <span className="member-you"> {t('proposal.team.you')}</span>}
                <span className="visually-hidden">{online.has(member.id) ? t('proposal.team.online') : ''}</span>
              </span>
              {isOwner && !self ? (
                <>
                  <select
                    className="input input-small member-role"
                    value={member.role}
                    aria-label={t('proposal.team.roleOf', { name: member.name })}
                    disabled={busy !== null}
                    data-testid="member-role"
                    onChange={(e) => void act(member.id, () => api.setRole(member.id, e.target.value as ProposalRole))}
                  >
                    {PROPOSAL_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(ROLE_LABEL[role])}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button button-danger-ghost button-small"
                    disabled={busy !== null}
                    data-testid="member-remove"
                    onClick={() => void remove(member)}
                  >
                    {t('proposal.team.remove')}
                  </button>
                </>
              ) : (
                <span className="role-badge" data-role={member.role}>
                  {t(ROLE_LABEL[member.role])}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {isOwner && (
        <section className="invite-links" aria-labelledby="invite-links-heading">
          <h3 id="invite-links-heading" className="panel-subheading">
            {t('proposal.team.invites')}
          </h3>
          <p className="field-hint">{t('proposal.team.invitesHint')}</p>
          {INVITE_ROLES.map((role) => {
            const url = invites[role];
            return (
              <div key={role} className="invite-link-row" data-testid={`invite-${role}`}>
                <span className="invite-role">{t(ROLE_LABEL[role])}</span>
                {url ? (
                  <>
                    <input className="input input-small invite-url" readOnly value={url} aria-label={t('proposal.team.inviteLinkFor', { role: t(ROLE_LABEL[role]) })} data-testid={`invite-url-${role}`} onFocus={(e) => e.target.select()} />
                    <CopyButton text={url} t={t} label={t('common.copy')} className="button-small" testId={`invite-copy-${role}`} />
                  </>
                ) : null}
                <button type="button" className="button button-ghost button-small" disabled={busy !== null} aria-busy={busy === `invite-${role}`} data-testid={`invite-rotate-${role}`} onClick={() => void rotate(role, url !== undefined)}>
                  {url ? t('proposal.team.rotate') : t('proposal.team.createLink')}
                </button>
              </div>
            );
          })}
        </section>
      )}
      {dialog}
    </div>
  );
}
