import type { SeenInboundRepository } from '../../contacts/index.js';
import type { Sql } from './sql.js';

/** Expired keys are removed about once per this many first sightings, not on every request. */
const PRUNE_EVERY = 500;

/** The inbound memory shared by every instance on the database: one row per key, with its expiry. */
export class PgSeenInbound implements SeenInboundRepository {
  private sightings = 0;

  constructor(private readonly sql: Sql) {}

  /**
   * One statement: the insert wins for the first instance; a repeat updates nothing (and returns no
   * row) unless the key it finds has expired. The primary key settles two instances racing.
   */
  async firstTime(key: string, seen: { readonly now: Date; readonly expiresAt: Date }): Promise<boolean> {
    const now = seen.now.toISOString();
    const rows = await this.sql<{ key: string }>(
      `INSERT INTO seen_inbound (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE seen_inbound.expires_at <= $3 RETURNING key`,
      [key, seen.expiresAt.toISOString(), now],
    );
    if (rows.length > 0 && ++this.sightings % PRUNE_EVERY === 0) await this.sql('DELETE FROM seen_inbound WHERE expires_at <= $1', [now]);
    return rows.length > 0;
  }
}
