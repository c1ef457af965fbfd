/**
 * `--roster PATH` (usage.md, "Rosters"): a OneRoster CSV folder (1.1 or 1.2;
 * Microsoft SDS v2/v2.1 folders too) or a simple CSV file.
 */
import { stat } from 'node:fs/promises';
import { inputError } from '../../model/errors.js';
import type { Roster } from './model.js';
import { readRosterFolder } from './oneroster.js';
import { readSimpleRoster } from './simple.js';

export type { Roster, RosterKind } from './model.js';

/**
 * Loads a roster: a folder is read as OneRoster CSV (or SDS v2/v2.1), a file as
 * the simple `user_id,role,school_id,grade` CSV. Problems are input errors
 * naming file:line:column and what was expected, never a user's id, email or name.
 */
export async function loadRoster(path: string): Promise<Roster> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw inputError({ file: path, message: code === 'ENOENT' ? 'roster not found' : `roster cannot be read (${code ?? 'error'})` });
  }
  return isDir ? readRosterFolder(path, path) : readSimpleRoster(path, path);
}
