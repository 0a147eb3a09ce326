import { Writable } from 'node:stream';
import { type Logger, pino, stdSerializers } from 'pino';
import pretty from 'pino-pretty';

/**
 * The server's structured log (pino): `log.info({ session, event }, 'message')`. Fields are
 * data, never interpolated into the message, so a log store can filter on them. Errors go in
 * `err` and are written with their stack.
 */
export type Log = Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Whatever could hold a secret is censored wherever it appears in a record: tokens, the
 * Authorization and Cookie headers, photo bytes. Code never logs them on purpose; this is
 * the net under it.
 */
const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*Token',
  'participantToken',
  'facilitatorToken',
  'screenToken',
  'memberToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'bytes',
  '*.bytes',
];

/** JSON lines for machines (production), or coloured lines for a person at a terminal. */
export function createLogger(options: { level: LogLevel; format: 'json' | 'pretty' }): Log {
  const settings = {
    level: options.level,
    base: { pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: stdSerializers.err },
  };
  if (options.format === 'json') return pino(settings);
  return pino(settings, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
}

/** A log that writes nothing (tests, tools). */
export function silentLog(): Log {
  return pino({ level: 'silent' });
}

/** One record as a test reads it back. */
export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A log that keeps every record in memory, for tests that check what the server logged. */
export function capturedLog(level: LogLevel = 'debug'): { log: Log; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') records.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
  return { log: pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: stdSerializers.err } }, sink), records };
}

/** The text of anything thrown, for a log field when there is no Error to attach. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
