// Child process for the crash-safety test: writes to the store as fast as it can until killed.
import { LowdbStore } from '../../src/store/index.js';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: store-writer <dataDir>');
const store = await LowdbStore.open(dataDir);
process.stdout.write('ready\n');
for (let index = 0; ; index += 1) {
  await store.feedback.add({ kind: 'vote', at: new Date().toISOString(), platform: 'console', helpful: index % 2 === 0, question: `fråga ${index} ${'x'.repeat(200)}`, municipality: 'goteborg', answerId: null });
}
