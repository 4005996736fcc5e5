import { actorKey, type Actor, type Destination, type DestinationRepository, type FeedbackEntry, type FeedbackRepository, type PreferenceRepository, type StaffChannelRepository, type UserPreferences } from '../contacts/index.js';
import type { StoreData } from './schema.js';

/** What the small repositories need of the embedded store: its data, and a change written whole. */
export interface StoreFile {
  read(): Readonly<StoreData>;
  update<T>(change: (data: StoreData) => T): Promise<T>;
}

/*
 * The embedded store's repositories of single records (preferences, feedback, chat destinations,
 * staff channels): each a read of the data or one change of it, with no unit of work of its own.
 */

export function preferenceRepository(file: StoreFile): PreferenceRepository {
  return {
    get: async (actor: Actor) => file.read().preferences[actorKey(actor)],
    set: async (actor: Actor, preferences: UserPreferences) => {
      await file.update((data) => {
        data.preferences[actorKey(actor)] = preferences;
      });
    },
  };
}

export function feedbackRepository(file: StoreFile): FeedbackRepository {
  return {
    add: async (entry: FeedbackEntry) => {
      await file.update((data) => {
        data.feedback.push(entry);
      });
    },
    list: async (filter = {}) => file.read().feedback.filter((entry) => filter.municipality === undefined || entry.municipality === filter.municipality),
  };
}

export function destinationRepository(file: StoreFile): DestinationRepository {
  return {
    upsert: async (destination: Destination) => {
      await file.update((data) => {
        data.destinations[destination.key] = { ...destination, municipality: destination.municipality ?? null, inactiveSince: destination.inactiveSince ?? null };
      });
    },
    remove: async (key: string) =>
      file.update((data) => {
        const existed = key in data.destinations;
        delete data.destinations[key];
        return existed;
      }),
    get: async (key: string) => file.read().destinations[key] as Destination | undefined,
    list: async (filter = {}) => Object.values(file.read().destinations).filter((destination) => filter.platform === undefined || destination.platform === filter.platform) as Destination[],
  };
}

export function staffChannelRepository(file: StoreFile): StaffChannelRepository {
  return {
    get: async (municipality: string) => file.read().settings.staffChannels[municipality],
    set: async (municipality: string, destinationKey: string) => {
      await file.update((data) => {
        data.settings.staffChannels[municipality] = destinationKey;
      });
    },
  };
}
