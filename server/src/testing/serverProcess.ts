import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../main.ts');
const RUNNING = /IdeaSphere is running at (http:\/\/\S+?)(?:\s|$)/;
/** How long a server process may take to start (tsx compiles the server on the way). */
export const SERVER_PROCESS_START_MS = 60_000;

/** The real server, `main.ts`, in a child process: what `pnpm start` runs, on a free port. */
export interface ServerProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** What the process wrote to stderr so far (its JSON log lines of level warn and above). */
  stderr(): string;
  /** Ends it with `signal` (SIGTERM: a clean stop) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `main.ts` with `env` added to this process's environment (port 0, loopback, JSON logs). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start in time: ${stderr}`)), SERVER_PROCESS_START_MS);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = RUNNING.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server process exited at start: ${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
