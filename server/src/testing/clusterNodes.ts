import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Log, silentLog } from '../logger.js';
import type { ProposalTuning } from '../proposals/createProposals.js';
import { connectScaleOut, type ScaleOut } from '../scale/redisConnection.js';
import { type RunningServer, startServer } from '../server.js';
import { LmdbStore } from '../store/LmdbStore.js';

/**
 * Server processes of one deployment for tests: each on port 0, on one shared LMDB directory
 * (opened as `openStore` opens it for several processes) and one Redis, under a key prefix of
 * the test's own.
 */
export interface ClusterNodeOptions {
  dataDir: string;
  redisUrl: string;
  keyPrefix: string;
  proposalTuning?: ProposalTuning;
}

/** A node in this process: its store is at hand, to read what was written. */
export interface LocalNode {
  server: RunningServer;
  store: LmdbStore;
  scaleOut: ScaleOut;
  close(): Promise<void>;
}

export async function startLocalNode(options: ClusterNodeOptions, log: Log = silentLog()): Promise<LocalNode> {
  const store = await LmdbStore.open(options.dataDir, { sessionCacheMax: 0 });
  const scaleOut = await connectScaleOut(options.redisUrl, log, options.keyPrefix);
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    publicUrl: null,
    adminToken: null,
    trustProxy: 0,
    clientDist: path.join(options.dataDir, 'no-client'),
    boardBroadcastIntervalMs: 20,
    log,
    scaleOut,
    ...(options.proposalTuning ? { proposalTuning: options.proposalTuning } : {}),
  });
  let closing: Promise<void> | null = null;
  return {
    server,
    store,
    scaleOut,
    close() {
      closing ??= server.close().then(() => scaleOut.close());
      return closing;
    },
  };
}

/** A node in a child process (so it can be killed with SIGKILL). */
export interface ChildNode {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** What the child wrote to stderr so far. */
  stderr(): string;
  /** Kills it with SIGKILL and waits for it to be gone. */
  kill(): Promise<void>;
  /** Stops it gracefully (SIGTERM: connections closed, documents written). */
  close(): Promise<void>;
}

const moduleUrl = (file: string) => pathToFileURL(fileURLToPath(new URL(file, import.meta.url))).href;

// The real server in its own process; prints its URL, closes cleanly on SIGTERM.
const nodeScript = `
const [serverUrl, storeUrl, scaleUrl, loggerUrl, optionsJson] = process.argv.slice(1);
const options = JSON.parse(optionsJson);
const { startServer } = await import(serverUrl);
const { LmdbStore } = await import(storeUrl);
const { connectScaleOut } = await import(scaleUrl);
const { createLogger } = await import(loggerUrl);
const log = createLogger({ level: 'error', format: 'json' });
const scaleOut = await connectScaleOut(options.redisUrl, log, options.keyPrefix);
const server = await startServer({ store: await LmdbStore.open(options.dataDir, { sessionCacheMax: 0 }), port: 0, host: '127.0.0.1',
  publicUrl: null, adminToken: null, trustProxy: 0, clientDist: options.dataDir + '/no-client', boardBroadcastIntervalMs: 20, log, scaleOut,
  ...(options.proposalTuning ? { proposalTuning: options.proposalTuning } : {}) });
process.on('SIGTERM', () => void server.close().then(() => scaleOut.close()).then(() => process.exit(0)));
process.stdout.write('URL ' + server.url + '\\n');
`;

export async function spawnChildNode(options: ClusterNodeOptions): Promise<ChildNode> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      nodeScript,
      moduleUrl('../server.ts'),
      moduleUrl('../store/LmdbStore.ts'),
      moduleUrl('../scale/redisConnection.ts'),
      moduleUrl('../logger.ts'),
      JSON.stringify(options),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line: string) => {
      if (line.startsWith('URL ')) resolve(line.slice(4).trim());
    });
    void exited.then(() => reject(new Error(`cluster node exited before listening: ${stderr}`)));
  });
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return { url, child, stderr: () => stderr, kill: () => gone('SIGKILL'), close: () => gone('SIGTERM') };
}
