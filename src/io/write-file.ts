import {existsSync, mkdirSync, renameSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {UsageError} from '../errors.js';

/** Writes to a temporary file beside the target, then renames: a reader never sees half a file. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), {recursive: true});
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** A file the user asked for (a saved profile, an export): never overwritten without --force. */
export function writeUserFile(path: string, text: string, force: boolean, flag: string): void {
  if (existsSync(path) && !force)
    throw new UsageError(`${flag}: "${path}" already exists`, 'add --force to overwrite it');
  try {
    writeAtomic(path, text);
  } catch (error) {
    throw new UsageError(
      `${flag}: cannot write "${path}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'choose a path in a folder you can write to',
    );
  }
}
