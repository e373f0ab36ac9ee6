/**
 * @file Serves the built renderer (dist-renderer/) and nothing else: a request path is decoded
 * once, refused if it holds NUL, backslashes or `..` segments, resolved under the root, and the
 * real path (after symlinks) must still lie under the root's real path. Used by serve mode and
 * by the desktop app's `app://` protocol.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.wgsl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticResult =
  | { status: 200; path: string; contentType: string; body: Buffer }
  | { status: 400 | 403 | 404; reason: string };

/** The content type of a file name, by extension (unknown: application/octet-stream). */
export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps a URL path (still percent-encoded, without query) to a file under `root`, or says why
 * not. `/` and folders map to their index.html.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\'))
    return { status: 400, reason: 'bad path' };
  // Refuse rather than normalise: a legitimate asset URL never contains a dot segment.
  if (decoded.split('/').some((part) => part === '..' || part === '.'))
    return { status: 403, reason: 'dot segment in path' };

  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { status: 404, reason: 'renderer not built' };
  }
  let candidate = resolve(realRoot, `.${decoded}`);
  if (!within(realRoot, candidate)) return { status: 403, reason: 'outside the root' };
  try {
    if ((await stat(candidate)).isDirectory()) candidate = resolve(candidate, 'index.html');
    const real = await realpath(candidate);
    if (!within(realRoot, real)) return { status: 403, reason: 'symlink leaves the root' };
    if (!(await stat(real)).isFile()) return { status: 404, reason: 'not a file' };
    return {
      status: 200,
      path: real,
      contentType: contentTypeOf(real),
      body: await readFile(real),
    };
  } catch {
    return { status: 404, reason: 'not found' };
  }
}

function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
