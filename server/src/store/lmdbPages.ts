import {
  LMDB_META_PAGES,
  LMDB_TREE_RECORD_BYTES,
  MDB_DUPSORT,
  P_BRANCH,
  P_LEAF,
  P_OVERFLOW,
  PAGE_FLAGS_OFFSET,
  PAGE_HEADER_BYTES,
  readTree,
  type LmdbMeta,
  type LmdbTree,
} from './lmdbMeta.js';

/*
 * Page accounting of an LMDB data file, from plain bytes (never memory-mapped, so damage cannot
 * crash it). Every page of a committed state is exactly one of: a meta page, a page of some
 * tree, or a page listed in the free-page tree — LMDB's own debug audit (`mdb_audit`) checks the
 * same sum. The free-page tree is read by nothing else at start-up but is used by the first
 * write: garbage in it crashes the server then, or hands out pages that are still in use. This
 * walks the free-page tree and the main tree (one entry per table), checks every page header
 * on the way, and compares the sum with the file's last page. The tables' own trees are read
 * by the consistency read in the child process.
 */

/** Reads `count` consecutive pages starting at page `pgno`. */
export type PageReader = (pgno: number, count: number) => Promise<Uint8Array>;

/** The outcome of the accounting. */
export type PageAccounting =
  | { state: 'balanced'; usedPages: number; freePages: number }
  /** Tables with sorted duplicates keep pages in nested trees this walk does not read. */
  | { state: 'skipped'; why: string }
  | { state: 'unbalanced'; detail: string };

const F_BIGDATA = 0x01;
const F_SUBDATA = 0x02;
const NODE_HEADER_BYTES = 8;
const ID_BYTES = 8;

/** Pages claimed so far; a page claimed twice, or out of range, is damage. */
class PageClaims {
  private readonly claimed: Uint8Array;
  count = 0;

  constructor(private readonly lastPage: number) {
    this.claimed = new Uint8Array(lastPage + 1);
  }

  /** Null when pages `pgno`…`pgno + count - 1` were free to claim, else why not. */
  claim(pgno: number, count: number, what: string): string | null {
    if (!Number.isSafeInteger(pgno) || pgno < LMDB_META_PAGES || count < 1 || pgno + count - 1 > this.lastPage) {
      return `${what} names page ${pgno}${count > 1 ? ` (+${count - 1})` : ''}, outside pages ${LMDB_META_PAGES}…${this.lastPage}`;
    }
    for (let page = pgno; page < pgno + count; page++) {
      if (this.claimed[page]) return `${what} names page ${page}, which is already in use elsewhere`;
      this.claimed[page] = 1;
    }
    this.count += count;
    return null;
  }
}

/** One leaf entry: its flags, key and data bytes (data is a page number for F_BIGDATA). */
interface LeafNode {
  flags: number;
  key: Uint8Array;
  /** Inline data; for F_BIGDATA, the 8-byte number of the first overflow page. */
  data: Uint8Array;
  /** Data size as the node states it (for F_BIGDATA, the size on the overflow pages). */
  dataSize: number;
}

interface Walker {
  meta: LmdbMeta;
  readPages: PageReader;
  claims: PageClaims;
  /** Overflow pages claimed so far, to compare with each tree's record. */
  overflowPages: number;
}

