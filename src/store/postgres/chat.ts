import { actorKey, type Actor, type Destination, type DestinationRepository, type FeedbackEntry, type FeedbackRepository, type PreferenceRepository, type StaffChannelRepository, type UserPreferences } from '../../contacts/index.js';
import { recordSchemas } from '../schema.js';
import { docs, json, type Sql } from './sql.js';

/** What the bot keeps about chat users and conversations, on PostgreSQL. */
export function pgChatRepositories(sql: Sql): { preferences: PreferenceRepository; feedback: FeedbackRepository; destinations: DestinationRepository; staffChannels: StaffChannelRepository } {
  const putDestination = async (destination: Destination): Promise<void> => {
    const stored = { ...destination, municipality: destination.municipality ?? null, inactiveSince: destination.inactiveSince ?? null };
    await sql(
      `INSERT INTO destinations (key, platform, kind, municipality, installed_by, inactive, doc) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (key) DO UPDATE SET platform = EXCLUDED.platform, kind = EXCLUDED.kind, municipality = EXCLUDED.municipality, installed_by = EXCLUDED.installed_by, inactive = EXCLUDED.inactive, doc = EXCLUDED.doc`,
      [stored.key, stored.platform, stored.kind, stored.municipality, stored.installedBy, stored.inactiveSince !== null, json(stored)],
    );
  };
  return {
    preferences: {
      get: async (actor: Actor) => docs(recordSchemas.preferences, await sql('SELECT doc FROM preferences WHERE key = $1', [actorKey(actor)]), 'preferences')[0] as UserPreferences | undefined,
      set: async (actor: Actor, preferences: UserPreferences) => {
        await sql('INSERT INTO preferences (key, doc) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc', [actorKey(actor), json(preferences)]);
      },
    },
    feedback: {
      add: async (entry: FeedbackEntry) => {
        await sql('INSERT INTO feedback (municipality, doc) VALUES ($1, $2::jsonb)', [entry.municipality, json(entry)]);
      },
      list: async (filter = {}) =>
        docs(recordSchemas.feedback, await sql(filter.municipality === undefined ? 'SELECT doc FROM feedback ORDER BY seq' : 'SELECT doc FROM feedback WHERE municipality = $1 ORDER BY seq', filter.municipality === undefined ? [] : [filter.municipality]), 'feedback') as FeedbackEntry[],
    },
    destinations: {
      upsert: putDestination,
      remove: async (key: string) => (await sql('DELETE FROM destinations WHERE key = $1 RETURNING key', [key])).length > 0,
      get: async (key: string) => docs(recordSchemas.destination, await sql('SELECT doc FROM destinations WHERE key = $1', [key]), 'destinations')[0] as Destination | undefined,
      list: async (filter = {}) =>
        docs(recordSchemas.destination, await sql(filter.platform === undefined ? 'SELECT doc FROM destinations ORDER BY seq' : 'SELECT doc FROM destinations WHERE platform = $1 ORDER BY seq', filter.platform === undefined ? [] : [filter.platform]), 'destinations') as Destination[],
    },
    staffChannels: {
      get: async (municipality: string) => (await sql<{ destination_key: string }>('SELECT destination_key FROM staff_channels WHERE municipality = $1', [municipality]))[0]?.destination_key,
      set: async (municipality: string, destinationKey: string) => {
        await sql('INSERT INTO staff_channels (municipality, destination_key) VALUES ($1, $2) ON CONFLICT (municipality) DO UPDATE SET destination_key = EXCLUDED.destination_key', [municipality, destinationKey]);
      },
    },
  };
}
