import type { Database, RootDatabase } from 'lmdb';
import { CHANGE_LOG_KEPT } from '@ideasphere/shared';
import { prefixRange, type ScopedKey } from './lmdbRecords.js';
import type { ChangeRef, ChangesSince } from './Store.js';

/** Sub-databases the change log opens. */
export const LMDB_CHANGE_LOG_DATABASES = 2;

/**
 * Each session's version and the log of what changed at each version, kept in the same write
 * transaction as the change itself: a version that exists is a change that is stored, and a
 * stored change is always in the log (while the log reaches back to it). The newest
 * CHANGE_LOG_KEPT entries of a session are kept; each append drops the one that falls out.
 */
export class LmdbChangeLog {
  /** session id → its version (absent: 0). */
  private readonly versions: Database<number, string>;
  /** [sessionId, version] → what that change touched. */
  private readonly entries: Database<ChangeRef[], ScopedKey>;

  constructor(
    private readonly env: RootDatabase,
    /** Entries kept per session (tests lower it to reach a compacted log quickly). */
    private readonly kept = CHANGE_LOG_KEPT,
  ) {
    this.versions = env.openDB({ name: 'sessionVersions' });
    this.entries = env.openDB({ name: 'changeLog' });
  }

  /** Inside a write transaction only: records a change and returns its version. */
  appendSync(sessionId: string, refs: ChangeRef[]): number {
    const version = (this.versions.get(sessionId) ?? 0) + 1;
    this.versions.putSync(sessionId, version);
    this.entries.putSync([sessionId, String(version).padStart(16, '0')], refs);
    if (version > this.kept) this.entries.removeSync([sessionId, String(version - this.kept).padStart(16, '0')]);
    return version;
  }

  async version(sessionId: string): Promise<number> {
    return this.versions.get(sessionId) ?? 0;
  }

  async changesSince(sessionId: string, since: number, limit: number): Promise<ChangesSince> {
    const transaction = this.env.useReadTransaction();
    try {
      const version = this.versions.get(sessionId, { transaction }) ?? 0;
      const oldestKept = Math.max(1, version - this.kept + 1);
      if (since > version || since + 1 < oldestKept || version - since > limit) return { kind: 'compacted', version };
      const refs: ChangeRef[] = [];
      const range = this.entries.getRange({
        start: [sessionId, String(since + 1).padStart(16, '0')],
        end: prefixRange(sessionId).end,
        transaction,
      });
      for (const { value } of range) refs.push(...value);
      return { kind: 'changes', version, refs };
    } finally {
      transaction.done();
    }
  }
}
