import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers on every response (helmet): a Content-Security-Policy that lets pages run
 * only our own scripts and talk only to this origin (the Socket.IO and /yjs WebSockets
 * included), no framing by anyone (the console must not be framed to trick a click),
 * `nosniff`, and no Referer leaving the page.
 *
 * Styles allow 'unsafe-inline': the editor (TipTap/ProseMirror) injects a style element, and
 * style injection cannot run script. HTTPS is not forced here (no HSTS, no
 * upgrade-insecure-requests): IdeaSphere often runs on a venue LAN over plain HTTP; the TLS
 * proxy in front of a public deployment sets HSTS.
 *
 * API answers (JSON, images under /api) are never run as a page: they get the short set an API
 * needs (OWASP's REST advice: `default-src 'none'`, no framing, nosniff, no Referer, the
 * resource policy), not a page's dozen headers, which were three quarters of a join's answer.
 *
 * The headers are the same for every response of a kind (no nonce), so helmet runs once at
 * start and each response gets the headers it chose in one call, instead of a chain of a dozen
 * middlewares per request (a join is mostly such per-request work).
 */
export function securityHeaders(): RequestHandler {
  const page = headersSetBy(helmet(PAGE_HEADERS));
  const api = headersSetBy(helmet(API_HEADERS));
  return (req, res, next) => {
    res.setHeaders(req.url.startsWith('/api/') ? api : page);
    next();
  };
}

/** The headers a middleware that only sets headers sets, read once from a stand-in response. */
function headersSetBy(middleware: RequestHandler): Map<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  let called = false;
  void middleware({} as Request, response as never, () => {
    called = true;
  });
  if (!called) throw new Error('security headers: the middleware did not finish at once');
  return headers;
}

const PAGE_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // data: for the inline favicon, blob: for a selfie's preview before upload.
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      mediaSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
  crossOriginResourcePolicy: { policy: 'same-site' },
};

const API_HEADERS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Same-site, not same-origin: a QR image may be shown by another page of the same site.
  crossOriginResourcePolicy: { policy: 'same-site' },
  strictTransportSecurity: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};
