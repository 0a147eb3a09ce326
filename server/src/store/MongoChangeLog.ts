import { CHANGE_LOG_KEPT } from '@ideasphere/shared';
import type { Connection, mongo } from 'mongoose';
import type { Models } from './mongoModels.js';
import type { ChangeRef, ChangesSince } from './Store.js';

interface ChangeLogDoc {
  sessionId: string;
  version: number;
  refs: ChangeRef[];
}

/** Appends between log compactions: the oldest entries go every this many versions. */
const COMPACT_EVERY = 100;

/**
 * Each session's version (a field of its document, moved on with `$inc`) and the log of what
 * changed at each version. MongoDB writes the entry just BEFORE the change it records, not in
 * its transaction: a change that is stored always has its entry, and an entry whose change was
 * then never written (a crash in between) only makes a catching-up client re-read a record that
 * did not change. Unique on (session, version), so two processes never share a number.
 */
export class MongoChangeLog {
  private readonly entries: mongo.Collection<ChangeLogDoc>;
  private indexed: Promise<unknown> | null = null;

  constructor(
    connection: Connection,
    private readonly sessions: Models['sessions'],
  ) {
    const db = connection.db;
    if (!db) throw new Error('MongoChangeLog needs an open connection');
    this.entries = db.collection<ChangeLogDoc>('changeLog');
  }

  /** Records a change about to be written; returns its version (0 when the session is gone). */
  async append(sessionId: string, refs: ChangeRef[]): Promise<number> {
    this.indexed ??= this.entries.createIndex({ sessionId: 1, version: 1 }, { unique: true });
    await this.indexed;
    const doc = await this.sessions
      .findOneAndUpdate({ _id: sessionId }, { $inc: { version: 1 } }, { returnDocument: 'after', projection: { version: 1 } })
      .lean<{ version?: number }>()
      .exec();
    const version = doc?.version ?? 0;
    if (version === 0) return 0;
    await this.entries.insertOne({ sessionId, version, refs });
    if (version % COMPACT_EVERY === 0) await this.entries.deleteMany({ sessionId, version: { $lte: version - CHANGE_LOG_KEPT } });
    return version;
  }

  async version(sessionId: string): Promise<number> {
    const doc = await this.sessions.findById(sessionId, { version: 1 }).lean<{ version?: number }>().exec();
    return doc?.version ?? 0;
  }

  async changesSince(sessionId: string, since: number, limit: number): Promise<ChangesSince> {
    const version = await this.version(sessionId);
    const oldestKept = Math.max(1, version - CHANGE_LOG_KEPT + 1);
    if (since > version || since + 1 < oldestKept || version - since > limit) return { kind: 'compacted', version };
    const docs = await this.entries
      .find({ sessionId, version: { $gt: since, $lte: version } })
      .sort({ version: 1 })
      .toArray();
    // The version moves before its entry is written: answer only up to the first entry still
    // missing, so the client asks for the rest next time instead of skipping it.
    let upTo = since;
    const refs: ChangeRef[] = [];
    for (const doc of docs) {
      if (doc.version !== upTo + 1) break;
      refs.push(...doc.refs);
      upTo = doc.version;
    }
    return { kind: 'changes', version: upTo, refs };
  }
}
