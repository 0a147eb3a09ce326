import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompressDirectory } from './precompress';

let dir: string;
const script = 'export const greet = (name) => `hello ${name}`;\n'.repeat(300);
const page = `<!doctype html><title>IdeaSphere</title>${'<div class="card"></div>'.repeat(100)}`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'join.html'), page);
  await writeFile(path.join(dir, 'assets', 'join-abc.js'), script);
  await writeFile(path.join(dir, 'assets', 'join-abc.js.map'), `{"version":3,"mappings":"${'A'.repeat(5000)}"}`);
  await writeFile(path.join(dir, 'assets', 'tiny-abc.js'), 'x');
  await writeFile(path.join(dir, 'assets', 'photo.png'), Buffer.alloc(5000));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('precompressDirectory', () => {
  it('writes a brotli and a gzip copy beside each compressible file, each decoding to the original', async () => {
    await precompressDirectory(dir);
    for (const [file, text] of [['join.html', page], ['assets/join-abc.js', script]] as const) {
      const br = await readFile(path.join(dir, `${file}.br`));
      const gz = await readFile(path.join(dir, `${file}.gz`));
      expect(brotliDecompressSync(br).toString(), file).toBe(text);
      expect(gunzipSync(gz).toString(), file).toBe(text);
      expect(br.length, file).toBeLessThan(gz.length);
      expect(gz.length, file).toBeLessThan(text.length / 5);
    }
  });

  it('leaves source maps, images and files too small to gain anything alone', async () => {
    const done = await precompressDirectory(dir);
    expect(done.find((p) => p.file === path.join('assets', 'tiny-abc.js'))).toMatchObject({ br: null, gzip: null });
    const written = (await readdir(path.join(dir, 'assets'))).sort();
    expect(written).toEqual(['join-abc.js', 'join-abc.js.br', 'join-abc.js.gz', 'join-abc.js.map', 'photo.png', 'tiny-abc.js']);
  });
});
