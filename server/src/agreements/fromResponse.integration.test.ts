import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AgreementPrefill, AgreementPublic, AgreementSummary, ChallengePublic, EditorLink, FieldPublic, ResponsePublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { fetchPdf, pdfsig, pdfText } from '../testing/agreementClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import { connectProvider, synced, typeInSection, until } from '../testing/yjsClients.js';

/*
 * Issue 13 from issue 11's side: an organisation member makes an agreement from a submitted
 * response of a challenge in review: the variables come from the platform, the frozen proposal
 * is attached as an annex (rendered after the body, Chinese included), the response lists it,
 * and the seal still validates with pdfsig once both sides have signed.
 */

let app: TestApp;
let store: LmdbStore | null = null;
let scratch = '';
let poster: AccountClient;
let outsiderOrg: AccountClient;
let solver: AccountClient;
let mate: AccountClient;
let stranger: AccountClient;
let orgId = '';
let challengeId = '';
let responseId = '';

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-annex-'));
  app = await startTestApp({ passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const admin = await setUpAdmin(app.server.url, app.server.setupLink?.url ?? '');
  const org = await createOrganisation(admin, '宝钢研究院');
  const other = await createOrganisation(admin, 'Other Org');
  orgId = org.id;
  poster = (await invitedAccount(admin, 'poster@example.cn', { organisationId: org.id })).client;
  outsiderOrg = (await invitedAccount(admin, 'other@example.cn', { organisationId: other.id })).client;
  solver = (await invitedAccount(admin, 'solver@example.cn')).client;
  mate = (await invitedAccount(admin, 'mate@example.cn')).client;
  stranger = (await invitedAccount(admin, 'stranger@example.cn')).client;
  const [field] = (await poster.call<FieldPublic[]>('GET', '/api/fields')).body;
  challengeId = (
    await poster.call<ChallengePublic>('POST', '/api/challenges', {
      organisationId: org.id,
      title: '低碳炼钢 Low-carbon steel',
      problem: 'Cut the CO₂.',
      fieldIds: [field?.id],
      deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      reward: '50 万元 pilot budget',
      criteria: [{ name: 'Impact', weight: 100 }],
    })
  ).body.id;
  await poster.call('POST', `/api/challenges/${challengeId}/transitions`, { to: 'open' });
  const response = (await solver.call<ResponsePublic>('POST', `/api/challenges/${challengeId}/responses`, { teamName: '氢能队', language: 'zh' })).body;
  responseId = response.id;
  await solver.call('POST', `/api/responses/${responseId}/members`, { email: 'mate@example.cn' });
  const link = (await solver.call<EditorLink>('POST', `/api/responses/${responseId}/editor-link`)).body;
  const doc = new Y.Doc();
  const provider = connectProvider(app.server.url, link.proposalId, link.memberToken, doc);
  const mateLink = (await mate.call<EditorLink>('POST', `/api/responses/${responseId}/editor-link`)).body;
  const mateDoc = new Y.Doc();
  const mateProvider = connectProvider(app.server.url, mateLink.proposalId, mateLink.memberToken, mateDoc);
  try {
    await Promise.all([synced(provider), synced(mateProvider)]);
    typeInSection(doc, 'solution', 0, '氢基直接还原铁，配合绿电电弧炉。');
    // The teammate received it through the server: the server's document has it.
    await until(() => mateDoc.getXmlFragment('section:solution').toString().includes('氢基'), 'the typed text at the teammate');
  } finally {
    provider.destroy();
    mateProvider.destroy();
  }
  await solver.call('POST', `/api/responses/${responseId}/submit`);
});

