import { basename } from 'node:path';
import {
  ACCOUNT_HISTORY_FILE,
  findExportFiles,
  STREAMING_HISTORY_FILE,
} from '@spotify-insights/ingestion';

// Account-data names, the podcast ones included: named on the command line, those are
// refused with a reason rather than read as extended history.
const ACCOUNT_DATA_NAME = /^StreamingHistory/i;

/**
 * The files of a history import, by kind: extended streaming history and account data.
 * Folders are searched for both; a file named on the command line is account data if
 * its name says so, else extended history (whose check then says if it is not).
 */
export async function historyFilesByKind(
  paths: readonly string[],
): Promise<{ extended: string[]; account: string[] }> {
  const either = new RegExp(`${STREAMING_HISTORY_FILE.source}|${ACCOUNT_HISTORY_FILE.source}`, 'i');
  const files = await findExportFiles(paths, either);
  const isAccount = (f: string) => ACCOUNT_DATA_NAME.test(basename(f));
  return { extended: files.filter((f) => !isAccount(f)), account: files.filter(isAccount) };
}
