import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { appendFile, stat, truncate } from 'node:fs/promises';
import { BotError } from '../errors/index.js';
import { noticeDeliverySchema, type StoredDelivery } from './schema.js';

/**
 * The outbox journal: notice deliveries written since the store file was last written whole, one
 * line each, `{"seq":n,"delivery":{…}}`.
 *
 * Why: during a fan-out nearly every write changes only outbox rows (a claim, a batch of outcomes),
 * and rewriting the whole store file for each costs time that grows with the outbox (about 9 MB
 * for 10 000 rows). Those writes append their rows here instead; any other write rewrites the file
 * with every row in it, records the last sequence number it holds (`journalSeq`), and empties the
 * journal. A reader applies the lines after that number on top of the file.
 *
 * Sequence numbers are taken under the store lock, one after another, so the lines of a journal are
 * consecutive: a reader that continues from where it stopped and does not find the next number
 * (the journal was emptied and written again meanwhile) reads it again from the start.
 *
 * A writer killed mid-append leaves a line without its newline: readers ignore it, and the next
 * append (under the lock) cuts it off first.
 */
export class DeliveryJournal {
  /** Bytes of whole lines read so far. */
  private offset = 0;
  private inode = -1;
  /** The last sequence number seen: in the journal, or recorded in the store file. */
  private lastSeq = 0;

  constructor(readonly path: string) {}

  /** Bytes in the journal (whole lines), to decide when to fold it into the store file. */
  get bytes(): number {
    return this.offset;
  }

  /** The sequence number of the last row, to record in the store file when it is written whole. */
  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Applies the rows written since the last call, or, with `fromStart` (the store file was just
   * read again), every row after `baseSeq`, the number recorded in that file.
   */
  replay(baseSeq: number, apply: (delivery: StoredDelivery) => void, options: { fromStart: boolean }): void {
    if (options.fromStart) {
      this.offset = 0;
      this.lastSeq = baseSeq;
    }
    const tail = this.readFrom(this.offset);
    if (tail === undefined) {
      // No journal (never written, or removed by hand): the store file holds everything.
      this.offset = 0;
      this.inode = -1;
      return;
    }
    const continuing = !options.fromStart && !tail.shrunk && tail.inode === this.inode;
    const lines = continuing ? this.parse(tail.text, this.offset) : undefined;
    if (continuing && lines !== undefined && (lines.length === 0 || lines[0]!.seq === this.lastSeq + 1)) {
      this.applyLines(lines, baseSeq, apply);
      this.offset += tail.wholeBytes;
      return;
    }
    // Emptied and written again since we last looked (or first read): from the start.
    const all = options.fromStart ? tail : this.readFrom(0);
    if (all === undefined) return;
    const parsed = this.parse(all.text, 0);
    if (parsed === undefined) throw this.corrupt(0);
    this.applyLines(parsed, baseSeq, apply);
    this.offset = all.wholeBytes;
    this.inode = all.inode;
  }

  /** Appends rows; call under the store lock, after replay() brought this process up to date. */
  async append(rows: readonly StoredDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    let text = '';
    for (const row of rows) text += `{"seq":${++this.lastSeq},"delivery":${JSON.stringify(row)}}\n`;
    await this.cutOffPartialLine();
    await appendFile(this.path, text);
    this.offset += Buffer.byteLength(text);
    this.inode = (await stat(this.path)).ino;
  }

  /** Whether the journal on disk is just as this process last read or wrote it (a stat, no read). */
  isCurrent(): boolean {
    try {
      const stats = statSync(this.path);
      return stats.ino === this.inode && stats.size === this.offset;
    } catch {
      return this.inode === -1;
    }
  }

  /** Empties the journal once the store file holds all its rows (and records `seq`). */
  async clear(): Promise<void> {
    try {
      await truncate(this.path, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.offset = 0;
  }

  private async cutOffPartialLine(): Promise<void> {
    try {
      if ((await stat(this.path)).size > this.offset) await truncate(this.path, this.offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private applyLines(lines: ReadonlyArray<{ seq: number; delivery: StoredDelivery }>, baseSeq: number, apply: (delivery: StoredDelivery) => void): void {
    for (const line of lines) {
      this.lastSeq = Math.max(this.lastSeq, line.seq);
      if (line.seq > baseSeq) apply(line.delivery);
    }
  }

  /**
   * The journal from byte `from` up to its last newline, or undefined when there is no journal.
   * `shrunk`: it is shorter than `from`, so it was emptied since (the caller reads it from the start).
   */
  private readFrom(from: number): { text: string; wholeBytes: number; inode: number; shrunk: boolean } | undefined {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const stats = fstatSync(fd);
      const start = stats.size < from ? stats.size : from;
      const buffer = Buffer.alloc(stats.size - start);
      let read = 0;
      while (read < buffer.length) {
        const count = readSync(fd, buffer, read, buffer.length - read, start + read);
        if (count === 0) break;
        read += count;
      }
      const wholeBytes = buffer.subarray(0, read).lastIndexOf(0x0a) + 1;
      return { text: buffer.subarray(0, wholeBytes).toString('utf8'), wholeBytes, inode: stats.ino, shrunk: stats.size < from };
    } finally {
      closeSync(fd);
    }
  }

  /** Parses whole lines; undefined when they do not parse (read from the middle of a line). */
  private parse(text: string, at: number): Array<{ seq: number; delivery: StoredDelivery }> | undefined {
    const lines: Array<{ seq: number; delivery: StoredDelivery }> = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      let entry: { seq?: unknown; delivery?: unknown } | undefined;
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        entry = undefined;
      }
      const delivery = noticeDeliverySchema.safeParse(entry?.delivery);
      if (typeof entry?.seq !== 'number' || !delivery.success) {
        // Only a read from the start of the journal is sure to begin at a line.
        if (at === 0) throw this.corrupt(lines.length + 1);
        return undefined;
      }
      lines.push({ seq: entry.seq, delivery: delivery.data });
    }
    return lines;
  }

  private corrupt(line: number): BotError {
    return new BotError('STORE_CORRUPT', `Utskicksjournalen ${this.path} är skadad (rad ${line}). Den har inte ändrats; återställ datakatalogen från backup.`);
  }
}
