import { connect } from 'node:net';

/**
 * Sends `request` as raw bytes to the server at `url` (http://host:port) and resolves with what
 * came back before the server closed the connection or `timeoutMs` passed. For requests no
 * HTTP client would send: malformed targets, upgrades to odd paths, slow bodies.
 */
export function rawHttp(url: string, request: string, timeoutMs = 3_000): Promise<{ response: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let response = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(request);
  });
}

/** The status code of a raw HTTP response, or null when nothing (or no status line) came back. */
export function statusOf(response: string): number | null {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return match ? Number(match[1]) : null;
}

/** A WebSocket upgrade request for `target`, written exactly as given (no normalisation). */
export function upgradeRequest(target: string): string {
  return (
    `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
    'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
  );
}
