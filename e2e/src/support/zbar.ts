import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Decodes the QR code in a PNG with Debian's `zbarimg`: proof that the code really scans. */
export async function decodeQr(png: Uint8Array): Promise<string> {
  const file = path.join(tmpdir(), `ideasphere-qr-${process.pid}-${Date.now()}.png`);
  await writeFile(file, png);
  const { stdout } = await run('zbarimg', ['--quiet', '--raw', file]);
  return stdout.trim();
}
