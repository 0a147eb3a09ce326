import { PROPOSAL_NESTING_MAX, PROPOSAL_VALUE_DEPTH_MAX, TITLE_TEXT, sectionFragmentName } from '@ideasphere/shared';
import * as Y from 'yjs';
import { CUT_VALUE } from './boundedDecoding.js';

/**
 * The shape of a proposal document, as TipTap's Collaboration extension (y-prosemirror) and
 * the title field write it: `getText('title')` holds plain text; each template section's
 * `getXmlFragment('section:<key>')` holds XmlElements (ProseMirror nodes, attributes as plain
 * values) and XmlTexts (text with marks as formatting), at most PROPOSAL_NESTING_MAX nodes deep.
 * Nothing else is written by any editor: other roots, Y.Map/Y.Array/Y.Text, embeds, binary,
 * subdocuments, hooks and JSON values are refused in an update and dropped from a stored
 * document. Both walks are iterative, so no document can overflow the stack.
 */

/** Why content breaks the shape (the close reason follows from it). */
export type ShapeRefusal = 'unsupported_content' | 'nesting_too_deep';

/** The root names of a proposal document: its title and one fragment per template section. */
export function proposalRoots(sectionKeys: readonly string[]): ReadonlySet<string> {
  return new Set([TITLE_TEXT, ...sectionKeys.map(sectionFragmentName)]);
}

/**
 * What an item is inserted into. `gone`: a parent or neighbour Yjs has garbage-collected, so
 * Yjs drops the item (an edit racing a deletion); `foreign`: anything no editor writes into.
 */
type ContainerKind = 'title' | 'fragment' | 'element' | 'text' | 'gone' | 'foreign';

interface Container {
  kind: ContainerKind;
  /** Nodes from the section down to this container (a section's fragment is 0). */
  depth: number;
}

/** Where an item goes: its container, and the attribute it sets (`parentSub`) if any. */
interface Place {
  container: Container;
  sub: string | null;
}

const GONE: Container = { kind: 'gone', depth: 0 };
const FOREIGN: Container = { kind: 'foreign', depth: 0 };

type Content = Y.Item['content'];
/** A Y type, as the document's `share` holds them. */
type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never;
type Struct = Y.Item | Y.GC | Y.Skip;

function rootContainer(name: string, roots: ReadonlySet<string>): Container {
  if (name === TITLE_TEXT) return { kind: 'title', depth: 0 };
  return roots.has(name) ? { kind: 'fragment', depth: 0 } : FOREIGN;
}

/** The container a type is, placed at `depth`. */
function typeContainer(type: SharedType, depth: number): Container {
  if (type.constructor === Y.XmlElement) return { kind: 'element', depth };
  if (type.constructor === Y.XmlText) return { kind: 'text', depth };
  return FOREIGN;
}

/** The container a type created by an item in `place` is. */
function childContainer(type: SharedType, place: Place): Container {
  const { kind, depth } = place.container;
  if (kind === 'gone' || kind === 'foreign') return place.container;
  return typeContainer(type, depth + 1);
}

/** True when a mark or attribute value was cut while loading (it was nested too deep). */
function holdsCutValue(values: readonly unknown[]): boolean {
  const stack = [...values];
  for (let depth = 0; stack.length > 0 && depth <= PROPOSAL_VALUE_DEPTH_MAX + 1; depth++) {
    const level = stack.splice(0);
    for (const value of level) {
      if (value === CUT_VALUE) return true;
      if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) stack.push(...Object.values(value));
    }
  }
  return false;
}

/** An XML child of a section or element: an XmlElement or XmlText within the nesting limit. */
function childRefusal(container: Container, content: Content): ShapeRefusal | null {
  if (!(content instanceof Y.ContentType)) return 'unsupported_content';
  if (content.type.constructor !== Y.XmlElement && content.type.constructor !== Y.XmlText) return 'unsupported_content';
  return container.depth + 1 > PROPOSAL_NESTING_MAX ? 'nesting_too_deep' : null;
}

