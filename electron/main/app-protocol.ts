/**
 * @file The renderer is loaded from `app://kilocurate/`, a privileged standard scheme served from
 * dist-renderer/ with the same path checks as serve mode, and with the CSP on every response
 * (file:// would make 'self' meaningless and expose the whole disk to the page).
 */
import { protocol } from 'electron';
import { resolveStatic } from '../server/static-files.js';
import { contentSecurityPolicy } from '../server/security.js';

export const APP_ORIGIN = 'app://kilocurate';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** True for URLs of our own renderer. */
export const isAppUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
};

/** Serves `rendererDir` on app://kilocurate/ (call once the app is ready). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'kilocurate') return new Response('not found', { status: 404 });
    const found = await resolveStatic(rendererDir, url.pathname);
    if (found.status !== 200) return new Response(found.reason, { status: found.status });
    return new Response(new Uint8Array(found.body), {
      headers: {
        'Content-Type': found.contentType,
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
