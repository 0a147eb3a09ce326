import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { transformWithOxc, type Plugin, type Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

export interface ShellManifest {
  /** Changes whenever the page or any file it names changes: the worker's cache is per version. */
  version: string;
  /** Kept for offline loads of the page's routes. */
  page: string;
  /** Every file the page loads, at once or later (its lazy chunks and their styles). */
  files: string[];
}

/**
 * What the page `html` (an HTML entry of the build) needs offline: its entry chunk, every chunk
 * that one imports, statically or lazily, and their style sheets and assets.
 */
export function shellManifest(bundle: OutputBundle, html: string): ShellManifest {
  const page = bundle[html];
  if (page?.type !== 'asset') throw new Error(`the build has no ${html}`);
  const entry = Object.values(bundle).find(
    (output): output is OutputChunk => output.type === 'chunk' && output.isEntry && (output.facadeModuleId ?? '').endsWith(`/${html}`),
  );
  if (!entry) throw new Error(`no entry chunk for ${html}`);

  const files = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk' || files.has(fileName)) return;
    files.add(fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
  };
  visit(entry.fileName);

  const sorted = [...files].sort().map((file) => `/${file}`);
  const version = createHash('sha256').update(page.source).update(sorted.join('\n')).digest('hex').slice(0, 12);
  return { version, page: `/${html}`, files: sorted };
}

/**
 * Builds the join page's service worker (client/sw/joinShell.ts) into `sw.js` at the top of
 * the output, with the join page's shell manifest in front of it. Served at /sw.js, it may
 * take the /j scope (a worker's scope is at most its script's folder).
 */
export function joinServiceWorker(source: string): Plugin {
  return {
    name: 'ideasphere-join-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After Vite has written the HTML pages into the bundle.
      order: 'post',
      async handler(_options, bundle) {
        const manifest = shellManifest(bundle, 'join.html');
        const script = await transformWithOxc(await readFile(source, 'utf8'), source, { lang: 'ts' });
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: `const SHELL = ${JSON.stringify(manifest)};\n${script.code}`,
        });
        const bytes = manifest.files.reduce((sum, file) => {
          const output = bundle[file.slice(1)];
          return sum + (output?.type === 'chunk' ? output.code.length : output?.type === 'asset' ? output.source.length : 0);
        }, 0);
        this.info(`join shell ${manifest.version}: ${manifest.files.length} files, ${(bytes / 1024).toFixed(0)} KB before compression`);
      },
    },
  };
}