afterAll(async () => {
  await app?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

const prefill = (client: AccountClient) => client.call<AgreementPrefill>('GET', `/api/agreements/from-response/${responseId}`);

describe('an agreement from a challenge response', () => {
  it('is refused before the challenge is in review, to the team, to other organisations and to strangers', async () => {
    const early = await prefill(poster);
    expect([early.status, refusal(early)]).toEqual([409, 'response_not_decided']);
    await poster.call('POST', `/api/challenges/${challengeId}/transitions`, { to: 'closed' });
    await poster.call('POST', `/api/challenges/${challengeId}/transitions`, { to: 'in_review' });
    for (const [client, status, reason] of [
      [solver, 403, 'role_forbidden'],
      [outsiderOrg, 404, 'response_not_found'],
      [stranger, 404, 'response_not_found'],
    ] as const) {
      const reply = await prefill(client);
      expect([reply.status, refusal(reply)]).toEqual([status, reason]);
    }
    const bad = await poster.call('GET', '/api/agreements/from-response/not!an!id');
    expect([bad.status, refusal(bad)]).toEqual([400, 'invalid_input']);
  });

  it('fills the variables, signers and annex from the platform', async () => {
    const reply = await prefill(poster);
    expect(reply.status).toBe(200);
    expect(reply.body.organisationId).toBe(orgId);
    expect(reply.body.variables).toMatchObject({
      partyA: '宝钢研究院',
      partyB: '氢能队 (solver, mate)',
      reward: '50 万元 pilot budget',
      challengeTitle: '低碳炼钢 Low-carbon steel',
      proposalTitle: '氢能队 · 低碳炼钢 Low-carbon steel',
    });
    expect(reply.body.signers.map((s) => s.email)).toEqual(['poster@example.cn', 'solver@example.cn', 'mate@example.cn']);
    const submitted = (await solver.call<ResponsePublic>('GET', `/api/responses/${responseId}`)).body.submissions[0];
    expect(reply.body.annex).toEqual({ versionId: submitted?.versionId, sha256: submitted?.sha256, title: '氢能队 · 低碳炼钢 Low-carbon steel' });
  });

  it('creates it with the annex, renders the frozen proposal after the body, lists it on the response, and seals it', async () => {
    const { body: filled } = await prefill(poster);
    const body = {
      organisationId: orgId,
      kind: 'cooperation',
      language: 'zh',
      variables: { ...filled.variables, endDate: '2027-12-31' },
      body: '第一条 合作内容：试点氢基直接还原。',
      signingOrder: 'parallel',
      signers: [{ email: 'poster@example.cn' }, { email: 'solver@example.cn' }],
      responseId,
      attachProposal: true,
    };
    const foreign = await outsiderOrg.call('POST', '/api/agreements', { ...body, organisationId: orgId });
    expect([foreign.status, refusal(foreign)]).toEqual([404, 'organisation_not_found']);
    const created = await poster.call<AgreementPublic>('POST', '/api/agreements', body);
    expect(created.status).toBe(201);
    expect(created.body.responseId).toBe(responseId);
    expect(created.body.annex?.sha256).toBe(filled.annex?.sha256);
    expect(await store?.agreements.listAgreementsForResponse(responseId)).toHaveLength(1);

    const sent = (await poster.call<AgreementPublic>('POST', `/api/agreements/${created.body.id}/send`)).body;
    const pdf = await fetchPdf(solver, `/api/agreements/${sent.id}/document.pdf`);
    const text = await pdfText(pdf.bytes, path.join(scratch, 'sent.pdf'));
    expect(text.indexOf('第一条 合作内容')).toBeLessThan(text.indexOf('附件'));
    expect(text).toContain('氢基直接还原铁，配合绿电电弧炉。');
    expect(text.replace(/\s+/g, '')).toContain(filled.annex?.sha256 ?? 'missing');
    expect(text.indexOf('附件')).toBeLessThan(text.lastIndexOf('签署页'));

    // The team sees it on the response (as a signer), the sender too; a teammate who is no party does not.
    const forSolver = (await solver.call<AgreementSummary[]>('GET', `/api/agreements?responseId=${responseId}`)).body;
    expect(forSolver.map((a) => a.id)).toEqual([sent.id]);
    expect((await poster.call<AgreementSummary[]>('GET', `/api/agreements?responseId=${responseId}`)).body.map((a) => a.id)).toEqual([sent.id]);
    expect((await mate.call<AgreementSummary[]>('GET', `/api/agreements?responseId=${responseId}`)).body).toEqual([]);

    for (const client of [poster, solver]) {
      const signed = await client.call<AgreementPublic>('POST', `/api/agreements/${sent.id}/sign`, {
        consent: true,
        documentSha256: sent.documentSha256,
        signature: { kind: 'typed', name: client === poster ? '王经理' : 'Solver' },
      });
      expect(signed.status).toBe(200);
    }
    const completed = (await poster.call<AgreementPublic>('GET', `/api/agreements/${sent.id}`)).body;
    expect(completed.status).toBe('completed');
    const sealed = await fetchPdf(solver, `/api/agreements/${sent.id}/signed.pdf`);
    expect(await pdfsig(sealed.bytes, path.join(scratch, 'signed.pdf'))).toContain('Signature Validation: Signature is Valid.');
  });
});