/** The rule itself: may `content` go into `container` (as attribute `sub`, if set)? */
function judge(container: Container, sub: string | null, content: Content): ShapeRefusal | null {
  const { kind } = container;
  if (kind === 'gone') return null;
  if (kind === 'foreign') return 'unsupported_content';
  if (content instanceof Y.ContentDeleted) return null;
  switch (kind) {
    case 'title':
      return sub === null && content instanceof Y.ContentString ? null : 'unsupported_content';
    case 'text':
      if (sub !== null) return 'unsupported_content';
      if (content instanceof Y.ContentString) return null;
      if (!(content instanceof Y.ContentFormat)) return 'unsupported_content';
      return holdsCutValue([content.value]) ? 'nesting_too_deep' : null;
    case 'element':
      if (sub === null) return childRefusal(container, content);
      if (!(content instanceof Y.ContentAny)) return 'unsupported_content';
      return holdsCutValue(content.arr) ? 'nesting_too_deep' : null;
    case 'fragment':
      return sub === null ? childRefusal(container, content) : 'unsupported_content';
  }
}

/**
 * Whether applying `structs` (a decoded update, whose dependencies `doc` has) keeps the shape.
 * Every item is placed through its parent, or its left or right origin, looked up in the update
 * or the document (a binary search); the depth of a container already in the document is its
 * parent chain, walked at most PROPOSAL_NESTING_MAX steps and remembered. The cost grows with
 * the update, not with the document.
 */
export function checkUpdateShape(doc: Y.Doc, structs: readonly Struct[], roots: ReadonlySet<string>): ShapeRefusal | null {
  const places = new UpdatePlaces(doc, structs, roots);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || places.alreadyKnown(struct)) continue;
    const { container, sub } = places.placeOf(struct);
    const refusal = judge(container, sub, struct.content);
    if (refusal) return refusal;
  }
  return null;
}

/** One step of placing an item: its place, or the update item whose place decides it. */
type Step = { place: Place } | { after: Y.Item; then: (place: Place) => Place };

/** The places of an update's items, resolved without recursion. */
class UpdatePlaces {
  private readonly byClient = new Map<number, Struct[]>();
  private readonly places = new Map<Y.Item, Place>();
  private readonly containers = new Map<SharedType, Container>();
  private readonly rootNames = new Map<SharedType, string>();

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly Struct[],
    private readonly roots: ReadonlySet<string>,
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  /** True when the document already holds all of `struct` (Yjs skips it). */
  alreadyKnown(struct: Struct): boolean {
    return struct.id.clock + struct.length <= Y.getState(this.doc.store, struct.id.client);
  }

  placeOf(start: Y.Item): Place {
    // Chains of origins inside one update can be long: an explicit stack, never recursion.
    const pending: Y.Item[] = [start];
    const onStack = new Set<Y.Item>([start]);
    while (pending.length > 0) {
      const item = pending[pending.length - 1] as Y.Item;
      const step = this.step(item);
      let place: Place | undefined;
      if ('place' in step) place = step.place;
      else {
        const decided = this.places.get(step.after);
        if (decided) place = step.then(decided);
        else if (onStack.has(step.after)) place = { container: FOREIGN, sub: null }; // a cycle: no editor writes one
        else {
          pending.push(step.after);
          onStack.add(step.after);
          continue;
        }
      }
      this.places.set(item, place);
      pending.pop();
      onStack.delete(item);
    }
    return this.places.get(start) as Place;
  }

