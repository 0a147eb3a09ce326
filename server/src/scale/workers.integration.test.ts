import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardObserver } from '../testing/boardObserver.js';
import { type TestClient, connectClient, createSession, expectOk, join, request } from '../testing/harness.js';
import { rawHttp } from '../testing/rawHttp.js';
import { type TestRedis, startTestRedis } from '../testing/redisServer.js';
import { type ServerProcess, startServerProcess } from '../testing/serverProcess.js';

/** `WORKERS=2 pnpm start`: two server processes behind one port on the embedded store. */
describe('WORKERS=2', () => {
  let redis: TestRedis;
  let dataDir: string;
  let server: ServerProcess;
  const open: TestClient[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    dataDir = await mkdtemp(path.join(tmpdir(), 'ideasphere-workers-'));
    server = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: redis.url, WORKERS: '2' });
  }, 120_000);
  afterAll(async () => {
    for (const socket of open.splice(0)) socket.close();
    await server?.stop();
    await redis?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Which workers answer new connections (each request on its own connection). */
  async function workersAnswering(requests: number): Promise<Set<number>> {
    const seen = new Set<number>();
    for (let i = 0; i < requests; i++) {
      const { response } = await rawHttp(server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { ok: boolean; worker: number | null };
      expect(body.ok).toBe(true);
      if (body.worker !== null) seen.add(body.worker);
    }
    return seen;
  }

  it('serves from both processes, and a board sent to one reaches clients of the other', async () => {
    expect(await workersAnswering(12)).toEqual(new Set([1, 2]));
    const created = await createSession(server.url, 'Workers');
    const screen = await connectClient(server.url, { role: 'screen', code: created.code, token: created.screenToken });
    open.push(screen);
    const board = await BoardObserver.attach(screen);
    // Connections alternate between the workers: these phones sit on both.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const joined = await join(server.url, created.code, `Phone ${i}`);
      const phone = await connectClient(server.url, { role: 'participant', code: created.code, token: joined.participantToken });
      open.push(phone);
      ids.push(expectOk(await request(phone, 'idea:submit', { clientId: randomUUID(), title: `From phone ${i}` })).id);
    }
    await board.until((ideas) => ids.every((id) => ideas.has(id)));
  });

  it('starts another worker when one dies', async () => {
    const workers = execFileSync('pgrep', ['-P', String(server.child.pid), '-f', 'main.ts'], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(workers).toHaveLength(2);
    process.kill(workers[0] as number, 'SIGKILL');
    // The replacement is worker 3 (cluster numbers each fork); the port never stops answering.
    await expect.poll(async () => [...(await workersAnswering(4))].some((id) => id > 2), { timeout: 30_000 }).toBe(true);
  });

  it('leaves no worker behind when the primary is killed', async () => {
    const workers = execFileSync('pgrep', ['-P', String(server.child.pid), '-f', 'main.ts'], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(workers).toHaveLength(2);
    await server.stop('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(() => workers.filter(alive), { timeout: 30_000 }).toEqual([]);
  });
});
