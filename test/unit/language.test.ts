import { describe, expect, it } from 'vitest';
import { fieldErrorTexts, parseCommand, type BotAction, type ConversationRef, type Reply } from '../../src/bot/index.js';
import type { FieldError, FieldErrorCode, FieldErrorParams } from '../../src/errors/index.js';
import type { Actor } from '../../src/contacts/index.js';
import { actorOfKey, languageOfLocale, preferenceAfter, replyLanguage } from '../../src/bot/language.js';
import { bilingual, languageEvidence } from '../../src/knowledge/index.js';
import { openTestBot } from '../support/bot.js';

const actor: Actor = { platform: 'slack', userId: 'U-LANG', tenantId: 'T1' };
const conversation: ConversationRef = { platform: 'slack', id: 'D-LANG', kind: 'personal', tenantId: 'T1' };

describe('what shows a language', () => {
  it.each([
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['sv-SE', 'sv'],
    ['SV', 'sv'],
    ['de-DE', undefined],
    [undefined, undefined],
  ] as const)('the locale %s is %s', (locale, language) => {
    expect(languageOfLocale(locale)).toBe(language);
  });

  it('a message with no telling words shows nothing; one with them shows its language', () => {
    expect(languageEvidence('SITHS?')).toBeUndefined();
    expect(languageEvidence('What are the password rules?')).toBe('en');
    expect(languageEvidence('Vad gäller för lösenord?')).toBe('sv');
  });

  it('Swedish typed without å-ä-ö is Swedish, though "for" is an English word too', () => {
    expect(languageEvidence('nar upprattades orebros rutin for sithskort o lifecare sp forsta gangen')).toBe('sv');
    expect(languageEvidence('vad galler for losenord')).toBe('sv');
    expect(languageEvidence('Password rules for Lifecare?')).toBe('en');
    expect(languageEvidence('Is there a form for new users?')).toBe('en');
  });

  it('reads an actor key back, also a Teams user id with colons and no tenant', () => {
    expect(actorOfKey('teams:tenant-1:29:abc')).toEqual({ platform: 'teams', tenantId: 'tenant-1', userId: '29:abc' });
    expect(actorOfKey('slack:-:U1')).toEqual({ platform: 'slack', tenantId: undefined, userId: 'U1' });
    expect(actorOfKey('email:x')).toBeUndefined();
  });
});

describe('which language wins', () => {
  it('a choice is never undone by detection or locale; a choice replaces a choice', () => {
    const chosen = { language: 'sv', source: 'chosen' } as const;
    expect(preferenceAfter(chosen, { language: 'en', source: 'detected' })).toEqual(chosen);
    expect(preferenceAfter(chosen, { language: 'en', source: 'locale' })).toEqual(chosen);
    expect(preferenceAfter(chosen, { language: 'en', source: 'chosen' })).toEqual({ language: 'en', source: 'chosen' });
  });

  it('what messages show outranks the locale, and the latest message wins over earlier ones', () => {
    const detected = { language: 'en', source: 'detected' } as const;
    expect(preferenceAfter(detected, { language: 'sv', source: 'locale' })).toEqual(detected);
    expect(preferenceAfter({ language: 'sv', source: 'locale' }, detected)).toEqual(detected);
    expect(preferenceAfter(detected, { language: 'sv', source: 'detected' })).toEqual({ language: 'sv', source: 'detected' });
    expect(preferenceAfter(undefined, { language: 'en', source: 'locale' })).toEqual({ language: 'en', source: 'locale' });
  });

  it('a reply follows the choice, else the message, else what is stored, else Swedish', () => {
    expect(replyLanguage({ language: 'sv', source: 'chosen' }, 'en')).toBe('sv');
    expect(replyLanguage({ language: 'sv', source: 'detected' }, 'en')).toBe('en');
    expect(replyLanguage({ language: 'en', source: 'locale' }, undefined)).toBe('en');
    expect(replyLanguage(undefined, undefined)).toBe('sv');
  });
});

describe('the language commands', () => {
  it.each([
    ['språk engelska', 'sv', 'en'],
    ['sprak engelska', 'sv', 'en'],
    ['language swedish', 'en', 'sv'],
    ['language english', 'en', 'en'],
    ['språk svenska', 'sv', 'sv'],
    ['Language: English', undefined, undefined],
    ['språk', 'sv', null],
    ['language klingon', 'en', undefined],
  ] as const)('"%s"', (text, said, choice) => {
    const command = parseCommand(text);
    if (said === undefined) return expect(command.type).toBe('question');
    expect(command).toEqual({ type: 'language', language: said, choice });
  });
});

