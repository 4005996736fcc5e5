import type { Answer, Language } from '../knowledge/index.js';

export interface MunicipalityChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * What the bot says, platform-neutral. Each adapter renders these in its platform's native form
 * (Adaptive Cards, Block Kit, plain text); the texts of headings and buttons live in ./texts.ts so
 * every platform says the same thing.
 */
export type Reply =
  | { readonly kind: 'answer'; readonly language: Language; readonly question: string; readonly answer: Answer }
  | { readonly kind: 'help'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly municipalities: readonly MunicipalityChoice[] }
  | { readonly kind: 'welcome'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly municipalities: readonly MunicipalityChoice[] }
  | { readonly kind: 'choose-municipality'; readonly language: Language; readonly municipalities: readonly MunicipalityChoice[]; readonly unknown?: string | undefined }
  | { readonly kind: 'municipality-set'; readonly language: Language; readonly municipality: MunicipalityChoice }
  | { readonly kind: 'feedback-recorded'; readonly language: Language; readonly helpful: boolean }
  | { readonly kind: 'coming-soon'; readonly language: Language; readonly feature: 'tickets' | 'notices' | 'registration' };
