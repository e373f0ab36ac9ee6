/** @file Locations the tests share: the read-only real datasets beside the repository. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** ../shared/data beside the checkout (real public sorter outputs, read-only). */
export const SHARED_DATA = join(REPO_ROOT, '..', 'shared', 'data');
