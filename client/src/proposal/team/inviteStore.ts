import type { InviteRole, InviteUrls } from '@ideasphere/shared';
import { INVITE_ROLES } from '@ideasphere/shared/proposalModel.js';
import { readStored, writeStored } from '../../lib/storage';

const key = (proposalId: string) => `ideasphere:proposal-invites:${proposalId}`;

/**
 * Invite links this device knows (the server shows them only when a proposal is made or an
 * invite rotated). Saved by the console that made the proposal and by the owner's rotations.
 */
export function readInvites(proposalId: string): Partial<InviteUrls> {
  try {
    const value: unknown = JSON.parse(readStored(key(proposalId)) ?? '{}');
    const out: Partial<InviteUrls> = {};
    if (typeof value !== 'object' || value === null) return out;
    for (const role of INVITE_ROLES) {
      const url = (value as Record<string, unknown>)[role];
      if (typeof url === 'string' && url.includes('#invite=')) out[role] = url;
    }
    return out;
  } catch {
    return {};
  }
}

export function rememberInvites(proposalId: string, invites: Partial<InviteUrls>): void {
  writeStored(key(proposalId), JSON.stringify({ ...readInvites(proposalId), ...invites }));
}

export function rememberInvite(proposalId: string, role: InviteRole, url: string): void {
  rememberInvites(proposalId, { [role]: url });
}
