import type { AgreementPublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { cooperationBody, sentAgreement } from '../testing/agreementClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

type Role = 'sender' | 'firstSigner' | 'secondSigner' | 'orgColleague' | 'platformAdmin' | 'outsider' | 'anonymous';
type Action = 'view' | 'document' | 'audit' | 'edit' | 'send' | 'sign' | 'decline' | 'void';

/**
 * Who may do what to a sent, sequential agreement (sender: an org member; signers: first and
 * second). Not a party = 404 whatever the role elsewhere; anonymous = 401. `ok` = the action
 * went through (each row runs on a fresh agreement, so one success cannot hide another).
 */
const MATRIX: Record<Action, Record<Role, number | string>> = {
  view: { sender: 200, firstSigner: 200, secondSigner: 200, orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  document: { sender: 200, firstSigner: 200, secondSigner: 200, orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  audit: { sender: 200, firstSigner: 200, secondSigner: 200, orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  edit: { sender: 'agreement_not_editable', firstSigner: 'role_forbidden', secondSigner: 'role_forbidden', orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  send: { sender: 'agreement_not_editable', firstSigner: 'role_forbidden', secondSigner: 'role_forbidden', orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  sign: { sender: 'agreement_not_signer', firstSigner: 200, secondSigner: 'not_your_turn', orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  decline: { sender: 'agreement_not_signer', firstSigner: 200, secondSigner: 200, orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
  void: { sender: 200, firstSigner: 'role_forbidden', secondSigner: 'role_forbidden', orgColleague: 'agreement_not_found', platformAdmin: 'agreement_not_found', outsider: 'agreement_not_found', anonymous: 'sign_in_required' },
};

let app: TestApp;
let clients: Record<Role, AccountClient>;
let orgId = '';

beforeAll(async () => {
  app = await startTestApp({ passwordHasher: cheapHasher() });
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  orgId = (await createOrganisation(admin, '华东钢铁研究院')).id;
  const sender = (await invitedAccount(admin, 'wang@example.cn', { organisationId: orgId, orgRole: 'member' })).client;
  const orgColleague = (await invitedAccount(admin, 'zhao@example.cn', { organisationId: orgId, orgRole: 'org_admin' })).client;
  const signUp = async (email: string) => {
    const client = new AccountClient(base);
    await client.call('POST', '/api/account/signup', { email, name: email.split('@')[0], password: PASSWORD });
    return client;
  };
  clients = {
    sender,
    firstSigner: await signUp('li@example.cn'),
    secondSigner: await signUp('han@example.org'),
    orgColleague,
    platformAdmin: admin,
    outsider: await signUp('eve@example.org'),
    anonymous: new AccountClient(base),
  };
}, 60_000);
afterAll(async () => {
  await app.dispose();
});

async function attempt(action: Action, client: AccountClient, agreement: AgreementPublic) {
  const at = `/api/agreements/${agreement.id}`;
  const { organisationId: _organisationId, ...update } = cooperationBody(orgId, ['li@example.cn']);
  switch (action) {
    case 'view':
      return client.call('GET', at);
    case 'document':
      return client.call('GET', `${at}/document.pdf`);
    case 'audit':
      return client.call('GET', `${at}/audit`);
    case 'edit':
      return client.call('PUT', at, update);
    case 'send':
      return client.call('POST', `${at}/send`);
    case 'sign':
      return client.call('POST', `${at}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: { kind: 'typed', name: 'Someone' } });
    case 'decline':
      return client.call('POST', `${at}/decline`, { reason: 'No.' });
    case 'void':
      return client.call('POST', `${at}/void`, { reason: 'Mistake.' });
  }
}

describe('agreement authorization matrix', () => {
  for (const [action, row] of Object.entries(MATRIX) as [Action, Record<Role, number | string>][]) {
    for (const [role, expected] of Object.entries(row) as [Role, number | string][]) {
      it(`${role} → ${action}: ${expected}`, async () => {
        const agreement = await sentAgreement(clients.sender, cooperationBody(orgId, ['li@example.cn', 'han@example.org']));
        const before = (await clients.sender.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`)).body;
        const reply = await attempt(action, clients[role], agreement);
        if (typeof expected === 'number') {
          expect(reply.status).toBe(expected);
        } else {
          expect(refusal(reply)).toBe(expected);
          // A refusal changed nothing.
          const after = (await clients.sender.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`)).body;
          expect(after).toEqual(before);
        }
      });
    }
  }

  it('only organisation members create agreements, for their own organisation', async () => {
    const outsider = await clients.outsider.call('POST', '/api/agreements', cooperationBody(orgId, ['li@example.cn']));
    expect([outsider.status, refusal(outsider)]).toEqual([404, 'organisation_not_found']);
    const unknownSigner = await clients.sender.call('POST', '/api/agreements', cooperationBody(orgId, ['nobody@example.org']));
    expect([unknownSigner.status, refusal(unknownSigner), (unknownSigner.body as { error?: { fields?: object } }).error?.fields]).toEqual([400, 'agreement_signer_unknown', { 'signers.0.email': 'has no account' }]);
    const noCsrf = await clients.sender.call('POST', '/api/agreements', cooperationBody(orgId, ['li@example.cn']), { csrf: false });
    expect([noCsrf.status, refusal(noCsrf)]).toEqual([403, 'csrf_failed']);
    const list = await clients.sender.call<unknown[]>('GET', '/api/agreements');
    const before = list.body.length;
    expect((await clients.sender.call('POST', '/api/agreements', { ...cooperationBody(orgId, ['li@example.cn']), kind: 'loan' })).status).toBe(400);
    expect((await clients.sender.call<unknown[]>('GET', '/api/agreements')).body).toHaveLength(before);
    // A signer never sees the sender's drafts.
    const draft = await clients.sender.call<AgreementPublic>('POST', '/api/agreements', cooperationBody(orgId, ['li@example.cn']));
    expect((await clients.firstSigner.call('GET', `/api/agreements/${draft.body.id}`)).status).toBe(404);
    expect((await clients.firstSigner.call('GET', `/api/agreements/${draft.body.id}/document.pdf`)).status).toBe(404);
  });
});
