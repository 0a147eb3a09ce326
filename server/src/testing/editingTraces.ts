import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';

/** [position (code points), characters deleted, text inserted] */
export type Patch = [number, number, string];

export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { time: string; patches: Patch[] }[];
}

export interface ConcurrentTrace {
  kind: 'concurrent';
  endContent: string;
  numAgents: number;
  txns: { parents: number[]; numChildren: number; agent: number; patches: Patch[] }[];
}

/** The Y.Text the traces are replayed into. */
export const TRACE_TEXT = 'trace';

/** Real editing traces kept in the repository (CC BY 4.0; sources and attribution in its README). */
export const TRACES_DIR = new URL('./traces/', import.meta.url);

export function loadTrace<T extends SequentialTrace | ConcurrentTrace>(name: string): T {
  const trace = JSON.parse(gunzipSync(readFileSync(new URL(`${name}.json.gz`, TRACES_DIR))).toString('utf8')) as T;
  // Positions are code points and Y.Text counts UTF-16 units: equal only without astral characters.
  const astral = /[\uD800-\uDFFF]/;
  const texts = [trace.endContent, ...trace.txns.flatMap((t) => t.patches.map((p) => p[2]))];
  if (texts.some((text) => astral.test(text))) throw new Error(`${name}: astral characters need code point mapping`);
  return trace;
}

export function applyPatches(text: Y.Text, patches: readonly Patch[]): void {
  for (const [position, deleted, inserted] of patches) {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted !== '') text.insert(position, inserted);
  }
}

/**
 * Replays a concurrent trace as its agents typed it. Each transaction applies on the version
 * named by its parents: agent `a` keeps a working doc holding exactly the transactions it has
 * seen; before a transaction, the recorded Yjs updates of the ancestors it lacks are merged in,
 * so the patch positions mean what they meant to the author. Each transaction's own update is
 * recorded for the other agent and handed to `send` with the updates the author had to
 * have seen first (the test waits until the author's provider received those from the server,
 * then sends the transaction through it). Agent `a` writes as Yjs client `a + 1`, so concurrent inserts at one place order
 * by agent, as the trace's end content does.
 */
export async function replayConcurrent(
  trace: ConcurrentTrace,
  send: (agent: number, seen: Uint8Array[], own: Uint8Array) => Promise<void> | void,
): Promise<Y.Doc[]> {
  const updates: Uint8Array[] = [];
  const working = Array.from({ length: trace.numAgents }, (_, agent) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = agent + 1;
    return { doc, seen: new Set<number>() };
  });
  for (const [index, txn] of trace.txns.entries()) {
    const agent = working[txn.agent];
    if (!agent) throw new Error(`unknown agent ${txn.agent}`);
    // Ancestors not yet seen: walk back from the parents, stopping at seen ones (their
    // ancestors are seen too, since every agent's history is causally closed).
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length > 0) {
      const k = stack.pop() as number;
      if (agent.seen.has(k)) continue;
      agent.seen.add(k);
      missing.push(k);
      stack.push(...(trace.txns[k]?.parents ?? []));
    }
    missing.sort((x, y) => x - y);
    const catchUp = missing.map((k) => updates[k] as Uint8Array);
    if (catchUp.length > 0) Y.applyUpdate(agent.doc, Y.mergeUpdates(catchUp));
    let own: Uint8Array | null = null;
    const capture = (update: Uint8Array) => (own = update);
    agent.doc.on('update', capture);
    agent.doc.transact(() => applyPatches(agent.doc.getText(TRACE_TEXT), txn.patches));
    agent.doc.off('update', capture);
    const recorded: Uint8Array = own ?? new Uint8Array([0, 0]);
    updates[index] = recorded;
    agent.seen.add(index);
    await send(txn.agent, catchUp, recorded);
  }
  return working.map((w) => w.doc);
}
