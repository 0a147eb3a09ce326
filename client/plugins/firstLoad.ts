import type { Plugin } from 'vite';

export interface FirstLoad {
  plugin: Plugin;
  /** Whether a module is statically imported, directly or not, by the entry. */
  has(id: string): boolean;
}

/**
 * What a page needs before its first paint: every module its entry imports statically, found
 * once the module graph is complete (`buildEnd`), before chunks are formed, so a chunk group
 * can ask. Dynamic imports (`import()`) are where the first load ends.
 */
export function firstLoadOf(entry: RegExp): FirstLoad {
  const closure = new Set<string>();
  return {
    has: (id) => closure.has(id),
    plugin: {
      name: 'ideasphere-first-load',
      apply: 'build',
      buildEnd(error) {
        if (error) return;
        closure.clear();
        const queue = [...this.getModuleIds()].filter((id) => entry.test(id));
        if (queue.length === 0) this.error(`no module matches ${entry}`);
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
          if (closure.has(id)) continue;
          closure.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      },
    },
  };
}
