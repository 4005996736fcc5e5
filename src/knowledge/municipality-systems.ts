import type { KnowledgeBase } from './model.js';
import type { SystemEntry } from './schema.js';

const byName = new Intl.Collator('sv');

/**
 * The systems a municipality's own file names (its requirements' `systems`), by name: what its
 * staff can announce an outage of. Another municipality's systems are not theirs to announce.
 */
export function municipalitySystems(knowledge: Pick<KnowledgeBase, 'records' | 'systems'>, municipalityId: string): SystemEntry[] {
  const named = new Set(knowledge.records.filter((record) => record.municipalityId === municipalityId).flatMap((record) => record.systems));
  return knowledge.systems.filter((system) => named.has(system.id)).sort((a, b) => byName.compare(a.name, b.name));
}
