import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { ADMIN_TOKEN_MIN_CHARS, CONNECTIONS_PER_IP_MAX } from '@ideasphere/shared';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.js';
import type { SealSource } from './agreements/PlatformSeal.js';

/** Server configuration, read from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** The origin phones use, without trailing slash; null = derive from the LAN address. */
  publicUrl: string | null;
  dataDir: string;
  mongodbUri: string | null;
  adminToken: string | null;
  /** Who may make a platform account: anyone (`open`), or only people invited (`invite`). */
  signup: 'open' | 'invite';
  /** Number of proxy hops to trust for the client IP (Express `trust proxy`). */
  trustProxy: number;
  /** Open connections per client address; null when a trusted proxy fronts every client. */
  connectionsPerIpMax: number | null;
  /** Built client (Vite output) served by Express. */
  clientDist: string;
  logLevel: LogLevel;
  /** JSON lines (production, log collectors) or readable lines for a person. */
  logFormat: 'json' | 'pretty';
  /** Redis shared by the deployment's processes; null = this process is the whole server. */
  redisUrl: string | null;
  /** Server processes on this host (node:cluster); more than 1 needs REDIS_URL. */
  workers: number;
  /** The certificate that seals completed agreements: SEAL_P12_PATH + SEAL_P12_PASSPHRASE, else made once in DATA_DIR/seal. */
  seal: SealSource;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z.string().min(1).optional(),
  ADMIN_TOKEN: z.string().min(ADMIN_TOKEN_MIN_CHARS, `ADMIN_TOKEN must have at least ${ADMIN_TOKEN_MIN_CHARS} characters`).optional(),
  SIGNUP: z.enum(['open', 'invite']).default('open'),
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(0).optional(),
  CLIENT_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NODE_ENV: z.string().optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  SEAL_P12_PATH: z.string().min(1).optional(),
  SEAL_P12_PASSPHRASE: z.string().optional(),
}).refine((e) => (e.SEAL_P12_PATH === undefined) === (e.SEAL_P12_PASSPHRASE === undefined), {
  message: 'SEAL_P12_PATH and SEAL_P12_PASSPHRASE go together',
  path: ['SEAL_P12_PATH'],
}).refine((e) => e.WORKERS === 1 || e.REDIS_URL !== undefined, {
  message: 'WORKERS above 1 needs REDIS_URL (the processes share presence, rate limits and broadcasts through it)',
  path: ['WORKERS'],
});

/** Parses the environment; throws with every problem listed when something is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv, defaultClientDist: string): Config {
  // An empty variable (`MONGODB_URI=`) means unset, as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    dataDir: path.resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI ?? null,
    adminToken: e.ADMIN_TOKEN ?? null,
    signup: e.SIGNUP,
    trustProxy: e.TRUST_PROXY,
    // Behind a proxy every client arrives from the proxy's address: cap there, not here, unless asked.
    connectionsPerIpMax: connectionsCap(e.MAX_CONNECTIONS_PER_IP, e.TRUST_PROXY),
    clientDist: path.resolve(e.CLIENT_DIST ?? defaultClientDist),
    logLevel: e.LOG_LEVEL,
    // Readable on a developer's terminal, JSON everywhere else unless asked.
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV !== 'production' && process.stdout.isTTY ? 'pretty' : 'json'),
    redisUrl: e.REDIS_URL ?? null,
    workers: e.WORKERS,
    seal:
      e.SEAL_P12_PATH !== undefined && e.SEAL_P12_PASSPHRASE !== undefined
        ? { kind: 'p12', path: path.resolve(e.SEAL_P12_PATH), passphrase: e.SEAL_P12_PASSPHRASE }
        : { kind: 'dir', dir: path.join(path.resolve(e.DATA_DIR), 'seal') },
  };
}

/** MAX_CONNECTIONS_PER_IP when given (0 = no cap); else the default, or none behind a proxy. */
function connectionsCap(configured: number | undefined, trustProxy: number): number | null {
  if (configured !== undefined) return configured === 0 ? null : configured;
  return trustProxy > 0 ? null : CONNECTIONS_PER_IP_MAX;
}

/**
 * The machine's first non-internal IPv4 address, so a phone on the same Wi-Fi can reach a
 * laptop running IdeaSphere without any configuration. Falls back to localhost.
 */
export function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return 'localhost';
}
