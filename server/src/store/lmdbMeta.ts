/*
 * The two meta pages at the start of an LMDB data file, read from plain bytes so a damaged file
 * can be judged without memory-mapping it (a map of a truncated file dies with SIGBUS, garbage
 * meta pages with SIGSEGV). The layout is that of the LMDB lmdb-js 3.x bundles (mdb.master3,
 * data format 2): a 24-byte page header, then MDB_meta. Debian's LMDB 0.9 (format 1, 16-byte
 * page header) cannot read these files, and this reader does not read theirs.
 */

/** Stamp at the start of every LMDB meta page (native byte order). */
export const LMDB_MAGIC = 0xbeefc0de;
/** The data format lmdb-js 3.x writes (`MDB_DATA_VERSION`). */
export const LMDB_DATA_FORMAT = 2;
/** LMDB's page size bounds (`mdb_env_set_pagesize`): a power of two in this range. */
export const LMDB_MIN_PAGE_SIZE = 256;
export const LMDB_MAX_PAGE_SIZE = 0x10000;

/** Page header: pgno u64, txnid u64, pad u16, flags u16, lower/upper u16 or overflow count u32. */
export const PAGE_HEADER_BYTES = 24;
export const PAGE_FLAGS_OFFSET = 18;
export const P_BRANCH = 0x01;
export const P_LEAF = 0x02;
export const P_OVERFLOW = 0x04;
const P_META = 0x08;
/** Pages 0 and 1 are the meta pages. */
export const LMDB_META_PAGES = 2;
// MDB_meta, after the page header: magic u32, version u32, address u64, map size u64, then two
// MDB_db of 48 bytes (free pages, main; the first one's md_pad is the page size), last page
// u64, txn id u64.
const META_MAGIC = PAGE_HEADER_BYTES;
const META_VERSION = PAGE_HEADER_BYTES + 4;
const META_FREE_DB = PAGE_HEADER_BYTES + 24;
const META_PAGE_SIZE = META_FREE_DB;
const META_MAIN_DB = PAGE_HEADER_BYTES + 72;
const META_LAST_PAGE = PAGE_HEADER_BYTES + 120;
const META_TXN_ID = PAGE_HEADER_BYTES + 128;
const META_END = PAGE_HEADER_BYTES + 136;

/** Bytes to read from the start of a data file to see both meta pages at any page size. */
export const LMDB_META_READ_BYTES = LMDB_MAX_PAGE_SIZE + META_END;

/** What one valid meta page says about the file. */
export interface LmdbMeta {
  /** 0 or 1: which of the two meta pages. */
  page: number;
  pageSize: number;
  /** Highest page number in use: the file must hold pages 0…lastPage. */
  lastPage: number;
  /** Id of the transaction that wrote this meta page; the larger one is the current state. */
  txnId: number;
  /** The tree of free page lists, and the main tree (whose entries are the named tables). */
  freeTree: LmdbTree;
  mainTree: LmdbTree;
}

/** One B+tree as an `MDB_db` record describes it (in a meta page, or in a main-tree entry). */
export interface LmdbTree {
  flags: number;
  depth: number;
  branchPages: number;
  leafPages: number;
  overflowPages: number;
  entries: number;
  /** Root page number; null for an empty tree. */
  root: number | null;
}

/** Size of an `MDB_db` record. */
export const LMDB_TREE_RECORD_BYTES = 48;
/** `MDB_DUPSORT`: a table whose keys hold sorted duplicates in nested trees. */
export const MDB_DUPSORT = 0x04;
const NO_PAGE = 0xffff_ffff_ffff_ffffn;

/** Reads an `MDB_db` record at `offset`; null when a number is beyond any real file. */
export function readTree(view: DataView, offset: number): LmdbTree | null {
  const branchPages = readCount(view, offset + 8);
  const leafPages = readCount(view, offset + 16);
  const overflowPages = readCount(view, offset + 24);
  const entries = readCount(view, offset + 32);
  const empty = view.getBigUint64(offset + 40, true) === NO_PAGE;
  const root = empty ? null : readCount(view, offset + 40);
  if (branchPages === null || leafPages === null || overflowPages === null || entries === null) return null;
  if (!empty && root === null) return null;
  return { flags: view.getUint16(offset + 4, true), depth: view.getUint16(offset + 6, true), branchPages, leafPages, overflowPages, entries, root };
}

