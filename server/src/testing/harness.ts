import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Ack,
  type ApiError,
  type ClientToServerEvents,
  type CreatedSession,
  type JoinedSession,
  type JoinSessionBody,
  PROTOCOL_VERSION,
  type Role,
  type ServerToClientEvents,
} from '@ideasphere/shared';
import { type Socket, io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Log } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';
import { LmdbStore } from '../store/LmdbStore.js';
import type { ProposalTuning } from '../proposals/createProposals.js';
import type { PasswordHasher } from '../accounts/passwords.js';
import type { PipelineFacts } from '../pipeline/PipelineFacts.js';
import type { SignupPolicy } from '../accounts/AccountService.js';
import type { JuryResults } from '../awards/JuryResults.js';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real server on port 0 over a real LMDB store in a temporary directory. */
export interface TestApp {
  server: RunningServer;
  dataDir: string;
  /** The server's clock runs this many milliseconds ahead of the real one. */
  clock: { offsetMs: number };
  /** Stops the server and store, then starts both again on the same data directory and port. */
  restart(): Promise<void>;
  /** Stops everything and deletes the data directory. */
  dispose(): Promise<void>;
}

export interface TestAppOptions {
  adminToken?: string;
  boardBroadcastIntervalMs?: number;
  /** How often deadline reminders are swept (default: the server's). */
  deadlineSweepIntervalMs?: number;
  proposalTuning?: ProposalTuning;
  /** Sees each store the app opens (to seed records, or to count the reads a request costs). */
  onStore?: (store: LmdbStore) => void;
  /** A built client to serve (default: none, so pages answer 503). */
  clientDist?: string;
  /** Receives the server's log (default: silent; `capturedLog()` keeps its records). */
  log?: Log;
  /** Change-log entries kept per session (default CHANGE_LOG_KEPT). */
  changeLogKept?: number;
  connectionsPerIpMax?: number;
  httpRequestTimeoutMs?: number;
  recoverySessionsMax?: number;
  /** Proxy hops whose X-Forwarded-For is believed (default 0: tests speak to the server directly). */
  trustProxy?: number;
  /** Password hashing (tests that make many accounts pass cheaper argon2 parameters). */
  passwordHasher?: PasswordHasher;
  /** Who may make a platform account (default `open`, as the server's). */
  signup?: SignupPolicy;
  /** Keep the agreements' seal in the data directory (made at first start, kept across restarts) instead of in memory. */
  sealInDataDir?: boolean;
  /** What the pipeline's gates know of items (a fake of the review and agreement domains). */
  pipelineFacts?: PipelineFacts;
  /** The jury's scores of award nominations (a fake collaborator; default: none scored). */
  juryResults?: JuryResults;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ideasphere-test-'));
  const clock = { offsetMs: 0 };
  const openStore = async () => {
    const store = await LmdbStore.open(dataDir, options.changeLogKept ? { changeLogKept: options.changeLogKept } : {});
    options.onStore?.(store);
    return store;
  };
  const start = async (port = 0) =>
    startServer({
      store: await openStore(),
      port,
      host: '127.0.0.1',
      publicUrl: null,
      adminToken: options.adminToken ?? null,
      trustProxy: options.trustProxy ?? 0,
      connectionsPerIpMax: options.connectionsPerIpMax ?? null,
      ...(options.httpRequestTimeoutMs ? { httpRequestTimeoutMs: options.httpRequestTimeoutMs } : {}),
      ...(options.recoverySessionsMax ? { recoverySessionsMax: options.recoverySessionsMax } : {}),
      clientDist: options.clientDist ?? path.join(dataDir, 'no-client'),
      boardBroadcastIntervalMs: options.boardBroadcastIntervalMs ?? 20,
      ...(options.deadlineSweepIntervalMs ? { deadlineSweepIntervalMs: options.deadlineSweepIntervalMs } : {}),
      ...(options.proposalTuning ? { proposalTuning: options.proposalTuning } : {}),
      now: () => Date.now() + clock.offsetMs,
      ...(options.log ? { log: options.log } : {}),
      ...(options.passwordHasher ? { passwordHasher: options.passwordHasher } : {}),
      ...(options.signup ? { signup: options.signup } : {}),
      ...(options.pipelineFacts ? { pipelineFacts: options.pipelineFacts } : {}),
      ...(options.juryResults ? { juryResults: options.juryResults } : {}),
      ...(options.sealInDataDir ? { seal: { kind: 'dir' as const, dir: path.join(dataDir, 'seal') } } : {}),
    });
  const app: TestApp = {
    server: await start(),
    dataDir,
    clock,
    async restart() {
      const { port } = app.server;
      await app.server.close();
      // The same port, so clients reconnect to it by themselves, as after a real restart.
      app.server = await start(port);
    },
    async dispose() {
      await app.server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/**
 * One test app for the enclosing `describe` (or the file, at its top level): started before its
 * tests and disposed after them; every socket handed to `track` is closed after each test.
 */
export function appForTests(options: TestAppOptions = {}): {
  readonly app: TestApp;
  url(): string;
  track<C extends { close(): unknown }>(client: C): C;
  /** Closes every tracked socket now (before a restart, say). */
  closeTracked(): void;
} {
  let current: TestApp | null = null;
  const open: { close(): unknown }[] = [];
  beforeAll(async () => {
    current = await startTestApp(options);
  });
  const closeTracked = () => {
    for (const client of open.splice(0)) client.close();
  };
  afterEach(closeTracked);
  afterAll(() => current?.dispose());
  const live = {
    closeTracked,
    get app(): TestApp {
      if (current === null) throw new Error('the test app starts in beforeAll');
      return current;
    },
    url: () => live.app.server.url,
    track: <C extends { close(): unknown }>(client: C): C => {
      open.push(client);
      return client;
    },
  };
  return live;
}

/** JSON request helper: returns status and parsed body. */
export async function api<T = unknown>(
  base: string,
  method: string,
  pathname: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${pathname}`, init);
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
}

export async function createSession(base: string, title = 'Green steel ideas'): Promise<CreatedSession> {
  const res = await api<CreatedSession>(base, 'POST', '/api/sessions', { title, language: 'en' });
  if (res.status !== 201) throw new Error(`createSession failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function join(base: string, code: string, name: string): Promise<JoinedSession> {
  const res = await api<JoinedSession>(base, 'POST', `/api/sessions/${code}/participants`, { name });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A session with a console, a screen and `phones` participants (P0, P1, …), each connected
 * through `follow`, which also attaches whatever the test observes on it (a board, the Q&A, the
 * polls). The console and the screen are followed first, so they hear every phone's arrival.
 */
export async function openRoom<V extends { socket: TestClient }>(
  base: string,
  title: string,
  phones: number,
  follow: (role: 'facilitator' | 'screen' | 'participant', token: string, code: string) => Promise<V>,
): Promise<{ created: CreatedSession; facilitator: V; screen: V; people: (V & { joined: JoinedSession })[] }> {
  const created = await createSession(base, title);
  const facilitator = await follow('facilitator', created.facilitatorToken, created.code);
  const screen = await follow('screen', created.screenToken, created.code);
  const people: (V & { joined: JoinedSession })[] = [];
  for (let i = 0; i < phones; i++) {
    const joined = await join(base, created.code, `P${i}`);
    people.push({ ...(await follow('participant', joined.participantToken, created.code)), joined });
  }
  return { created, facilitator, screen, people };
}

/**
 * Connects a real socket.io client and resolves once connected; rejects with the ApiError.
 * `join`: the phone joins in the handshake (with a token it made); `headers`: sent with the
 * WebSocket upgrade (a browser's Cookie).
 */
export function connectClient(
  url: string,
  auth: { role: Role; code: string; token: string; protocolVersion?: number; join?: JoinSessionBody },
  headers: Record<string, string> = {},
): Promise<TestClient> {
  const socket: TestClient = connect(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: ApiError }) => {
      socket.close();
      reject(error.data ?? error);
    });
  });
}

/** Emits an event and returns its ack. */
export function request<E extends keyof ClientToServerEvents>(
  socket: TestClient,
  event: E,
  payload: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  type Raw = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };
  return (socket as unknown as Raw).timeout(5_000).emitWithAck(event, payload) as Promise<
    Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]
  >;
}

/** Resolves with the arguments of the next `event` on this socket. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestClient,
  event: E,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve) => {
    const listener = (...args: unknown[]) => resolve(args as Parameters<ServerToClientEvents[E]>);
    (socket as unknown as { once(e: string, l: (...a: unknown[]) => void): void }).once(event, listener);
  });
}

/** Narrows an ack to its data, failing the test with the error otherwise. */
export function expectOk<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}
