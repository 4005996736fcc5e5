import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const createdDataDirs: string[] = [];

/** Removes the DATA_DIRs made so far (test/support/cleanup.ts does, after each test file). */
export function removeTemporaryDataDirs(): void {
  for (const directory of createdDataDirs.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/** A fresh temporary DATA_DIR, removed after the test file that made it. */
export async function temporaryDataDir(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'itkontakt-data-'));
  createdDataDirs.push(directory);
  return directory;
}
