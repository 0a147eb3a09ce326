import type { ClientSession, Connection, mongo } from 'mongoose';
import { duplicateKeyFields } from './mongoModels.js';

const TRANSACTION_OPTIONS: mongo.TransactionOptions = { readConcern: { level: 'snapshot' } };
const DUPLICATE_KEY_RETRIES = 3;

/** Thrown inside a transaction to abort it with an outcome (see inTransaction). */
class Refusal extends Error {
  constructor(readonly outcome: unknown) {
    super('refused');
  }
}

/** Aborts the running transaction (nothing it wrote stays) and makes `inTransaction` answer `outcome`. */
export function refuse<T extends { ok: false }>(outcome: T): never {
  throw new Refusal(outcome);
}

/**
 * Runs `work` in a snapshot transaction. `withTransaction` retries write conflicts; a
 * duplicate key from a lost race is retried too, so the next attempt sees the winner's
 * document. A `refuse(outcome)` inside aborts and answers the outcome as a value.
 */
export async function inTransaction<T>(connection: Connection, work: (session: ClientSession) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connection.transaction(work, TRANSACTION_OPTIONS);
    } catch (error) {
      if (error instanceof Refusal) return error.outcome as T;
      if (duplicateKeyFields(error) === null || attempt >= DUPLICATE_KEY_RETRIES) throw error;
    }
  }
}
