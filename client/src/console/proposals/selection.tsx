import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';

/** Ideas ticked for a new proposal: a tiny store, so ticking one card re-renders only that card. */
class IdeaSelection {
  private ids = new Set<string>();
  private listeners = new Set<() => void>();
  private snapshot: readonly string[] = [];

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  has = (id: string) => this.ids.has(id);
  list = () => this.snapshot;

  toggle = (id: string) => {
    if (this.ids.has(id)) this.ids.delete(id);
    else this.ids.add(id);
    this.emit();
  };

  clear = () => {
    this.ids.clear();
    this.emit();
  };

  private emit() {
    this.snapshot = [...this.ids];
    for (const listener of this.listeners) listener();
  }
}

interface SelectionContextValue {
  selection: IdeaSelection;
  /** Bumped when a proposal was made, so the proposals list refetches. */
  createdCount: number;
  onCreated: () => void;
}

const SelectionContext = createContext<SelectionContextValue | null>(null);

/** Wraps the console's board and results: idea cards can be ticked for a proposal. */
export function ProposalSelectionProvider({ children }: { children: ReactNode }) {
  const [selection] = useState(() => new IdeaSelection());
  const [createdCount, setCreatedCount] = useState(0);
  const onCreated = useCallback(() => setCreatedCount((n) => n + 1), []);
  const value = useMemo(() => ({ selection, createdCount, onCreated }), [selection, createdCount, onCreated]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

const NONE: readonly string[] = [];
const noop = () => () => undefined;

/** Whether one idea is ticked, and a toggle; null outside the provider (no checkbox then). */
export function useIdeaTick(id: string): { ticked: boolean; toggle: () => void } | null {
  const context = useContext(SelectionContext);
  const ticked = useSyncExternalStore(context?.selection.subscribe ?? noop, () => context?.selection.has(id) ?? false);
  const toggle = useCallback(() => context?.selection.toggle(id), [context, id]);
  return context ? { ticked, toggle } : null;
}

/** Every ticked idea id, in ticking order. */
export function useTickedIdeas(): { ids: readonly string[]; clear: () => void; createdCount: number; onCreated: () => void } {
  const context = useContext(SelectionContext);
  const ids = useSyncExternalStore(context?.selection.subscribe ?? noop, () => context?.selection.list() ?? NONE);
  return { ids, clear: context?.selection.clear ?? (() => undefined), createdCount: context?.createdCount ?? 0, onCreated: context?.onCreated ?? (() => undefined) };
}
