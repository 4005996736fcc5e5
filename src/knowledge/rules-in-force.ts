import type { Citation, NoticeRules, RuleOrigin } from './model.js';
import type { NoticeRuleDefaults } from './schema.js';

/** The notice rules a municipality's document states, each block with its citation. */
export interface StatedNoticeRules {
  planned?: { readonly rules: Partial<NoticeRuleDefaults['planned']>; readonly citation: Citation };
  disruption?: { readonly rules: Partial<NoticeRuleDefaults['disruption']>; readonly citation: Citation };
}

/** Each rule from the document where it states it, else the bot's default, marked with its origin. */
export function rulesInForce(municipalityId: string, defaults: NoticeRuleDefaults, stated: StatedNoticeRules): NoticeRules {
  const merge = <T extends object>(fallback: T, block: { readonly rules: Partial<T>; readonly citation: Citation } | undefined): T & { origin: { [K in keyof T]: RuleOrigin } } => {
    const values = { ...fallback } as T;
    const origin = {} as { [K in keyof T]: RuleOrigin };
    for (const key of Object.keys(fallback) as Array<keyof T>) {
      const value = block?.rules[key];
      if (value !== undefined) values[key] = value as T[keyof T];
      origin[key] = value !== undefined && block ? { from: 'document', citation: block.citation } : { from: 'default' };
    }
    return { ...values, origin };
  };
  return { municipalityId, planned: merge(defaults.planned, stated.planned), disruption: merge(defaults.disruption, stated.disruption) };
}
