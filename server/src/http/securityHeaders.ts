import type { RequestHandler } from 'express';
import helmet from 'helmet';

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
 */
export function securityHeaders(): RequestHandler {
  return helmet({
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
    // Same-site, not same-origin: a QR image may be shown by another page of the same site.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}