  private step(item: Y.Item): Step {
    const known = this.places.get(item);
    if (known) return { place: known };
    const { parent, parentSub } = item;
    if (typeof parent === 'string') return { place: { container: rootContainer(parent, this.roots), sub: parentSub } };
    if (parent instanceof Y.ID) {
      const owner = this.find(parent);
      if (owner.inUpdate && owner.struct instanceof Y.Item && owner.struct.content instanceof Y.ContentType) {
        const type = owner.struct.content.type;
        return { after: owner.struct, then: (place) => ({ container: childContainer(type, place), sub: parentSub }) };
      }
      return { place: { container: this.ownerContainer(owner.struct), sub: parentSub } };
    }
    // No parent in the encoding: Yjs takes it from the left origin, else the right one, and
    // drops the item when either neighbour was garbage-collected.
    const left = item.origin ? this.find(item.origin) : null;
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
    if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) return { place: { container: GONE, sub: null } };
    const neighbour = left ?? right;
    if (!neighbour || !(neighbour.struct instanceof Y.Item)) return { place: { container: GONE, sub: null } };
    if (neighbour.inUpdate) return { after: neighbour.struct, then: (place) => place };
    const type = neighbour.struct.parent;
    if (!(type instanceof Y.AbstractType)) return { place: { container: GONE, sub: null } };
    return { place: { container: this.docContainer(type), sub: neighbour.struct.parentSub } };
  }

  /** The container an item of the document is, or GONE when it holds no type (any more). */
  private ownerContainer(owner: Struct | null): Container {
    if (!(owner instanceof Y.Item) || owner.content instanceof Y.ContentDeleted) return GONE;
    if (!(owner.content instanceof Y.ContentType)) return FOREIGN;
    return this.docContainer(owner.content.type);
  }

  /** The container a type of the document is: its kind, and its depth from its root. */
  private docContainer(type: SharedType): Container {
    const known = this.containers.get(type);
    if (known) return known;
    let depth = 0;
    let root: SharedType = type;
    while (root._item !== null && depth <= PROPOSAL_NESTING_MAX) {
      depth++;
      const parent = root._item.parent;
      if (!(parent instanceof Y.AbstractType)) break;
      root = parent;
    }
    let container: Container;
    if (root._item !== null) container = depth > PROPOSAL_NESTING_MAX ? typeContainer(type, depth) : FOREIGN;
    else {
      const rootKind = rootContainer(this.rootNames.get(root) ?? '', this.roots);
      if (type === root) container = rootKind;
      else container = rootKind.kind === 'fragment' ? typeContainer(type, depth) : FOREIGN;
    }
    this.containers.set(type, container);
    return container;
  }

  /** The struct holding `id`: the document's if it has that clock, else the update's. */
  private find(id: Y.ID): { struct: Struct | null; inUpdate: boolean } {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const structs = this.doc.store.clients.get(id.client) as Struct[];
      return { struct: structs[Y.findIndexSS(structs as (Y.Item | Y.GC)[], id.clock)] ?? null, inUpdate: false };
    }
    const list = this.byClient.get(id.client) ?? [];
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = list[middle] as Struct;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return { struct: struct instanceof Y.Skip ? null : struct, inUpdate: true };
    }
    return { struct: null, inUpdate: true };
  }
}

/** What a stored document's cleanup deleted. */
export interface DroppedContent {
  /** Items that broke a rule (each deleted with everything under it). */
  unsupported: number;
  tooDeep: number;
  /** Every item deleted, the offenders' contents included. */
  items: number;
}

/**
 * Deletes from `doc` everything that breaks the shape (see {@link judge}), with all it holds,
 * in one transaction with `origin`: ordinary Yjs deletions, relayed and stored like any edit.
 * The walk is iterative, and subtrees are deleted and garbage-collected from their deepest level
 * up: Yjs deletes and collects a type's children recursively, which a subtree thousands of
 * levels deep would overflow, but finds nothing left to recurse into this way. Linear in the
 * items deleted (200,000 nested levels take under a second).
 */
export function dropUnsupportedContent(doc: Y.Doc, roots: ReadonlySet<string>, origin: unknown): DroppedContent {
  const offenders: Y.Item[] = [];
  const dropped: DroppedContent = { unsupported: 0, tooDeep: 0, items: 0 };
  const visit: [SharedType, Container][] = [...doc.share].map(([name, type]) => [type, rootContainer(name, roots)]);
  for (let next = visit.pop(); next; next = visit.pop()) {
    const [type, container] = next;
    for (const item of itemsOf(type)) {
      const refusal = judge(container, item.parentSub, item.content);
      if (refusal) {
        offenders.push(item);
        if (refusal === 'nesting_too_deep') dropped.tooDeep++;
        else dropped.unsupported++;
      } else if (item.content instanceof Y.ContentType) {
        visit.push([item.content.type, typeContainer(item.content.type, container.depth + 1)]);
      }
    }
  }
  if (offenders.length === 0) return dropped;
  // Everything under the offenders, parents before their children.
  const subtree: Y.Item[] = [];
  const stack = [...offenders];
  for (let item = stack.pop(); item; item = stack.pop()) {
    subtree.push(item);
    if (item.content instanceof Y.ContentType) stack.push(...itemsOf(item.content.type));
  }
  Y.transact(
    doc,
    (transaction) => {
      for (let i = subtree.length - 1; i >= 0; i--) (subtree[i] as Y.Item).delete(transaction);
      if (!doc.gc) return;
      for (let i = subtree.length - 1; i >= 0; i--) {
        const item = subtree[i] as Y.Item;
        if (!item.keep && doc.gcFilter(item)) item.gc(doc.store, false);
      }
    },
    origin,
  );
  dropped.items = subtree.length;
  return dropped;
}

/** The live items of a type: its list, and the current value of each of its keys. */
function itemsOf(type: SharedType): Y.Item[] {
  const items: Y.Item[] = [];
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) items.push(item);
  for (const item of type._map.values()) if (!item.deleted) items.push(item);
  return items;
}
