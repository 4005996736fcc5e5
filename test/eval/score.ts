import type { Answer } from '../../src/knowledge/index.js';

/** One question of a development or held-out set (both formats). */
export interface EvalItem {
  readonly id: string;
  readonly municipality: string;
  readonly question: string;
  readonly category?: string;
  readonly lang?: 'sv' | 'en';
  readonly expect?: readonly string[];
  readonly forbid?: readonly string[];
  /** The expected found flag; null means either is fine (only `forbid` applies then). */
  readonly found: boolean | null;
  /** The seed file that must be among the sources when found is true. */
  readonly file?: string;
}

export interface ItemResult {
  readonly problems: readonly string[];
  /** A source came from another municipality's document than the one the question is about. */
  readonly wrongMunicipality: boolean;
}

/**
 * Scores an answer as the sets describe it: the found flag as expected; when found, every `expect`
 * pattern matches the answer, `file` is among the sources and no source is another municipality's;
 * no `forbid` pattern matches; an English item is answered in English.
 */
export function scoreItem(item: EvalItem, answer: Answer, fileOf: ReadonlyMap<string, string>): ItemResult {
  const problems: string[] = [];
  const ownFile = item.file ?? fileOf.get(item.municipality);
  const foreign = answer.sources.filter((source) => source.municipality !== item.municipality || (ownFile !== undefined && source.file !== ownFile));
  if (item.found !== null && answer.found !== item.found) problems.push(`found ${answer.found}, expected ${item.found}`);
  if (answer.found && item.found !== false) {
    for (const pattern of item.expect ?? []) if (!new RegExp(pattern, 'iu').test(answer.answer)) problems.push(`expected /${pattern}/`);
    if (item.found === true && item.file && !answer.sources.some((source) => source.file === item.file)) problems.push(`${item.file} not among the sources`);
    if (foreign.length > 0) problems.push(`cites another municipality: ${[...new Set(foreign.map((source) => source.file))].join(', ')}`);
    if (item.lang && answer.language !== item.lang) problems.push(`answered in ${answer.language}, expected ${item.lang}`);
  }
  for (const pattern of item.forbid ?? []) if (new RegExp(pattern, 'iu').test(answer.answer)) problems.push(`forbidden /${pattern}/ matched`);
  return { problems, wrongMunicipality: answer.found && foreign.length > 0 };
}
