import * as Y from 'yjs';

/**
 * Restoring a version as the smallest change: the live document is edited until it equals the
 * version, keeping every Y item whose content is in both. Comments are anchored with relative
 * positions that point at items, so a comment on text the version shares with the live
 * document stays on its passage; only text that really differs is deleted and inserted.
 *
 * Per parent (a section's fragment, then recursively elements of the same node name), the
 * children are matched first (longest common subsequence): identical content, or the same item
 * (a version is a state of this document, so its nodes carry the live nodes' ids), edited in
 * place. Between the matches, nodes of the same kind (an XmlText, or elements of one node name)
 * are edited in place, the others deleted or inserted as copies. Texts are edited with a
 * character diff that keeps unchanged runs and re-formats characters whose marks changed.
 */

/** Above this many differences, a gap is replaced whole instead of diffed (memory grows with its square). */
const DIFF_MAX_EDITS = 2_000;
/** Comparisons one restore may spend in all (time bound); after that, gaps are replaced whole. */
const RESTORE_MAX_WORK = 20_000_000;

/** Work left for the restore running now (restores are synchronous, so one at a time). */
let workLeft = 0;

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Attributes = Record<string, unknown>;
type AttributeValue = object | number | string | null;

/** Makes `target`'s title and sections equal to `source`'s; call inside one transaction. */
export function restoreContent(target: Y.Doc, source: Y.Doc, sectionKeys: readonly string[]): void {
  workLeft = RESTORE_MAX_WORK;
  diffText(target.getText('title'), source.getText('title'));
  for (const key of sectionKeys) {
    reconcileChildren(target.getXmlFragment(`section:${key}`), source.getXmlFragment(`section:${key}`));
  }
}

/** A JSON text of a value with object keys sorted, so equal values give equal keys. */
function stableKey(value: unknown): string {
  if (value instanceof Y.AbstractType) return `«${value.toString()}»`;
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The full content of a node: equal serialisations mean equal nodes. */
function serialise(node: Node): string {
  if (node instanceof Y.XmlText) return `t${stableKey(node.toDelta())}`;
  if (node instanceof Y.XmlHook) return `h${node.hookName}${stableKey(node.toJSON())}`;
  return `e${JSON.stringify(node.nodeName)}${stableKey(node.getAttributes())}[${node.toArray().map((c) => serialise(c as Node)).join(',')}]`;
}

/** What may be edited into what: texts into texts, elements into elements of the same name. */
function kind(node: Node): string | null {
  if (node instanceof Y.XmlText) return '#text';
  if (node instanceof Y.XmlHook) return null; // never edited in place
  return `<${node.nodeName}>`;
}

/** The id of the item that holds a node, the same in every replica and in a version's state. */
function itemId(node: Node): string | null {
  const item = node._item;
  return item ? `${item.id.client}:${item.id.clock}` : null;
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): Node[] {
  return parent.toArray() as Node[];
}

/** One step of an edit script over a sequence, in order. */
type Step = { op: 'same'; a: number; b: number } | { op: 'delete'; a: number } | { op: 'insert'; b: number };

/**
 * An edit script turning `a` into `b` that keeps a longest common subsequence (under `equal`).
 * Common ends are matched first, then the middle is diffed with Myers' O((N+M)·D) algorithm; if
 * it differs too much (or the restore's budget is spent), it is replaced whole: still exact, only
 * fewer items are kept.
 */
function editScript<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): Step[] {
  let head = 0;
  while (head < a.length && head < b.length && equal(a[head] as T, b[head] as T)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && equal(a[a.length - 1 - tail] as T, b[b.length - 1 - tail] as T)) tail++;
  const steps: Step[] = [];
  for (let i = 0; i < head; i++) steps.push({ op: 'same', a: i, b: i });
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const middle = n > 0 && m > 0 ? myers(n, m, (i, j) => equal(a[head + i] as T, b[head + j] as T)) : null;
  if (middle) {
    for (const step of middle) {
      if (step.op === 'same') steps.push({ op: 'same', a: head + step.a, b: head + step.b });
      else if (step.op === 'delete') steps.push({ op: 'delete', a: head + step.a });
      else steps.push({ op: 'insert', b: head + step.b });
    }
  } else {
    for (let i = 0; i < n; i++) steps.push({ op: 'delete', a: head + i });
    for (let j = 0; j < m; j++) steps.push({ op: 'insert', b: head + j });
  }
  for (let i = 0; i < tail; i++) steps.push({ op: 'same', a: head + n + i, b: head + m + i });
  return steps;
}

