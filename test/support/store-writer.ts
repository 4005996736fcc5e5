// Child process for the crash-safety tests: writes to the store as fast as it can until killed.
// `feedback`: whole-file writes. `deliveries`: outbox rows only (the journal), printing after each
// write the number of rows that write has stored, so the test knows what must survive the kill.
import { LowdbStore } from '../../src/store/index.js';
import { outboxRow } from './store-delivery.js';

const [dataDir, mode = 'feedback'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: store-writer <dataDir> [feedback|deliveries]');
const store = await LowdbStore.open(dataDir);
process.stdout.write('ready\n');
for (let index = 0; ; index += 1) {
  if (mode === 'deliveries') {
    // Each row is first written pending, then sent: two journal lines a row.
    await store.notices.write(async (transaction) => transaction.putDeliveries([outboxRow(index, 0)]));
    await store.notices.write(async (transaction) => transaction.putDeliveries([outboxRow(index, 1)]));
    process.stdout.write(`stored ${index + 1}\n`);
  } else {
    await store.feedback.add({ kind: 'vote', at: new Date().toISOString(), platform: 'console', helpful: index % 2 === 0, question: `fråga ${index} ${'x'.repeat(200)}`, municipality: 'goteborg', answerId: null });
  }
}
