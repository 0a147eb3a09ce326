import { describe, expect, it } from 'vitest';
import { checkMetaPages, LMDB_DATA_FORMAT, LMDB_MAGIC } from './lmdbMeta.js';

const PAGE = 4096;

/** Two meta pages as lmdb-js 3.x writes them: 24-byte page header, then MDB_meta. */
function metaPages(
  first: { txnId: number; lastPage: number },
  second: { txnId: number; lastPage: number },
  options: { pageSize?: number; secondPageSize?: number } = {},
): Uint8Array {
  const pageSize = options.pageSize ?? PAGE;
  const bytes = new Uint8Array(pageSize * 2);
  const write = (offset: number, meta: { txnId: number; lastPage: number }, size: number, pgno: number) => {
    const view = new DataView(bytes.buffer, offset);
    view.setBigUint64(0, BigInt(pgno), true);
    view.setUint16(18, 0x08, true); // P_META
    view.setUint32(24, LMDB_MAGIC, true);
    view.setUint32(28, LMDB_DATA_FORMAT, true);
    view.setUint32(48, size, true); // free tree's md_pad = page size
    for (const tree of [48, 96]) view.setBigUint64(tree + 40, 0xffff_ffff_ffff_ffffn, true); // empty roots
    view.setBigUint64(144, BigInt(meta.lastPage), true);
    view.setBigUint64(152, BigInt(meta.txnId), true);
  };
  write(0, first, pageSize, 0);
  write(pageSize, second, options.secondPageSize ?? pageSize, 1);
  return bytes;
}

describe('checkMetaPages', () => {
  it('takes the meta page with the larger transaction id and the file size it requires', () => {
    const head = metaPages({ txnId: 8, lastPage: 20 }, { txnId: 7, lastPage: 19 });
    const result = checkMetaPages(head, 21 * PAGE);
    expect(result).toMatchObject({ ok: true, newest: { page: 0, txnId: 8, lastPage: 20 }, requiredBytes: 21 * PAGE });
    const other = checkMetaPages(metaPages({ txnId: 4, lastPage: 9 }, { txnId: 5, lastPage: 12 }), 13 * PAGE);
    expect(other).toMatchObject({ ok: true, newest: { page: 1, txnId: 5 } });
  });

  it('accepts a file longer than its last page', () => {
    expect(checkMetaPages(metaPages({ txnId: 2, lastPage: 3 }, { txnId: 1, lastPage: 3 }), 32 * PAGE).ok).toBe(true);
  });

  it('refuses a file shorter than the newest meta page says, naming both sizes', () => {
    const result = checkMetaPages(metaPages({ txnId: 8, lastPage: 20 }, { txnId: 9, lastPage: 30 }), 21 * PAGE);
    expect(result).toMatchObject({ ok: false, reason: 'file_truncated' });
    if (!result.ok) expect(result.detail).toContain(`must be at least ${31 * PAGE} bytes`);
  });

  it('refuses zeroed, foreign or cut-off meta pages', () => {
    const zeroed = new Uint8Array(2 * PAGE);
    expect(checkMetaPages(zeroed, 100 * PAGE)).toMatchObject({ ok: false, reason: 'meta_invalid' });

    const secondZeroed = metaPages({ txnId: 8, lastPage: 20 }, { txnId: 7, lastPage: 19 });
    secondZeroed.fill(0, PAGE);
    const result = checkMetaPages(secondZeroed, 21 * PAGE);
    expect(result).toMatchObject({ ok: false, reason: 'meta_invalid' });
    if (!result.ok) expect(result.detail).toContain('meta page 1');

    const oldFormat = metaPages({ txnId: 2, lastPage: 3 }, { txnId: 1, lastPage: 3 });
    new DataView(oldFormat.buffer).setUint32(28, 1, true);
    expect(checkMetaPages(oldFormat, 4 * PAGE)).toMatchObject({ ok: false, reason: 'meta_invalid' });

    const cut = metaPages({ txnId: 2, lastPage: 3 }, { txnId: 1, lastPage: 3 }).subarray(0, PAGE + 10);
    expect(checkMetaPages(cut, PAGE + 10)).toMatchObject({ ok: false, reason: 'meta_invalid' });
  });

  it('refuses impossible page sizes and meta pages that disagree on it', () => {
    expect(checkMetaPages(metaPages({ txnId: 2, lastPage: 3 }, { txnId: 1, lastPage: 3 }, { pageSize: 3000 }), 12_000)).toMatchObject({
      ok: false,
      reason: 'meta_invalid',
    });
    expect(
      checkMetaPages(metaPages({ txnId: 2, lastPage: 3 }, { txnId: 1, lastPage: 3 }, { secondPageSize: 8192 }), 4 * PAGE),
    ).toMatchObject({ ok: false, reason: 'meta_invalid' });
  });
});
