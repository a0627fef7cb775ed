import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/api/web: the dashboard's scripts and styles, served as they are (no build step). */
export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

/** The chart library's self-contained browser build, straight from node_modules. */
export const CHART_JS_FILE = join(
  dirname(fileURLToPath(import.meta.resolve('chart.js'))),
  'chart.umd.min.js',
);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The file under WEB_ROOT a URL path names, or undefined: only known types, never a
 * path that climbs out of the folder.
 */
export function assetFile(relative: string): { file: string; type: string } | undefined {
  const type = TYPES[extname(relative)];
  if (!type || relative.includes('\0')) return undefined;
  const file = normalize(join(WEB_ROOT, relative));
  if (!file.startsWith(WEB_ROOT + sep)) return undefined;
  return { file, type };
}

export async function readAsset(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}
