import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Text formats, which compress well. Images (PNG, JPEG, WebP) and WOFF2 fonts are compressed
 * already; source maps are never served.
 */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml|wasm|ttf|otf)$/i;

export interface Precompressed {
  file: string;
  bytes: number;
  br: number | null;
  gzip: number | null;
}

/**
 * Writes `x.br` and `x.gz` beside every compressible file under `dir`, at the highest levels
 * (the build pays once; the server never compresses per request). A copy that would not be
 * smaller than the file is not written.
 */
export async function precompressDirectory(dir: string): Promise<Precompressed[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(
    files.map(async (file) => {
      const body = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      const keep = async (copy: Buffer, suffix: string) => {
        if (copy.length >= body.length) return null;
        await writeFile(file + suffix, copy);
        return copy.length;
      };
      return { file: path.relative(dir, file), bytes: body.length, br: await keep(br, '.br'), gzip: await keep(gz, '.gz') };
    }),
  );
}

/** The build step: precompresses the output directory once everything has been written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'ideasphere-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (!(await stat(outDir).catch(() => null))) return;
        const done = await precompressDirectory(outDir);
        const sum = (pick: (p: Precompressed) => number | null) => done.reduce((total, p) => total + (pick(p) ?? p.bytes), 0);
        const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
        this.info(`precompressed ${done.length} files: ${kb(sum((p) => p.bytes))} → brotli ${kb(sum((p) => p.br))}, gzip ${kb(sum((p) => p.gzip))}`);
      },
    },
  };
}
