import { type ChildProcess, spawn } from 'node:child_process';
import type { CreatedSession } from '@ideasphere/shared';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainJs = path.join(repoRoot, 'server/dist/main.js');

/** A free loopback port, found by binding port 0 and releasing it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The built server (`server/dist/main.js`) as a real child process, the way `pnpm start`
 * runs it: restarts are real process restarts over the same data directory.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  /** The server's process id, for memory readings. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(env: Record<string, string> = {}): Promise<AppProcess> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ideasphere-e2e-'));
    const app = new AppProcess(await freePort(), dataDir, env);
    await app.spawn();
    return app;
  }

  private async spawn(): Promise<void> {
    const child = spawn(process.execPath, [mainJs], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.url,
        DATA_DIR: this.dataDir,
        MONGODB_URI: '',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    await this.waitHealthy();
  }

  /** Polls /healthz until the server answers; fails with the server's output if it died. */
  private async waitHealthy(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (this.child?.exitCode !== null) throw new Error(`server exited:\n${this.output.join('')}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server never became healthy:\n${this.output.join('')}`);
  }

  /** SIGTERM (graceful: sockets closed, store flushed), then waits for the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    this.child = null;
    return code;
  }

  async restart(): Promise<void> {
    const code = await this.stop();
    if (code !== 0) throw new Error(`server did not stop cleanly (exit ${code}):\n${this.output.join('')}`);
    await this.spawn();
  }

  /** `kill -9` (nothing flushed, no socket told), then a fresh process on the same data and port. */
  async crashAndRestart(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    this.child = null;
    await this.spawn();
  }

  /** Creates a live session through the API (as the console's create page does). */
  async createSession(body: { title: string; language: 'en' | 'zh-CN'; venues?: string[] }): Promise<CreatedSession> {
    const res = await fetch(`${this.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`creating a session answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as CreatedSession;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
