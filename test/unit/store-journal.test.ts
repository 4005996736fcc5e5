import { spawn } from 'node:child_process';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBotError } from '../../src/errors/index.js';
import { JOURNAL_FILE_NAME, LowdbStore, STORE_FILE_NAME } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/server.js';
import { outboxRow } from '../support/store-delivery.js';

const journalLines = async (dataDir: string): Promise<string[]> => (await readFile(join(dataDir, JOURNAL_FILE_NAME), 'utf8')).split('\n').filter(Boolean);
const storeFile = (dataDir: string): Promise<string> => readFile(join(dataDir, STORE_FILE_NAME), 'utf8');

function putRows(store: LowdbStore, rows: ReturnType<typeof outboxRow>[]): Promise<void> {
  return store.notices.write(async (transaction) => transaction.putDeliveries(rows));
}

function attemptsOf(store: LowdbStore): Record<string, number> {
  return Object.fromEntries(Object.values(store.read().noticeDeliveries).map((row) => [row.recipient, row.attempts]));
}

describe('the outbox journal', () => {
  it('takes writes of outbox rows only, leaving the store file as it was; a reopen sees them', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    const before = await storeFile(dataDir);
    await putRows(store, [outboxRow(1), outboxRow(2)]);
    await putRows(store, [outboxRow(1, 1)]);
    expect(await storeFile(dataDir)).toBe(before);
    expect((await journalLines(dataDir)).map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3]);
    const reopened = await LowdbStore.open(dataDir);
    expect(attemptsOf(reopened)).toEqual({ 'contact-1': 1, 'contact-2': 0 });
  });

  it('a write of anything else folds the journal into the file and empties it', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    await putRows(store, [outboxRow(1), outboxRow(2, 3)]);
    await store.staffChannels.set('goteborg', 'teams:staff');
    expect(await journalLines(dataDir)).toEqual([]);
    const onDisk = JSON.parse(await storeFile(dataDir));
    expect(onDisk.journalSeq).toBe(2);
    expect(onDisk.noticeDeliveries['GBG-DRIFT-2026-1:publish:2'].attempts).toBe(3);
    // Numbering goes on after the fold, and a reopen applies only what came after it.
    await putRows(store, [outboxRow(2, 4)]);
    expect(JSON.parse((await journalLines(dataDir))[0]!).seq).toBe(3);
    expect(attemptsOf(await LowdbStore.open(dataDir))).toEqual({ 'contact-1': 0, 'contact-2': 4 });
  });

  it('a unit of work that changes nothing writes nothing (a poll of an empty outbox)', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    const before = await stat(join(dataDir, STORE_FILE_NAME));
    expect(await store.tickets.write(async (transaction) => (await transaction.findTickets({})).length)).toBe(0);
    await store.notices.write(async (transaction) => (await transaction.dueDeliveries({ now: new Date(), channels: ['chat', 'email', 'sms'], excluding: new Set(), limitPerChannel: 10 })).length);
    await store.contacts.write(async (transaction) => (await transaction.findContacts({})).length);
    const after = await stat(join(dataDir, STORE_FILE_NAME));
    // lowdb writes a new file and renames it over the old one: a write would show as a new inode.
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    await expect(stat(join(dataDir, JOURNAL_FILE_NAME))).rejects.toThrow(/ENOENT/u);
  });

  it('a notice change that also takes a number or writes the audit log is not journalled', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    await store.notices.write(async (transaction) => {
      await transaction.putDeliveries([outboxRow(1)]);
      await transaction.nextNumber('GBG-DRIFT-2026');
    });
    expect(JSON.parse(await storeFile(dataDir)).counters).toEqual({ 'GBG-DRIFT-2026': 1 });
    await expect(stat(join(dataDir, JOURNAL_FILE_NAME))).rejects.toThrow(/ENOENT/u);
  });

  it('another process sees journalled rows at its next read, and its own writes keep them', async () => {
    const dataDir = await temporaryDataDir();
    const server = await LowdbStore.open(dataDir);
    const cli = await LowdbStore.open(dataDir);
    await putRows(server, [outboxRow(1), outboxRow(2)]);
    expect(attemptsOf(cli)).toEqual({ 'contact-1': 0, 'contact-2': 0 });
    await putRows(server, [outboxRow(1, 1)]);
    expect(attemptsOf(cli)).toEqual({ 'contact-1': 1, 'contact-2': 0 });
    // The other process journals too, numbering after what the first wrote.
    await putRows(cli, [outboxRow(3)]);
    expect((await journalLines(dataDir)).map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3, 4]);
    expect(attemptsOf(server)).toEqual({ 'contact-1': 1, 'contact-2': 0, 'contact-3': 0 });
  });

  it("answers a thread's rows from what another process journalled and what a unit of work removed", async () => {
    const dataDir = await temporaryDataDir();
    const server = await LowdbStore.open(dataDir);
    const cli = await LowdbStore.open(dataDir);
    const thread = (index: number) => ({ noticeId: 'GBG-DRIFT-2026-1', recipient: `contact-${index}` });
    const sentTo = async (store: LowdbStore, index: number): Promise<string[]> => (await store.notices.sentInThreads([thread(index)])).map((row) => row.id);
    const firstDue = async (store: LowdbStore): Promise<string[]> =>
      store.notices.write(async (transaction) => (await transaction.claimDeliveries([outboxRow(1).id, outboxRow(2).id, outboxRow(4).id], { now: new Date('2026-11-25T10:00:00Z'), claimedUntil: '2026-11-25T10:01:00Z' })).map((row) => row.recipient));
    await putRows(server, [outboxRow(1), outboxRow(2, 1)]);
    // The server has asked about its threads (so its index exists) before the CLI journals more.
    expect(await sentTo(server, 1)).toEqual([]);
    expect(await sentTo(server, 2)).toEqual([outboxRow(2).id]);
    await putRows(cli, [outboxRow(1, 1), outboxRow(4)]);
    expect(await sentTo(server, 1)).toEqual([outboxRow(1).id]);
    // Row 4 came by the journal only: the server's claim must find it first of its thread.
    expect(await firstDue(server)).toEqual(['contact-4']);
    await server.notices.write((transaction) => transaction.removeDeliveries([outboxRow(1).id]));
    expect(await sentTo(server, 1)).toEqual([]);
    expect(await sentTo(cli, 1)).toEqual([]);
  });

  it('a reader whose place in the journal was emptied and written past reads it from the start', async () => {
    const dataDir = await temporaryDataDir();
    const reader = await LowdbStore.open(dataDir);
    const writer = await LowdbStore.open(dataDir);
    await putRows(writer, [outboxRow(1)]);
    expect(attemptsOf(reader)).toEqual({ 'contact-1': 0 });
    // The writer folds the journal into the file, then journals more than the reader had read.
    await writer.staffChannels.set('goteborg', 'teams:staff');
    await putRows(writer, [outboxRow(1, 2), outboxRow(2, 1), outboxRow(3, 1)]);
    expect(attemptsOf(reader)).toEqual({ 'contact-1': 2, 'contact-2': 1, 'contact-3': 1 });
  });

  it('ignores a line a killed writer left half-written, and the next write cuts it off', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    await putRows(store, [outboxRow(1)]);
    await appendFile(join(dataDir, JOURNAL_FILE_NAME), '{"seq":2,"delivery":{"id":"GBG-DRIFT-2026-1:pub');
    const reopened = await LowdbStore.open(dataDir);
    expect(attemptsOf(reopened)).toEqual({ 'contact-1': 0 });
    await putRows(reopened, [outboxRow(1, 1)]);
    const lines = await journalLines(dataDir);
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual([1, 2]);
    expect(attemptsOf(await LowdbStore.open(dataDir))).toEqual({ 'contact-1': 1 });
  });

  it('refuses a journal line that is not an outbox row, and leaves the journal as it was', async () => {
    const dataDir = await temporaryDataDir();
    await LowdbStore.open(dataDir);
    const broken = '{"seq":1,"delivery":{"id":"x","status":"maybe"}}\n';
    await appendFile(join(dataDir, JOURNAL_FILE_NAME), broken);
    let error: unknown;
    try {
      await LowdbStore.open(dataDir);
    } catch (caught) {
      error = caught;
    }
    expect(isBotError(error) && error.code).toBe('STORE_CORRUPT');
    expect((error as Error).message).toMatch(/Utskicksjournalen .* \(rad 1\)/u);
    expect(await readFile(join(dataDir, JOURNAL_FILE_NAME), 'utf8')).toBe(broken);
  });

  it('keeps every row a killed writer had stored', async () => {
    const dataDir = await temporaryDataDir();
    const writer = fileURLToPath(new URL('../support/store-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, 'deliveries'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const stored = Math.max(0, ...[...output.matchAll(/stored (\d+)/gu)].map((match) => Number(match[1])));
    expect(stored).toBeGreaterThan(0);
    const attempts = attemptsOf(await LowdbStore.open(dataDir));
    for (let index = 0; index < stored; index += 1) expect(attempts[`contact-${index}`], `row ${index}`).toBe(1);
  });
});
