import { describe, it } from 'vitest';
import { PgStore } from '../../src/store/index.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';
import { describeStoreContract } from './store.contract.js';

// The PostgreSQL store: each test in a schema of its own, dropped after it.
if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL;
  describeStoreContract('postgres', async () => {
    const schema = freshSchema();
    const store = await PgStore.open(url, { schema });
    return {
      contacts: store.contacts,
      tickets: store.tickets,
      notices: store.notices,
      destinations: store.destinations, seenInbound: store.seenInbound,
      concurrentUnits: true,
      async close() {
        await store.close();
        await dropSchemas(url, [schema]);
      },
    };
  });
} else {
  describe.skip('the store contract: postgres (ITKONTAKT_TEST_DATABASE_URL is not set)', () => {
    it.skip('needs PostgreSQL', () => undefined);
  });
}