/** Checks the page accounting of the state `meta` describes. */
export async function checkPageAccounting(meta: LmdbMeta, readPages: PageReader): Promise<PageAccounting> {
  const walker: Walker = { meta, readPages, claims: new PageClaims(meta.lastPage), overflowPages: 0 };
  let freePages = 0;
  const free = await walkTree(walker, 'the free-page tree', meta.freeTree, async (node) => {
    if (node.key.byteLength !== ID_BYTES) return `a free-page entry has a ${node.key.byteLength}-byte key`;
    const list = node.flags & F_BIGDATA ? await readOverflow(walker, node, 'a free-page entry') : node.data;
    if (typeof list === 'string') return list;
    const problem = claimFreeList(walker.claims, list);
    if (typeof problem === 'string') return problem;
    freePages += problem;
    return null;
  });
  if (typeof free === 'string') return { state: 'unbalanced', detail: free };

  let tablePages = 0;
  let dupSorted: string | null = null;
  const main = await walkTree(walker, 'the main tree', meta.mainTree, async (node) => {
    // An entry without F_SUBDATA is plain data in the main tree; the consistency read refuses it.
    if (!(node.flags & F_SUBDATA)) return null;
    const name = new TextDecoder().decode(node.key);
    if (node.data.byteLength !== LMDB_TREE_RECORD_BYTES) return `table ${name} has a ${node.data.byteLength}-byte record`;
    const tree = readTree(new DataView(node.data.buffer, node.data.byteOffset, node.data.byteLength), 0);
    if (!tree) return `table ${name} has a record with impossible numbers`;
    if (tree.flags & MDB_DUPSORT) dupSorted = name;
    tablePages += tree.branchPages + tree.leafPages + tree.overflowPages;
    return null;
  });
  if (typeof main === 'string') return { state: 'unbalanced', detail: main };
  if (dupSorted !== null) return { state: 'skipped', why: `table ${dupSorted} keeps sorted duplicates` };

  const usedPages = LMDB_META_PAGES + walker.claims.count + tablePages;
  if (usedPages !== meta.lastPage + 1) {
    return {
      state: 'unbalanced',
      detail:
        `pages 0…${meta.lastPage} should each be used once, but the meta pages, trees and free list add up to ${usedPages} ` +
        `(${freePages} free, ${tablePages} in tables)`,
    };
  }
  return { state: 'balanced', usedPages, freePages };
}

/**
 * Claims every page of one free-list entry; returns how many. The entry is an ID list as
 * lmdb-js's LMDB keeps it: a slot count, then slots that are a page number, 0 (an empty slot
 * kept for later inserts), or a negative count followed by the first page of a run of that
 * many pages.
 */
function claimFreeList(claims: PageClaims, list: Uint8Array): number | string {
  const view = new DataView(list.buffer, list.byteOffset, list.byteLength);
  if (list.byteLength < ID_BYTES) return 'a free-page entry is too short';
  const slots = Number(view.getBigUint64(0, true));
  if (!Number.isSafeInteger(slots) || (slots + 1) * ID_BYTES > list.byteLength) {
    return `a free-page entry claims ${slots} slots in ${list.byteLength} bytes`;
  }
  let pages = 0;
  for (let i = 1; i <= slots; i++) {
    const slot = view.getBigInt64(i * ID_BYTES, true);
    if (slot === 0n) continue;
    let run = 1;
    let first = Number(slot);
    if (slot < 0n) {
      run = Number(-slot);
      i++;
      if (i > slots) return 'a free-page entry ends inside a run of pages';
      first = Number(view.getBigInt64(i * ID_BYTES, true));
    }
    const problem = claims.claim(first, run, 'the free list');
    if (problem) return problem;
    pages += run;
  }
  return pages;
}

/** The data of a leaf entry kept on overflow pages, after checking and claiming those pages. */
async function readOverflow(walker: Walker, node: LeafNode, what: string): Promise<Uint8Array | string> {
  const { pageSize } = walker.meta;
  if (node.data.byteLength !== ID_BYTES) return `${what} points to overflow pages with a ${node.data.byteLength}-byte number`;
  const first = Number(new DataView(node.data.buffer, node.data.byteOffset, ID_BYTES).getBigUint64(0, true));
  const pages = Math.floor((PAGE_HEADER_BYTES - 1 + node.dataSize) / pageSize) + 1;
  const problem = walker.claims.claim(first, pages, what);
  if (problem) return problem;
  walker.overflowPages += pages;
  const bytes = await walker.readPages(first, pages);
  const header = new DataView(bytes.buffer, bytes.byteOffset, PAGE_HEADER_BYTES);
  const flags = header.getUint16(PAGE_FLAGS_OFFSET, true);
  if (Number(header.getBigUint64(0, true)) !== first || !(flags & P_OVERFLOW) || header.getUint32(20, true) !== pages) {
    return `${what} points to page ${first}, which is not its run of ${pages} overflow pages`;
  }
  return bytes.subarray(PAGE_HEADER_BYTES, PAGE_HEADER_BYTES + node.dataSize);
}

type LeafVisitor = (node: LeafNode) => Promise<string | null>;

/**
 * Walks one tree from its root, claiming each page and checking its header (its own number,
 * branch above the leaf level, leaf at it, node offsets inside the page), then compares the
 * pages and entries seen with the tree's record. Returns an error text or nothing.
 */