/** The verdict on the meta pages and the file size they imply. */
export type MetaCheck =
  | { ok: true; newest: LmdbMeta; older: LmdbMeta; requiredBytes: number }
  | { ok: false; reason: 'meta_invalid' | 'file_truncated'; detail: string };

/**
 * Checks both meta pages in `head` (the first {@link LMDB_META_READ_BYTES} of the file, or the
 * whole file if shorter) and that a file of `fileSize` bytes holds every page the newer one
 * names. LMDB writes meta pages in place, one per commit, so a valid store always has two; a
 * missing or garbled one is damage from outside, not a crash, and is refused.
 */
export function checkMetaPages(head: Uint8Array, fileSize: number): MetaCheck {
  const first = readMeta(head, 0, 0);
  if (typeof first === 'string') return { ok: false, reason: 'meta_invalid', detail: first };
  const second = readMeta(head, first.pageSize, 1);
  if (typeof second === 'string') return { ok: false, reason: 'meta_invalid', detail: second };
  if (second.pageSize !== first.pageSize) {
    return {
      ok: false,
      reason: 'meta_invalid',
      detail: `the meta pages disagree on the page size (${first.pageSize} and ${second.pageSize} bytes)`,
    };
  }
  const [newest, older] = second.txnId > first.txnId ? [second, first] : [first, second];
  const requiredBytes = (newest.lastPage + 1) * newest.pageSize;
  if (fileSize < requiredBytes) {
    return {
      ok: false,
      reason: 'file_truncated',
      detail:
        `the file is ${fileSize} bytes, but its newest meta page (transaction ${newest.txnId}) uses pages up to ` +
        `${newest.lastPage} of ${newest.pageSize} bytes, so it must be at least ${requiredBytes} bytes`,
    };
  }
  return { ok: true, newest, older, requiredBytes };
}

/** One meta page, or why it is not one. */
function readMeta(head: Uint8Array, offset: number, page: number): LmdbMeta | string {
  if (head.byteLength < offset + META_END) {
    return `meta page ${page} is cut off: the file is ${head.byteLength} bytes, too short for it`;
  }
  const view = new DataView(head.buffer, head.byteOffset + offset, META_END);
  const magic = view.getUint32(META_MAGIC, true);
  if (magic !== LMDB_MAGIC) {
    return `meta page ${page} has no LMDB stamp (0x${magic.toString(16).padStart(8, '0')} instead of 0x${LMDB_MAGIC.toString(16)})`;
  }
  if ((view.getUint16(PAGE_FLAGS_OFFSET, true) & P_META) === 0) return `page ${page} is not marked as a meta page`;
  const format = view.getUint32(META_VERSION, true) & 0xffff;
  if (format !== LMDB_DATA_FORMAT) {
    return `meta page ${page} says data format ${format}; this server reads format ${LMDB_DATA_FORMAT} (lmdb-js 3.x)`;
  }
  const pageSize = view.getUint32(META_PAGE_SIZE, true);
  if (pageSize < LMDB_MIN_PAGE_SIZE || pageSize > LMDB_MAX_PAGE_SIZE || (pageSize & (pageSize - 1)) !== 0) {
    return `meta page ${page} has an impossible page size (${pageSize})`;
  }
  const lastPage = readCount(view, META_LAST_PAGE);
  const txnId = readCount(view, META_TXN_ID);
  const freeTree = readTree(view, META_FREE_DB);
  const mainTree = readTree(view, META_MAIN_DB);
  if (lastPage === null || txnId === null || !freeTree || !mainTree) return `meta page ${page} holds numbers beyond any real file`;
  if (lastPage < LMDB_META_PAGES - 1) return `meta page ${page} says the file ends before its own second meta page`;
  return { page, pageSize, lastPage, txnId, freeTree, mainTree };
}

/** A u64 as a number, or null when it is too large to be real (and to be exact in a double). */
function readCount(view: DataView, offset: number): number | null {
  const value = view.getBigUint64(offset, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value);
}
