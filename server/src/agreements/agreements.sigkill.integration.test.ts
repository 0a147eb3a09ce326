import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgreementPublic } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClient, createOrganisation, invitedAccount, PASSWORD, setUpAdmin } from '../testing/accountClients.js';
import { cooperationBody, sentAgreement } from '../testing/agreementClients.js';

const moduleUrl = (file: string) => pathToFileURL(fileURLToPath(new URL(file, import.meta.url))).href;

// The real server in its own process on a data directory (its seal kept there too); prints
// its URL and setup link as one JSON line, then waits to be killed.
const serverScript = `
const [serverUrl, storeUrl, dir, port] = process.argv.slice(1);
const { startServer } = await import(serverUrl);
const { LmdbStore } = await import(storeUrl);
const server = await startServer({ store: await LmdbStore.open(dir), port: Number(port), host: '127.0.0.1', publicUrl: null,
  adminToken: null, trustProxy: 0, clientDist: dir + '/no-client', seal: { kind: 'dir', dir: dir + '/seal' } });
process.stdout.write(JSON.stringify({ url: server.url, port: server.port, setup: server.setupLink?.url ?? null }) + '\\n');
`;

async function startChild(dir: string, port = 0): Promise<{ child: ChildProcess; url: string; port: number; setup: string | null }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', serverScript, moduleUrl('../server.ts'), moduleUrl('../store/LmdbStore.ts'), dir, String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout ?? process.stdin }), 'line')) as [string];
  return { child, ...(JSON.parse(line) as { url: string; port: number; setup: string | null }) };
}

/** POSTs a PDF on a connection of its own (none kept from before the kill). */
function postPdf(url: string, body: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/pdf', 'content-length': body.length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text) as unknown));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('agreement signatures and kill -9', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps an acknowledged signature, and a sealed agreement stays verifiable, after the server is killed with SIGKILL and restarted', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-agreement-kill-'));
    dirs.push(dir);
    const first = await startChild(dir);
    let second: ChildProcess | null = null;
    try {
      const admin = await setUpAdmin(first.url, first.setup ?? '');
      const org = await createOrganisation(admin, '华东钢铁研究院');
      const sender = (await invitedAccount(admin, 'wang@example.cn', { organisationId: org.id, orgRole: 'member' })).client;
      const signers = await Promise.all(
        ['li@example.cn', 'han@example.org', 'zhou@example.cn'].map(async (email) => {
          const client = new AccountClient(first.url);
          await client.call('POST', '/api/account/signup', { email, name: email.split('@')[0], password: PASSWORD });
          return client;
        }),
      );
      const [li, han, zhou] = signers as [AccountClient, AccountClient, AccountClient];
      const done = await sentAgreement(sender, cooperationBody(org.id, ['li@example.cn']));
      const pending = await sentAgreement(sender, cooperationBody(org.id, ['li@example.cn', 'han@example.org', 'zhou@example.cn'], { signingOrder: 'parallel' }));
      const sign = (client: AccountClient, agreement: AgreementPublic) =>
        client.call<AgreementPublic>('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: { kind: 'typed', name: 'Signed' } });
      expect((await sign(li, done)).body.status).toBe('completed');
      const completedSha256 = (await sender.call<AgreementPublic>('GET', `/api/agreements/${done.id}`)).body.completedSha256;
      expect((await sign(li, pending)).status).toBe(200);
      expect((await sign(han, pending)).status).toBe(200);

      await kill9(first.child);
      const restarted = await startChild(dir, first.port);
      second = restarted.child;

      const after = await sender.call<AgreementPublic>('GET', `/api/agreements/${pending.id}`);
      expect(after.body.signers.map((s) => s.status)).toEqual(['signed', 'signed', 'pending']);
      expect((await sign(han, pending)).status).toBe(409);
      expect((await sign(zhou, pending)).body.status).toBe('completed');
      // The seal was kept in the data directory: the agreement sealed before the kill still verifies.
      const signed = await fetch(`${restarted.url}/api/agreements/${done.id}/signed.pdf`, { headers: { cookie: sender.cookie ?? '' } });
      const verified = await postPdf(`${restarted.url}/api/agreements/verify`, Buffer.from(await signed.arrayBuffer()));
      expect(verified).toMatchObject({ result: 'valid', agreementId: done.id, sha256: completedSha256 });
    } finally {
      for (const child of [first.child, second]) {
        if (child !== null && child.exitCode === null && child.signalCode === null) await kill9(child);
      }
    }
  }, 60_000);
});
