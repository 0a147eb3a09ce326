import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DOC_PERSIST_DEBOUNCE_MS } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LmdbStore } from '../store/LmdbStore.js';
import { connectProvider, docContent, proposalFixture, synced, typeInSection, until } from '../testing/yjsClients.js';

const moduleUrl = (file: string) => pathToFileURL(fileURLToPath(new URL(file, import.meta.url))).href;

// The real server in its own process on the given data directory; prints its URL, then waits
// to be killed.
const serverScript = `
const [serverUrl, storeUrl, dir] = process.argv.slice(1);
const { startServer } = await import(serverUrl);
const { LmdbStore } = await import(storeUrl);
const server = await startServer({ store: await LmdbStore.open(dir), port: 0, host: '127.0.0.1', publicUrl: null,
  adminToken: null, trustProxy: 0, clientDist: dir + '/no-client' });
process.stdout.write(server.url + '\\n');
`;

/**
 * The documented window (docs/operations.md): an update the server received more than the
 * debounce plus one store write before a kill -9 is on disk. One write is generously allowed
 * 20× the debounce here, as a slow CI disk may need.
 */
const WINDOW_MS = DOC_PERSIST_DEBOUNCE_MS * 21;

describe('proposal persistence window', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps every update received more than the window before the server process is killed with SIGKILL', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-yjs-kill-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', serverScript, moduleUrl('../server.ts'), moduleUrl('../store/LmdbStore.ts'), dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url = line.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const fixture = await proposalFixture({ url });
    const writer = connectProvider(url, fixture.proposalId, fixture.editor.memberToken);
    const watcher = connectProvider(url, fixture.proposalId, fixture.owner);
    try {
      await Promise.all([synced(writer), synced(watcher)]);
      // Early edits: many small updates, as typing makes them.
      for (const word of ['Cut ', 'energy ', 'use ', 'by ', '12% ', 'in ', 'hall ', '3.']) {
        typeInSection(writer.doc, 'benefits', 10_000, word);
      }
      writer.doc.getText('title').insert(0, 'Kept: ');
      const early = docContent(writer.doc);
      // The watcher has them, so the server received them; then the window passes.
      await until(() => docContent(watcher.doc) === early, 'the server relays the early edits');
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      // A late edit, then the kill: it may or may not survive, the early ones must.
      typeInSection(writer.doc, 'team', 0, 'late edit');
      child.kill('SIGKILL');
      const [, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
      expect(signal).toBe('SIGKILL');
      expect(stderr).toBe('');

      const store = await LmdbStore.open(dir);
      try {
        const stored = await store.proposals.loadDoc(fixture.proposalId);
        const doc = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const { update } of stored.updates) Y.applyUpdate(doc, update);
        const [title, , , benefits] = JSON.parse(docContent(doc)) as string[];
        const [earlyTitle, , , earlyBenefits] = JSON.parse(early) as string[];
        expect(title).toBe(earlyTitle);
        expect(benefits).toBe(earlyBenefits);
        expect(benefits).toContain('Cut energy use by 12% in hall 3.');
      } finally {
        await store.close();
      }
    } finally {
      writer.destroy();
      watcher.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