async function walkTree(walker: Walker, what: string, tree: LmdbTree, visit: LeafVisitor): Promise<string | null> {
  if (tree.root === null) {
    const empty = tree.entries === 0 && tree.branchPages + tree.leafPages + tree.overflowPages === 0;
    return empty ? null : `${what} has no root but counts ${tree.entries} entries`;
  }
  const overflowBefore = walker.overflowPages;
  let branchPages = 0;
  let leafPages = 0;
  let entries = 0;
  const pending: { pgno: number; level: number }[] = [{ pgno: tree.root, level: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { pgno, level } = next;
    const problem = walker.claims.claim(pgno, 1, what);
    if (problem) return problem;
    const page = await walker.readPages(pgno, 1);
    const nodes = readNodes(page, pgno, level < tree.depth ? P_BRANCH : P_LEAF, walker.meta.pageSize);
    if (typeof nodes === 'string') return `${what}: ${nodes}`;
    if (level < tree.depth) {
      branchPages++;
      for (const node of nodes.reverse()) pending.push({ pgno: node.childPage, level: level + 1 });
      continue;
    }
    leafPages++;
    for (const node of nodes) {
      entries++;
      const visited = await visit(node);
      if (visited) return `${what}: ${visited}`;
    }
  }
  const overflowPages = walker.overflowPages - overflowBefore;
  if (branchPages !== tree.branchPages || leafPages !== tree.leafPages || overflowPages !== tree.overflowPages || entries !== tree.entries) {
    return (
      `${what} has ${branchPages}/${leafPages}/${overflowPages} branch/leaf/overflow pages and ${entries} entries, ` +
      `but its record says ${tree.branchPages}/${tree.leafPages}/${tree.overflowPages} and ${tree.entries}`
    );
  }
  return null;
}

type ParsedNode = LeafNode & { childPage: number };

/** The nodes of one branch or leaf page, or why the page is not what its parent says. */
function readNodes(page: Uint8Array, pgno: number, kind: number, pageSize: number): ParsedNode[] | string {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  if (page.byteLength < pageSize) return `page ${pgno} lies beyond the end of the file`;
  if (Number(view.getBigUint64(0, true)) !== pgno) return `page ${pgno} carries the number ${view.getBigUint64(0, true)}`;
  const flags = view.getUint16(PAGE_FLAGS_OFFSET, true);
  if ((flags & (P_BRANCH | P_LEAF | P_OVERFLOW)) !== kind) {
    return `page ${pgno} should be a ${kind === P_BRANCH ? 'branch' : 'leaf'} page but has flags 0x${flags.toString(16)}`;
  }
  const lower = view.getUint16(20, true);
  const upper = view.getUint16(22, true);
  const room = pageSize - PAGE_HEADER_BYTES;
  if (lower % 2 !== 0 || lower > upper || upper > room || lower === 0) return `page ${pgno} has impossible bounds (${lower}, ${upper})`;
  const nodes: ParsedNode[] = [];
  for (let i = 0; i < lower / 2; i++) {
    const at = PAGE_HEADER_BYTES + view.getUint16(PAGE_HEADER_BYTES + 2 * i, true);
    if (at < PAGE_HEADER_BYTES + upper || at + NODE_HEADER_BYTES > pageSize) return `page ${pgno} has node ${i} outside its node area`;
    const low = view.getUint16(at, true);
    const high = view.getUint16(at + 2, true);
    const nodeFlags = view.getUint16(at + 4, true);
    const keySize = view.getUint16(at + 6, true);
    const keyStart = at + NODE_HEADER_BYTES;
    // A branch node's size fields hold the child page number (top 16 bits in the flags field).
    const childPage = low + high * 0x1_0000 + nodeFlags * 0x1_0000_0000;
    const dataSize = low + high * 0x1_0000;
    const inlineSize = kind === P_LEAF ? (nodeFlags & F_BIGDATA ? ID_BYTES : dataSize) : 0;
    if (keyStart + keySize + inlineSize > pageSize) return `page ${pgno} has node ${i} running past the page end`;
    nodes.push({
      flags: nodeFlags,
      key: page.subarray(keyStart, keyStart + keySize),
      data: page.subarray(keyStart + keySize, keyStart + keySize + inlineSize),
      dataSize,
      childPage,
    });
  }
  return nodes;
}
