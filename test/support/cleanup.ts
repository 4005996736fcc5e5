// Setup file (test/vitest.config.ts): each test file's temporary DATA_DIRs go when it is done.
import { afterAll } from 'vitest';
import { removeTemporaryDataDirs } from './data-dir.js';

afterAll(() => removeTemporaryDataDirs());
