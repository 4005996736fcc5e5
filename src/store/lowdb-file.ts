import type { Stats } from 'node:fs';
import { BotError } from '../errors/index.js';
import { migrate, type StoreData } from './schema.js';

/** Which write of the store file is on disk: a change by any process changes one of these. */
export interface FileVersion {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
}

export const versionOf = (stats: Stats): FileVersion => ({ mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino });
export const sameVersion = (a: FileVersion | undefined, b: FileVersion | undefined): boolean => a !== undefined && b !== undefined && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

/** The store file's data, brought to the current schema; a clear error when it is not JSON. */
export function parseStoreFile(raw: string, path: string): { data: StoreData; migrated: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BotError('STORE_CORRUPT', `Datafilen ${path} är inte giltig JSON. Den har inte ändrats; återställ den från backup eller flytta den åt sidan för att börja om.`);
  }
  return migrate(parsed, path);
}
