/**
 * @file Serve-mode access checks: a random token (in the URL, then an HttpOnly cookie so that
 * the page's own asset requests carry it), a Host check against DNS rebinding when bound to
 * loopback, an Origin check for WebSocket upgrades, and the Content-Security-Policy.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh access token: 24 random bytes, base64url (32 characters). */
export const newToken = (): string => randomBytes(24).toString('base64url');

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** Cookies are shared by every port of a host, so the name carries the port. */
export const tokenCookieName = (port: number): string => `kilocurate_token_${port}`;

/** The token a request presents: `?token=` first, else the cookie. */
export function presentedToken(req: IncomingMessage, port: number): string | undefined {
  const url = new URL(req.url ?? '/', 'http://x');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return fromQuery;
  const name = tokenCookieName(port);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for addresses only this machine can reach. */
export const isLoopback = (host: string): boolean =>
  LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Whether the Host header is acceptable. Bound to loopback, only loopback names with our port
 * are (a rebound DNS name pointing at 127.0.0.1 is refused); bound elsewhere, any host is.
 */
export function hostAllowed(req: IncomingMessage, bindHost: string, port: number): boolean {
  const host = req.headers.host;
  if (!host) return false;
  if (!isLoopback(bindHost)) return true;
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(host);
  return match !== null && isLoopback(match[1]) && Number(match[2]) === port;
}

/** A WebSocket upgrade must come from a page we served: Origin equals http://<Host>. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return (
    origin !== undefined &&
    req.headers.host !== undefined &&
    origin === `http://${req.headers.host}`
  );
}

/**
 * The renderer's Content-Security-Policy: nothing remote, scripts only from our origin.
 * Inline styles stay allowed because Svelte sets style attributes.
 * @param connect - extra connect-src sources (the WebSocket URL in serve mode)
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