describe('a user’s language in the bot', () => {
  const say = async (bot: Awaited<ReturnType<typeof openTestBot>>['bot'], text: string, who: Actor = actor): Promise<Reply[]> => bot.handle({ kind: 'message', actor: who, conversation, text });

  it('is learnt from their messages, used where a message shows none, and kept over a restart', async () => {
    const first = await openTestBot();
    expect((await say(first.bot, 'What are the password rules?'))[0]?.language).toBe('en');
    // No telling words: the language known of them, not Swedish by default.
    expect((await say(first.bot, 'SITHS?'))[0]?.language).toBe('en');
    expect(await first.bot.languages.of(actor)).toBe('en');
    await first.store.close();
    const again = await openTestBot(first.dataDir);
    expect(await again.bot.languages.of(actor)).toBe('en');
    expect((await say(again.bot, 'hjälp'))[0]?.language).toBe('sv');
    expect(await again.bot.languages.of(actor)).toBe('sv');
    await again.store.close();
  });

  it('an explicit choice wins over what later messages show, and is confirmed in the new language', async () => {
    const { bot, store, dataDir } = await openTestBot();
    const [confirmed] = await say(bot, 'language swedish');
    expect(confirmed).toEqual({ kind: 'language', language: 'sv', changed: true });
    const [answer] = await say(bot, 'What are the password rules?');
    expect(answer).toMatchObject({ kind: 'answer', language: 'sv' });
    expect((await say(bot, 'help'))[0]?.language).toBe('sv');
    const [english] = await say(bot, 'språk engelska');
    expect(english).toEqual({ kind: 'language', language: 'en', changed: true });
    expect((await say(bot, 'Vad gäller för lösenord?'))[0]?.language).toBe('en');
    const [current] = await say(bot, 'språk');
    expect(current).toEqual({ kind: 'language', language: 'en', changed: false });
    await store.close();
    const restarted = await openTestBot(dataDir);
    expect((await say(restarted.bot, 'Vad gäller för lösenord?'))[0]?.language).toBe('en');
    await restarted.store.close();
  });

  it('an unknown language name is answered with what to type', async () => {
    const { bot, store } = await openTestBot();
    const [reply] = await say(bot, 'language klingon');
    expect(reply).toMatchObject({ kind: 'error', language: 'en', message: expect.stringContaining('language english') });
    await store.close();
  });

  it('the client’s locale counts until a message shows otherwise', async () => {
    const { bot, store } = await openTestBot();
    const english: Actor = { ...actor, userId: 'U-LOCALE', locale: 'en-US' };
    const [welcome] = await bot.handle({ kind: 'installed', actor: english, conversation: { ...conversation, id: 'D-LOCALE' } });
    expect(welcome).toMatchObject({ kind: 'welcome', language: 'en' });
    expect(await bot.languages.of(english)).toBe('en');
    expect((await say(bot, 'SITHS?', english))[0]?.language).toBe('en');
    expect((await say(bot, 'Vad gäller för lösenord?', english))[0]?.language).toBe('sv');
    // The locale again (every activity carries it) does not undo what the message showed.
    expect((await say(bot, 'SITHS?', english))[0]?.language).toBe('sv');
    await store.close();
  });

  it('a municipality’s name alone says nothing of the language', async () => {
    const { bot, store } = await openTestBot();
    await say(bot, 'What are the password rules?');
    await say(bot, 'Göteborg');
    expect(await bot.languages.of(actor)).toBe('en');
    await store.close();
  });
});

