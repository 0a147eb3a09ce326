import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import Negotiator from 'negotiator';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * Server preference among encodings a request accepts equally: brotli is the smallest, then
 * gzip. (Chromium sends "gzip, deflate, br, zstd": by the header's order alone, gzip would win.)
 */
const PREFERRED: readonly ContentEncoding[] = ['br', 'gzip', 'identity'];

/** Where the build writes each precompressed copy (client/plugins/precompress.ts). */
const SUFFIXES = { br: '.br', gzip: '.gz' } as const;

/** The service worker's script: like a page, always revalidated, so a new build reaches phones. */
export const SERVICE_WORKER_FILE = 'sw.js';

interface Representation {
  body: Buffer;
  /** Strong, from the bytes: each encoding has its own, and every instance of a deployment agrees. */
  etag: string;
}

interface ClientFile {
  /** The file's extension, for its Content-Type (`.js` → text/javascript; charset=utf-8). */
  extension: string;
  representations: Partial<Record<ContentEncoding, Representation>> & { identity: Representation };
  /** More than one encoding, so caches must key on Accept-Encoding. */
  varies: boolean;
}

/**
 * The built client, read once at start and held in memory (a few MB): every file with the
 * brotli and gzip copies the build wrote beside it. A request gets the best encoding its
 * Accept-Encoding allows; nothing is compressed per request, so 350 phones arriving at once
 * cost the CPU nothing more than one. A new build is served after a restart, which also
 * keeps a page and the files it names from two different builds.
 *
 * Source maps are never read: they are for operators, not for phones.
 */
export class ClientFiles {
  private constructor(private readonly files: ReadonlyMap<string, ClientFile>) {}

  /** Reads the build under `root`; an absent directory gives an empty set. */
  static load(root: string): ClientFiles {
    const files = new Map<string, ClientFile>();
    const listed = listFiles(root);
    const present = new Set(listed);
    for (const relative of listed) {
      if (isVariant(relative, present) || relative.toLowerCase().endsWith('.map')) continue;
      const read = (suffix: string): Representation | undefined => {
        const body = readIfPresent(path.join(root, relative + suffix));
        return body && { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      };
      const identity = read('') as Representation;
      const representations: ClientFile['representations'] = { identity };
      for (const encoding of ['br', 'gzip'] as const) {
        const variant = read(SUFFIXES[encoding]);
        // A copy no smaller than the file itself would only cost the phone a decompression.
        if (variant && variant.body.length < identity.body.length) representations[encoding] = variant;
      }
      files.set(relative.split(path.sep).join('/'), {
        extension: path.extname(relative),
        representations,
        varies: Object.keys(representations).length > 1,
      });
    }
    return new ClientFiles(files);
  }

  has(relativePath: string): boolean {
    return this.files.has(relativePath);
  }

  get size(): number {
    return this.files.size;
  }

  /**
   * Sends `relativePath` (e.g. `assets/join-abc.js`, `join.html`) in the best encoding the
   * request accepts, with its own ETag (304 when the phone has it), Content-Length, the
   * original Content-Type and `Vary: Accept-Encoding`. Returns false when there is no such file.
   */
  send(req: Request, res: Response, relativePath: string, cacheControl: string): boolean {
    const file = this.files.get(relativePath);
    if (!file) return false;
    const encoding = this.encodingFor(req, file);
    const representation = file.representations[encoding] ?? file.representations.identity;
    res.type(file.extension);
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', representation.etag);
    if (file.varies) res.vary('Accept-Encoding');
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    if (req.fresh) {
      res.status(304).end();
      return true;
    }
    res.setHeader('Content-Length', representation.body.length);
    res.end(req.method === 'HEAD' ? undefined : representation.body);
    return true;
  }

  /**
   * br, then gzip, then identity, among those the request accepts (q > 0). When it accepts
   * none, identity anyway: RFC 9110 lets a server ignore such a header, and a page beats a 406.
   */
  private encodingFor(req: Request, file: ClientFile): ContentEncoding {
    const available = PREFERRED.filter((encoding) => file.representations[encoding] !== undefined);
    const [best] = new Negotiator(req).encodings(available, { preferred: PREFERRED });
    return (best as ContentEncoding | undefined) ?? 'identity';
  }
}

/** Every regular file under `root`, relative to it; dotfiles are skipped. */
function listFiles(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((relative) => !relative.split(path.sep).some((part) => part.startsWith('.')));
}

/** `x.js.br` beside `x.js`: a copy, served under the original's name, never as its own URL. */
function isVariant(relative: string, present: ReadonlySet<string>): boolean {
  return Object.values(SUFFIXES).some((suffix) => relative.endsWith(suffix) && present.has(relative.slice(0, -suffix.length)));
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
