import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveryId } from '../../src/notices/index.js';
import { recipientKey } from '../../src/outbound/index.js';
import { JOURNAL_FILE_NAME, LowdbStore, STORE_FILE_NAME } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/server.js';

const AT = '2026-11-25T09:00:00.000Z';
const NOTICE = 'GBG-DRIFT-2026-1';

/** An outbox row as versions before typed addresses wrote it: the address a prefixed or bare string. */
function oldRow(channel: 'chat' | 'email' | 'sms', recipient: string, address: string, status = 'sent') {
  return {
    id: deliveryId({ noticeId: NOTICE, revision: 1, purpose: 'publish', reminderHours: null, channel, recipient }),
    noticeId: NOTICE,
    municipality: 'goteborg',
    purpose: 'publish',
    revision: 1,
    reminderHours: null,
    channel,
    recipient,
    address,
    label: 'Anna',
    status,
    attempts: status === 'sent' ? 1 : 0,
    notBefore: AT,
    claimedUntil: null,
    lastError: null,
    sentAt: status === 'sent' ? AT : null,
    posted: status === 'sent' ? { conversationId: 'c', messageId: 'm' } : null,
    createdAt: AT,
  };
}

const oldNotice = {
  id: NOTICE,
  municipality: 'goteborg',
  kind: 'disruption',
  title: 'Treserva nere',
  systems: ['treserva'],
  description: 'Treserva svarar inte.',
  impact: 'Inga journaler.',
  window: null,
  state: 'investigating',
  exception: null,
  updates: [],
  sequence: 1,
  createdBy: 'staff',
  createdAt: AT,
  updatedAt: AT,
  publishedAt: AT,
  remindersDone: [],
  reportCards: [
    { target: 'destination:teams:tenant-1:19:staff@thread.tacv2', conversationId: '19:staff@thread.tacv2', messageId: '1' },
    { target: 'user:slack:T1:U-sara', conversationId: 'D-sara', messageId: '1700000000.1' },
  ],
  archivedReport: null,
  archivedAt: null,
};

describe('a data file written before typed addresses', () => {
  it('loads with every address typed, and its recipients keep their keys (so a fan-out again adds nothing)', async () => {
    const dataDir = await temporaryDataDir();
    const rows = [
      oldRow('chat', 'chat:destination:teams:tenant-1:19:drift@thread.tacv2', 'destination:teams:tenant-1:19:drift@thread.tacv2'),
      oldRow('chat', 'chat:destination:slack:T1:C-drift', 'destination:slack:T1:C-drift'),
      oldRow('chat', 'chat:destination:teams:-:a:conversation', 'destination:teams:-:a:conversation'),
      oldRow('chat', 'chat:user:slack:T1:U-anna', 'user:slack:T1:U-anna'),
      oldRow('chat', 'chat:user:teams:tenant-1:29:anna', 'user:teams:tenant-1:29:anna', 'failed'),
      oldRow('email', 'email:anna@omsorg.se', 'Anna@omsorg.se'),
      oldRow('sms', 'sms:+46701111111', '+46701111111', 'pending'),
    ];
    const file = {
      schemaVersion: 4,
      preferences: {},
      feedback: [],
      destinations: {},
      contacts: {},
      staff: {},
      registrations: {},
      audit: [],
      settings: { staffChannels: {} },
      tickets: {},
      outbox: {},
      notices: { [NOTICE]: oldNotice },
      noticeDeliveries: Object.fromEntries(rows.slice(0, 6).map((row) => [row.id, row])),
      subscriptions: {},
      counters: {},
      journalSeq: 0,
    };
    await writeFile(join(dataDir, STORE_FILE_NAME), JSON.stringify(file));
    // The last row was appended to the outbox journal, as the dispatcher does between whole writes.
    await writeFile(join(dataDir, JOURNAL_FILE_NAME), `${JSON.stringify({ seq: 1, delivery: rows[6] })}\n`);

    const store = await LowdbStore.open(dataDir);
    try {
      const loaded = await store.notices.deliveries(NOTICE);
      const byId = new Map(loaded.map((delivery) => [delivery.id, delivery.address]));
      expect(rows.map((row) => byId.get(row.id))).toEqual([
        { kind: 'teams', tenantId: 'tenant-1', conversationId: '19:drift@thread.tacv2' },
        { kind: 'slack', teamId: 'T1', channelId: 'C-drift' },
        { kind: 'teams', tenantId: null, conversationId: 'a:conversation' },
        { kind: 'slack-user', teamId: 'T1', userId: 'U-anna' },
        { kind: 'teams-user', tenantId: 'tenant-1', userId: '29:anna' },
        { kind: 'email', email: 'Anna@omsorg.se' },
        { kind: 'sms', phone: '+46701111111' },
      ]);
      // The key a fan-out would make from the typed address is the one stored: the same ids, no duplicates.
      for (const delivery of loaded) expect(recipientKey(delivery.address)).toBe(delivery.recipient);
      expect((await store.notices.notice(NOTICE))?.reportCards.map((card) => card.target)).toEqual([
        { kind: 'teams', tenantId: 'tenant-1', conversationId: '19:staff@thread.tacv2' },
        { kind: 'slack-user', teamId: 'T1', userId: 'U-sara' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses an address it cannot read, naming where, and leaves the file as it was', async () => {
    const dataDir = await temporaryDataDir();
    const row = oldRow('chat', 'chat:somewhere', 'somewhere:else');
    const file = { schemaVersion: 4, preferences: {}, feedback: [], destinations: {}, contacts: {}, staff: {}, registrations: {}, audit: [], settings: { staffChannels: {} }, tickets: {}, outbox: {}, notices: {}, noticeDeliveries: { [row.id]: row }, subscriptions: {}, counters: {}, journalSeq: 0 };
    const text = JSON.stringify(file);
    await writeFile(join(dataDir, STORE_FILE_NAME), text);
    await expect(LowdbStore.open(dataDir)).rejects.toThrow(/skadad vid noticeDeliveries\..*\.address/u);
    expect(await readFile(join(dataDir, STORE_FILE_NAME), 'utf8')).toBe(text);
  });
});
