import { LowdbStore } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/data-dir.js';
import { describeStoreContract } from './store.contract.js';

// The embedded store: one JSON file (and its outbox journal) in a fresh DATA_DIR per test.
describeStoreContract('lowdb', async () => {
  const store = await LowdbStore.open(await temporaryDataDir());
  return { contacts: store.contacts, tickets: store.tickets, notices: store.notices, destinations: store.destinations, seenInbound: store.seenInbound, concurrentUnits: false, close: () => store.close() };
});
