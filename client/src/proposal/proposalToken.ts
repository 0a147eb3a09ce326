import { readStored, removeStored, writeStored } from '../lib/storage';

const key = (proposalId: string) => `ideasphere:proposal:${proposalId}`;

/** What the page was opened with: a token to use, an invite to accept, or nothing. */
export type Credentials = { kind: 'token'; token: string } | { kind: 'invite'; invite: string } | { kind: 'none' };

/**
 * Reads `#token=` (a member or the facilitator's token: saved, like the other pages do) or
 * `#invite=`, and hides the fragment from the address bar. A token remembered on this device
 * wins over an invite, so opening the invite link again does not make a second member.
 */
export function takeCredentials(proposalId: string): Credentials {
  // Read once per page load: the fragment is gone after the first read (StrictMode reads twice).
  const taken = takenOnce.get(proposalId);
  if (taken) return taken;
  const credentials = readCredentials(proposalId);
  takenOnce.set(proposalId, credentials);
  return credentials;
}

const takenOnce = new Map<string, Credentials>();

function readCredentials(proposalId: string): Credentials {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const invite = hash.get('invite');
  const fromUrl = hash.get('token') || null;
  if (hash.has('invite') || hash.has('token')) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search);
  }
  if (fromUrl !== null) {
    writeStored(key(proposalId), fromUrl);
    return { kind: 'token', token: fromUrl };
  }
  const stored = readStored(key(proposalId));
  if (stored !== null) return { kind: 'token', token: stored };
  if (invite !== null && invite !== '') return { kind: 'invite', invite };
  return { kind: 'none' };
}

export function rememberToken(proposalId: string, token: string): void {
  writeStored(key(proposalId), token);
}

export function forgetToken(proposalId: string): void {
  removeStored(key(proposalId));
}