/**
 * Myers' shortest edit script between sequences of lengths `n` and `m` (compared by index), or
 * null when it needs more than DIFF_MAX_EDITS edits or more work than the restore has left.
 */
function myers(n: number, m: number, equal: (i: number, j: number) => boolean): Step[] | null {
  const max = Math.min(n + m, DIFF_MAX_EDITS);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k).
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v for diagonals -d..d after round d, kept to walk the path back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    workLeft -= n + m;
    if (workLeft < 0) return null;
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && equal(x, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

/** Walks the furthest-reaching paths of {@link myers} back from (n, m) to (0, 0). */
function backtrack(trace: readonly Int32Array[], n: number, m: number, edits: number): Step[] {
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = edits; d > 0; d--) {
    const previous = trace[d - 1] as Int32Array; // diagonals -(d-1)..(d-1), at index k + d - 1
    const k = x - y;
    const at = (diagonal: number) => previous[diagonal + d - 1] as number;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    const startX = down ? previousX : previousX + 1;
    while (x > startX) steps.push({ op: 'same', a: --x, b: --y });
    if (down) steps.push({ op: 'insert', b: previousY });
    else steps.push({ op: 'delete', a: previousX });
    x = previousX;
    y = previousY;
  }
  while (x > 0) steps.push({ op: 'same', a: --x, b: --y });
  return steps.reverse();
}

/** An action on the children of a parent, applied left to right. */
type Action = { op: 'keep' } | { op: 'update'; from: Node; to: Node } | { op: 'delete' } | { op: 'insert'; node: Node };

/** Edits `target`'s children until they equal `source`'s, keeping what both share. */
function reconcileChildren(target: Y.XmlFragment | Y.XmlElement, source: Y.XmlFragment | Y.XmlElement): void {
  const current = childrenOf(target);
  // Hooks are never written by the editor, and cannot be inserted into a fragment.
  const wanted = childrenOf(source).filter((child) => !(child instanceof Y.XmlHook));
  const currentKeys = current.map(serialise);
  const wantedKeys = wanted.map(serialise);
  const currentIds = current.map(itemId);
  const wantedIds = wanted.map(itemId);
  const actions: Action[] = [];
  let gapA: number[] = [];
  let gapB: number[] = [];
  // Between two identical nodes, pair nodes of the same kind to edit them in place.
  const closeGap = (): void => {
    const kindsA = gapA.map((i) => kind(current[i] as Node));
    const kindsB = gapB.map((j) => kind(wanted[j] as Node));
    for (const step of editScript(kindsA, kindsB, (x, y) => x !== null && x === y)) {
      if (step.op === 'same') actions.push({ op: 'update', from: current[gapA[step.a] as number] as Node, to: wanted[gapB[step.b] as number] as Node });
      else if (step.op === 'delete') actions.push({ op: 'delete' });
      else actions.push({ op: 'insert', node: wanted[gapB[step.b] as number] as Node });
    }
    gapA = [];
    gapB = [];
  };
  // A version is a state of this very document: a node with the same item id is the same node,
  // edited since; it is matched like an identical one, then edited in place.
  const indices = (length: number) => Array.from({ length }, (_, i) => i);
  const sameNode = (a: number, b: number) => currentKeys[a] === wantedKeys[b] || (currentIds[a] !== null && currentIds[a] === wantedIds[b]);
  for (const step of editScript(indices(current.length), indices(wanted.length), sameNode)) {
    if (step.op === 'same') {
      closeGap();
      if (currentKeys[step.a] === wantedKeys[step.b]) actions.push({ op: 'keep' });
      else actions.push({ op: 'update', from: current[step.a] as Node, to: wanted[step.b] as Node });
    } else if (step.op === 'delete') {
      gapA.push(step.a);
    } else {
      gapB.push(step.b);
    }
  }
  closeGap();
  applyActions(target, actions);
}

function applyActions(target: Y.XmlFragment | Y.XmlElement, actions: readonly Action[]): void {
  let index = 0;
  for (let k = 0; k < actions.length; ) {
    const action = actions[k] as Action;
    if (action.op === 'delete') {
      let count = 0;
      while (actions[k]?.op === 'delete') {
        count++;
        k++;
      }
      target.delete(index, count);
    } else if (action.op === 'insert') {
      const copies: (Y.XmlElement | Y.XmlText)[] = [];
      for (let next = actions[k]; next?.op === 'insert'; next = actions[++k]) copies.push(copy(next.node));
      target.insert(index, copies);
      index += copies.length;
    } else {
      if (action.op === 'update') updateNode(action.from, action.to);
      index++;
      k++;
    }
  }
}