describe('refusals are worded by the bot, from the service’s reason', () => {
  it('the ticket service says why with data, not a sentence; the bot says it in the user’s language', async () => {
    const { bot, store } = await openTestBot();
    const [english] = await bot.handle({ kind: 'message', actor, conversation, text: 'reply GBG-2026-9999 any news?' });
    expect(english).toEqual({ kind: 'error', language: 'en', message: 'No ticket with id GBG-2026-9999.' });
    const [swedish] = await bot.handle({ kind: 'message', actor, conversation, text: 'svara GBG-2026-9999 något nytt?' });
    expect(swedish).toEqual({ kind: 'error', language: 'sv', message: 'Inget ärende med id GBG-2026-9999.' });
    await store.close();
  });

  it('the registry too: its refusals and a registration form’s field errors come in the language of the card', async () => {
    const { bot, store } = await openTestBot();
    const act = (action: BotAction, language: 'sv' | 'en') => bot.handle({ kind: 'action', actor, conversation, action, language });
    const decide: BotAction = { type: 'decide-registration', requestId: 'r-nope', approve: true };
    expect(await act(decide, 'en')).toEqual([{ kind: 'error', language: 'en', message: 'No application with id r-nope.' }]);
    expect(await act(decide, 'sv')).toEqual([{ kind: 'error', language: 'sv', message: 'Ingen ansökan med id r-nope.' }]);
    const values = { municipality: 'goteborg', providerName: 'Care West Ltd', orgNumber: '556036-0794', name: 'Emma', email: 'emma@carewest.se', phone: '12345' };
    const [english] = await act({ type: 'submit-registration', values }, 'en');
    expect(english).toMatchObject({
      kind: 'registration-form',
      language: 'en',
      errors: [
        { field: 'orgNumber', message: 'The organisation number must be 10 digits (NNNNNN-NNNN) with the right check digit' },
        { field: 'phone', message: 'The phone number must be a Swedish number, e.g. 070-123 45 67' },
      ],
    });
    const [swedish] = await act({ type: 'submit-registration', values: { ...values, name: '' } }, 'sv');
    expect(swedish).toMatchObject({ kind: 'registration-form', language: 'sv', errors: expect.arrayContaining([{ field: 'name', message: 'Namn saknas' }]) });
    await store.close();
  });
});

describe('field errors', () => {
  // Every code with sample params: a code added without a sample here does not compile.
  const samples: { readonly [C in FieldErrorCode]: FieldErrorParams[C] } = {
    required: { label: { sv: 'Namn', en: 'Name' } },
    'too-long': { max: 300 },
    'not-one-line': {},
    'hidden-character': { character: 'U+001B' },
    email: {},
    phone: {},
    'org-number': {},
    language: {},
    'personnummer-format': {},
    'personnummer-invalid': {},
    'hsa-id': {},
    'hsa-id-org-digits': {},
    'hsa-id-hyphen': {},
    'hsa-id-characters': {},
    'hsa-id-too-long': { max: 31, length: 33 },
    'hsa-id-org-number': { orgNumber: '5560360794' },
    'ipv4-missing': {},
    'ipv4-not-public': { addresses: [{ address: '10.0.0.1', range: 'private' }] },
    'date-format': {},
    'date-nonexistent': { value: '2026-02-30' },
    'date-past': { today: '2026-12-01' },
    choice: { options: [{ sv: 'Ja', en: 'Yes' }] },
    'unknown-field': { known: ['name'] },
    'unknown-municipality': { municipality: 'atlantis', known: ['goteborg'] },
    'unknown-type': { municipality: 'goteborg', known: [] },
    'forbidden-municipality': { municipality: 'goteborg' },
    'one-of': { options: ['goteborg'] },
    'unknown-system': { system: 'x' },
    'title-missing': {},
    'systems-missing': {},
    'window-missing': {},
    'window-order': {},
    'window-passed': {},
    'date-time-format': {},
    'update-text-missing': {},
    'state-only-disruptions': {},
    'unknown-state': { state: 'x', known: ['investigating'] },
    'nothing-changed': {},
    'reason-required': { violations: [{ rule: 'minimum-notice', requiredDays: 10, actualDays: 9 }] },
    'cancel-reason-missing': {},
    'wrong-kind': { wanted: 'planned' },
  };

  it.each(Object.keys(samples) as FieldErrorCode[])('%s is worded in Swedish and in English, differently', (code) => {
    const error = { field: 'name', code, params: samples[code] } as FieldError;
    const [sv, en] = [fieldErrorTexts.sv.fieldError(error), fieldErrorTexts.en.fieldError(error)];
    expect(sv.length).toBeGreaterThan(0);
    expect(en.length).toBeGreaterThan(0);
    expect(en).not.toBe(sv);
  });
});

describe('the catalogues', () => {
  it('an English catalogue must have exactly the Swedish one’s texts (checked by tsc, which npm test runs first)', () => {
    // @ts-expect-error: `bye` has no English text.
    const missing = bilingual({ hello: 'Hej', bye: (name: string) => `Hej då ${name}` }, { hello: 'Hi' });
    // @ts-expect-error: `extra` is not in the Swedish catalogue.
    const extra = bilingual({ hello: 'Hej' }, { hello: 'Hi', extra: 'Extra' });
    const complete = bilingual({ hello: 'Hej', bye: (name: string) => `Hej då ${name}` }, { hello: 'Hi', bye: (name) => `Bye ${name}` });
    expect([missing.en.hello, extra.sv.hello, complete.en.bye('Emma')]).toEqual(['Hi', 'Hej', 'Bye Emma']);
  });
});
