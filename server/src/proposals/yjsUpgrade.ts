import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { YJS_MESSAGE_MAX_BYTES, entityIdSchema, yjsQuerySchema } from '@ideasphere/shared';
import { WebSocketServer } from 'ws';
import { AppError, errors } from '../errors.js';
import type { Log } from '../logger.js';
import { ClientConnection, type ClientConnectionDeps } from './ClientConnection.js';
import type { DocumentManager } from './DocumentManager.js';
import type { ProposalAccess, ProposalPrincipal } from './ProposalAccess.js';

/** The path prefix of proposal documents: `/yjs/<proposalId>?token=…`. */
export const YJS_PATH_PREFIX = '/yjs/';

export interface YjsServerDeps {
  access: ProposalAccess;
  documents: DocumentManager;
  log: Log;
  /** Paths another upgrade handler owns (Socket.IO's engine). */
  otherPaths: readonly string[];
}

export interface YjsServer {
  /** Refuses new upgrades, closes every connection and writes every document. */
  close(): Promise<void>;
}

const HTTP_STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' };

/** Answers an upgrade with a plain HTTP error; nothing of the y-websocket protocol is sent. */
function refuse(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) return;
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${HTTP_STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The request target of an upgrade as a URL, or null when it is not an origin-form path
 * (`/yjs/…`): `//host`, absolute forms and unparsable targets are refused, never thrown.
 */
export function parseRequestTarget(target: string): URL | null {
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return null;
  }
}

/**
 * The y-websocket server on the app's own HTTP server and port. The token is checked during
 * the HTTP upgrade, before the WebSocket exists: a missing or bad one is answered 401, an
 * unknown proposal 404, and no document byte is ever sent. Socket.IO must be created with
 * `destroyUpgrade: false`, otherwise its engine kills upgrades it does not own after 1 s;
 * this handler instead refuses every path that is neither its own nor Socket.IO's.
 */
export function attachYjsServer(http: HttpServer, deps: YjsServerDeps): YjsServer {
  // maxPayload above our own limit, so messages just over it get our clear close reason;
  // far bigger frames are cut off by ws (1009) before they are buffered.
  const wss = new WebSocketServer({ noServer: true, maxPayload: YJS_MESSAGE_MAX_BYTES * 2, perMessageDeflate: false });
  let closing = false;
  const connectionDeps: ClientConnectionDeps = { access: deps.access, documents: deps.documents, log: deps.log, isClosing: () => closing };

  // An upgrade is not under Express's error handler: whatever throws here would end the
  // process. Every refusal is answered, and anything unexpected is logged and answered 400.
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      deps.log.warn({ err: error }, 'yjs upgrade refused');
      refuse(socket, 400, 'Bad request');
    }
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const raw = req.url ?? '/';
    // Socket.IO's engine answers what starts with its path and a slash (`/socket.io/`).
    if (deps.otherPaths.some((path) => raw.startsWith(path.endsWith('/') ? path : `${path}/`))) return;
    socket.on('error', () => socket.destroy());
    const url = parseRequestTarget(raw);
    if (!url) {
      refuse(socket, 400, 'Bad request target');
      return;
    }
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) {
      refuse(socket, 404, 'Not found');
      return;
    }
    if (closing) {
      refuse(socket, 503, 'Shutting down');
      return;
    }
    void authorize(url)
      .then((principal) => {
        if (!socket.writable) return;
        if (closing) {
          refuse(socket, 503, 'Shutting down');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => void new ClientConnection(ws, principal, connectionDeps).open());
      })
      .catch((error: unknown) => {
        if (error instanceof AppError) {
          refuse(socket, error.code === 'not_found' ? 404 : error.code === 'bad_request' ? 400 : 401, error.message);
          return;
        }
        deps.log.error({ err: error }, 'yjs upgrade failed');
        refuse(socket, 503, 'Unavailable');
      });
  };

  async function authorize(url: URL): Promise<ProposalPrincipal> {
    // Entity ids are plain [A-Za-z0-9_-]: nothing in a valid one is percent-encoded.
    const id = entityIdSchema.safeParse(url.pathname.slice(YJS_PATH_PREFIX.length));
    if (!id.success) throw errors.proposalNotFound();
    const query = yjsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) throw errors.missingToken();
    return deps.access.authenticate(id.data, query.data.token);
  }

  http.on('upgrade', onUpgrade);
  return {
    async close() {
      closing = true;
      await deps.documents.close();
      for (const ws of wss.clients) ws.terminate();
      http.off('upgrade', onUpgrade);
      wss.close();
    },
  };
}