function copy(node: Node): Y.XmlElement | Y.XmlText {
  if (node instanceof Y.XmlHook) throw new Error('hooks are never copied');
  return node.clone();
}

/** Edits a node in place into an equal copy of `to` (same kind, see {@link kind}). */
function updateNode(from: Node, to: Node): void {
  if (from instanceof Y.XmlText && to instanceof Y.XmlText) {
    diffText(from, to);
    return;
  }
  if (!(from instanceof Y.XmlElement) || !(to instanceof Y.XmlElement)) {
    throw new Error('only texts and elements of the same name are edited in place');
  }
  const before = from.getAttributes() as Attributes;
  const after = to.getAttributes() as Attributes;
  for (const name of Object.keys(before)) if (!(name in after)) from.removeAttribute(name);
  for (const [name, value] of Object.entries(after)) {
    if (stableKey(before[name]) === stableKey(value)) continue;
    // Attribute values are JSON-like (ProseMirror node attributes); a Y type is copied.
    const plain = (value instanceof Y.AbstractType ? value.clone() : value) as AttributeValue;
    (from as Y.XmlElement<Record<string, AttributeValue>>).setAttribute(name, plain);
  }
  reconcileChildren(from, to);
}

/** One character (a code point, so surrogate pairs are never split) with its formatting. */
interface Atom {
  text: string | object;
  length: number;
  attributes: Attributes;
  key: string;
  marks: string;
}

function atomsOf(text: Y.Text): Atom[] {
  const atoms: Atom[] = [];
  for (const op of text.toDelta() as { insert: string | object; attributes?: Attributes }[]) {
    const attributes = op.attributes ?? {};
    const marks = stableKey(attributes);
    if (typeof op.insert === 'string') {
      for (const char of op.insert) atoms.push({ text: char, length: char.length, attributes, key: char, marks });
    } else {
      atoms.push({ text: op.insert, length: 1, attributes, key: `\u0000${stableKey(op.insert)}`, marks });
    }
  }
  return atoms;
}

type DeltaOp = { retain: number; attributes?: Attributes } | { delete: number } | { insert: string | object; attributes: Attributes };

/**
 * Edits `target` (the live title or a paragraph's text) into `source` with one delta: shared
 * characters are retained (re-formatted if their marks differ), the rest deleted or inserted.
 */
function diffText(target: Y.Text, source: Y.Text): void {
  const before = atomsOf(target);
  const after = atomsOf(source);
  const delta: DeltaOp[] = [];
  const push = (op: DeltaOp): void => {
    const last = delta[delta.length - 1];
    if (last && 'retain' in last && 'retain' in op && stableKey(last.attributes) === stableKey(op.attributes)) last.retain += op.retain;
    else if (last && 'delete' in last && 'delete' in op) last.delete += op.delete;
    else if (last && 'insert' in last && 'insert' in op && typeof last.insert === 'string' && typeof op.insert === 'string' && stableKey(last.attributes) === stableKey(op.attributes)) {
      last.insert += op.insert;
    } else delta.push(op);
  };
  for (const step of editScript(before, after, (x, y) => x.key === y.key)) {
    if (step.op === 'delete') {
      push({ delete: (before[step.a] as Atom).length });
    } else if (step.op === 'insert') {
      const atom = after[step.b] as Atom;
      // Explicit attributes (even none): an insert must not take the marks of its neighbours.
      push({ insert: atom.text instanceof Y.AbstractType ? atom.text.clone() : atom.text, attributes: { ...atom.attributes } });
    } else {
      const from = before[step.a] as Atom;
      const to = after[step.b] as Atom;
      if (from.marks === to.marks) {
        push({ retain: from.length });
      } else {
        const change: Attributes = { ...to.attributes };
        for (const name of Object.keys(from.attributes)) if (!(name in to.attributes)) change[name] = null;
        push({ retain: from.length, attributes: change });
      }
    }
  }
  // Trailing plain retains change nothing.
  while (delta.length > 0) {
    const last = delta[delta.length - 1] as DeltaOp;
    if (!('retain' in last) || last.attributes !== undefined) break;
    delta.pop();
  }
  if (delta.length > 0) target.applyDelta(delta);
}
