import { NoticeService } from '../../src/notices/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot, PlatformMessenger, parseCommand, type ConversationRef, type Reply } from '../../src/bot/index.js';
import { ContactService, operatorPrincipal, type Actor } from '../../src/contacts/index.js';
import { createLogger } from '../../src/log/index.js';
import { TicketService } from '../../src/tickets/index.js';
import type { AnswerEngine, KnowledgeBase } from '../../src/knowledge/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { RecordingChannel } from '../support/bot.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

let engine: AnswerEngine;
let knowledge: KnowledgeBase;
beforeAll(async () => {
  [engine, knowledge] = await Promise.all([bundledEngine(), bundledKnowledge()]);
});

const actor: Actor = { platform: 'slack', userId: 'U1', tenantId: 'T1' };
const conversation: ConversationRef = { platform: 'slack', id: 'D1', kind: 'personal', tenantId: 'T1' };
const now = () => new Date('2026-11-25T09:00:00Z');

async function newBot(dataDir?: string): Promise<{ bot: Bot; store: LowdbStore; dataDir: string; contacts: ContactService; sender: RecordingChannel; tickets: TicketService }> {
  const directory = dataDir ?? (await temporaryDataDir());
  const store = await LowdbStore.open(directory);
  const municipalities = knowledge.municipalities.map(({ id, name }) => ({ id, name }));
  const contacts = new ContactService(store.contacts, { now, municipalities: municipalities.map((municipality) => municipality.id) });
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, preferences: store.preferences, staffLanguage: 'sv', logger: createLogger({ level: 'silent' }) });
  const sender = new RecordingChannel('slack');
  messenger.register(sender.outbound);
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now });
  const bot = new Bot({ engine, municipalities, preferences: store.preferences, feedback: store.feedback, destinations: store.destinations, staffChannels: store.staffChannels, contacts, messenger, tickets, notices, knowledge, now });
  return { bot, store, dataDir: directory, contacts, sender, tickets };
}

const say = (bot: Bot, text: string): Promise<Reply[]> => bot.handle({ kind: 'message', actor, conversation, text });

describe('commands', () => {
  it.each([
    ['hjälp', 'help', 'sv'],
    ['help', 'help', 'en'],
    ['Hej!', 'help', 'sv'],
    ['hello', 'help', 'en'],
    ['kommun Göteborg', 'municipality', 'sv'],
    ['municipality uppsala', 'municipality', 'en'],
    ['ärende', 'ticket', 'sv'],
    ['mina ärenden', 'my-tickets', 'sv'],
    ['driftinfo', 'notices', 'sv'],
    ['outages', 'notices', 'en'],
    ['prenumerera Treserva', 'follow', 'sv'],
    ['sluta följa Phoniro', 'follow', 'sv'],
    ['unfollow Phoniro', 'follow', 'en'],
    ['nytt driftstopp', 'new-notice', 'sv'],
    ['ny driftstörning', 'new-notice', 'sv'],
    ['driftkanal av', 'notice-channel', 'sv'],
    ['registrera', 'register', 'sv'],
    ['personalkanal Göteborg', 'staff-channel', 'sv'],
    ['Vad gäller för lösenord?', 'question', 'sv'],
    ['What are the password rules?', 'question', 'en'],
  ])('%s → %s (%s)', (text, type, language) => {
    expect(parseCommand(text)).toMatchObject({ type, language });
  });
});

describe('the bot', () => {
  it('answers across municipalities on first contact and asks once which municipality is theirs', async () => {
    const { bot } = await newBot();
    const first = await say(bot, 'Får en kollega låna mitt SITHS-kort?');
    expect(first.map((reply) => reply.kind)).toEqual(['answer', 'choose-municipality']);
    const second = await say(bot, 'Måste datorerna ha antivirus?');
    expect(second.map((reply) => reply.kind)).toEqual(['answer']);
  });

  it('remembers the chosen municipality across a restart and answers from it', async () => {
    const { bot, dataDir } = await newBot();
    const set = await say(bot, 'kommun goteborg');
    expect(set[0]).toMatchObject({ kind: 'municipality-set', municipality: { id: 'goteborg', name: 'Göteborgs Stad' } });
    const { bot: restarted } = await newBot(dataDir);
    const [reply] = await say(restarted, 'Vilket telefonnummer har supporten?');
    expect(reply?.kind).toBe('answer');
    if (reply?.kind === 'answer') {
      expect(reply.answer.municipality).toBe('goteborg');
      expect(reply.answer.answer).toMatch(/031-368 68 00/u);
    }
  });

  it('says which municipalities exist when the name is unknown', async () => {
    const { bot } = await newBot();
    const [reply] = await say(bot, 'kommun Atlantis');
    expect(reply).toMatchObject({ kind: 'choose-municipality', unknown: 'Atlantis' });
  });

  it('records feedback with the question, municipality and answer id, masking personal data', async () => {
    const { bot, store } = await newBot();
    const [reply] = await bot.handle({
      kind: 'action',
      actor,
      conversation,
      language: 'sv',
      action: { type: 'feedback', helpful: false, answerId: 'gbg-antivirus', question: 'Gäller det 19121212-1212?', municipality: 'goteborg' },
    });
    expect(reply).toMatchObject({ kind: 'feedback-recorded', helpful: false });
    const [entry] = await store.feedback.list({ municipality: 'goteborg' });
    expect(entry).toMatchObject({ helpful: false, answerId: 'gbg-antivirus', municipality: 'goteborg', platform: 'slack', at: '2026-11-25T09:00:00.000Z' });
    expect(entry?.question).not.toContain('19121212-1212');
  });

  it('stores a destination on install and removes it on uninstall', async () => {
    const { bot, store } = await newBot();
    const channel: ConversationRef = { platform: 'slack', id: 'C42', kind: 'channel', tenantId: 'T1' };
    const replies = await bot.handle({ kind: 'installed', actor, conversation: channel, reference: { channel: 'C42', team: 'T1' } });
    expect(replies[0]?.kind).toBe('welcome');
    expect(await store.destinations.get('slack:T1:C42')).toMatchObject({ kind: 'channel', reference: { channel: 'C42', team: 'T1' }, installedBy: 'slack:T1:U1' });
    await bot.handle({ kind: 'uninstalled', actor, conversation: channel });
    expect(await store.destinations.get('slack:T1:C42')).toBeUndefined();
  });

  it('lists no notices before a municipality is chosen, and refuses tickets to guests, in the user’s language', async () => {
    const { bot } = await newBot();
    expect(await say(bot, 'ticket')).toMatchObject([{ kind: 'error', language: 'en', message: expect.stringMatching(/Only registered IT contacts/u) }]);
    expect(await say(bot, 'driftinfo')).toEqual([{ kind: 'notice-list', language: 'sv', municipality: null, notices: [], canPublish: false }]);
    await say(bot, 'kommun Göteborg');
    expect(await say(bot, 'outages')).toEqual([{ kind: 'notice-list', language: 'en', municipality: { id: 'goteborg', name: 'Göteborgs Stad' }, notices: [], canPublish: false }]);
  });
});

describe('registration from chat', () => {
  const applicant: Actor = { platform: 'slack', userId: 'U-anna', tenantId: 'T1' };
  const applicantDm: ConversationRef = { platform: 'slack', id: 'D-anna', kind: 'personal', tenantId: 'T1' };
  const staffActor: Actor = { platform: 'slack', userId: 'U-sara', tenantId: 'T1' };
  const staffRoom: ConversationRef = { platform: 'slack', id: 'C-staff', kind: 'channel', tenantId: 'T1' };
  const form = { municipality: 'Göteborg', providerName: 'Omsorg i Väst AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'anna@omsorgivast.se', phone: '070-123 45 67' };

  it('takes a guest from "registrera" to an approved IT-contact, telling staff and applicant', async () => {
    const { bot, contacts, sender } = await newBot();
    await contacts.addStaff(operatorPrincipal('test'), { role: 'staff', municipality: 'goteborg', name: 'Sara', email: null, identities: [{ platform: 'slack', tenantId: 'T1', userId: 'U-sara' }] });
    // The applicant's DM and the staff channel are known destinations; the channel is the staff channel.
    await bot.handle({ kind: 'installed', actor: applicant, conversation: applicantDm, reference: { channel: 'D-anna' } });
    await bot.handle({ kind: 'installed', actor: staffActor, conversation: staffRoom, reference: { channel: 'C-staff' } });
    expect(await bot.handle({ kind: 'message', actor: staffActor, conversation: staffRoom, text: 'personalkanal' })).toMatchObject([{ kind: 'staff-channel-set', municipality: { id: 'goteborg' } }]);

    const [shown] = await bot.handle({ kind: 'message', actor: applicant, conversation: applicantDm, text: 'registrera' });
    expect(shown).toMatchObject({ kind: 'registration-form', errors: [] });

    const [rejected] = await bot.handle({ kind: 'action', actor: applicant, conversation: applicantDm, action: { type: 'submit-registration', values: { ...form, orgNumber: '556036-0794' } } });
    expect(rejected).toMatchObject({ kind: 'registration-form', values: { ...form, orgNumber: '556036-0794' }, errors: [{ field: 'orgNumber' }] });

    const [received] = await bot.handle({ kind: 'action', actor: applicant, conversation: applicantDm, action: { type: 'submit-registration', values: form } });
    expect(received).toMatchObject({ kind: 'registration-received', staffNotified: true, request: { municipality: { id: 'goteborg' }, phoneMasked: '070-123 ** **', orgNumberMasked: '556036-****' } });
    const review = sender.sent.find((message) => message.reply.kind === 'registration-review');
    expect(review?.to).toBe('slack:T1:C-staff');
    expect(JSON.stringify(review)).not.toContain('123 45 67');

    const requestId = received?.kind === 'registration-received' ? received.request.id : '';
    const outsider: Actor = { platform: 'slack', userId: 'U-nobody', tenantId: 'T1' };
    expect(await bot.handle({ kind: 'action', actor: outsider, conversation: applicantDm, action: { type: 'decide-registration', requestId, approve: true } })).toMatchObject([{ kind: 'error' }]);

    const [recorded] = await bot.handle({ kind: 'action', actor: staffActor, conversation: staffRoom, action: { type: 'decide-registration', requestId, approve: true } });
    expect(recorded).toMatchObject({ kind: 'registration-decision-recorded', approved: true, applicantNotified: true });
    const told = sender.sent.find((message) => message.reply.kind === 'registration-decided');
    expect(told).toMatchObject({ to: 'slack:T1:D-anna', reply: { approved: true } });
    expect((await contacts.principalFor({ platform: 'slack', tenantId: 'T1', userId: 'U-anna' })).role).toBe('it-contact');
    const listed = await contacts.listContacts(operatorPrincipal('test'), { municipality: 'goteborg' });
    expect(listed.ok && listed.value.map((contact) => contact.name)).toEqual(['Anna Andersson']);
  });

  it('reaches staff directly when no staff channel is set, and refuses a second pending application', async () => {
    const { bot, contacts, sender } = await newBot();
    await contacts.addStaff(operatorPrincipal('test'), { role: 'staff', municipality: 'goteborg', name: 'Sara', email: null, identities: [{ platform: 'slack', tenantId: 'T1', userId: 'U-sara' }] });
    const [received] = await bot.handle({ kind: 'action', actor: applicant, conversation: applicantDm, action: { type: 'submit-registration', values: form } });
    expect(received).toMatchObject({ kind: 'registration-received', staffNotified: true });
    expect(sender.sent.map((message) => message.to)).toEqual(['user:U-sara']);
    const [again] = await bot.handle({ kind: 'action', actor: applicant, conversation: applicantDm, action: { type: 'submit-registration', values: form } });
    expect(again).toMatchObject({ kind: 'error' });
    // The applicant's DM was never a stored destination: the decision reaches them directly.
    const requestId = received?.kind === 'registration-received' ? received.request.id : '';
    const [recorded] = await bot.handle({ kind: 'action', actor: staffActor, conversation: staffRoom, action: { type: 'decide-registration', requestId, approve: false, reason: 'Okänd utförare' } });
    expect(recorded).toMatchObject({ kind: 'registration-decision-recorded', approved: false, applicantNotified: true });
    expect(sender.sent.at(-1)).toMatchObject({ to: 'user:U-anna', reply: { kind: 'registration-decided', approved: false, reason: 'Okänd utförare' } });
  });

  it('lets only staff choose a staff channel', async () => {
    const { bot } = await newBot();
    expect(await bot.handle({ kind: 'message', actor: applicant, conversation: staffRoom, text: 'personalkanal Göteborg' })).toMatchObject([{ kind: 'error' }]);
  });
});

describe('the staff notice form', () => {
  const preview = (bot: Bot, values: Record<string, string>, language: 'sv' | 'en'): Promise<Reply[]> =>
    bot.handle({ kind: 'action', actor, conversation, language, action: { type: 'preview-notice', noticeKind: 'planned', values } });

  it('offers Vellinge staff Vellinge’s systems, and says in English what is wrong with an English form’s start, end and systems', async () => {
    const { bot, contacts, store } = await newBot();
    const added = await contacts.addStaff(operatorPrincipal('test'), { role: 'staff', municipality: 'vellinge', name: 'Vera', email: null, identities: [{ platform: 'slack', tenantId: 'T1', userId: 'U1' }] });
    expect(added.ok).toBe(true);
    const [form] = await bot.handle({ kind: 'action', actor, conversation, language: 'en', action: { type: 'open-notice-form', noticeKind: 'planned' } });
    const offered = form?.kind === 'notice-form' ? form.systems.map((system) => system.id) : [];
    expect(offered).toEqual(expect.arrayContaining(['procapita', 'lifecare']));
    expect(offered).not.toContain('treserva');

    const [back] = await preview(bot, { title: 'Procapita upgrade', systems: 'procapita', start: '2027-03-28 02:30', end: '2027-03-28', description: 'New version.', impact: '' }, 'en');
    expect(back).toMatchObject({ kind: 'notice-form', language: 'en' });
    expect(back?.kind === 'notice-form' ? back.errors : []).toEqual([
      { field: 'start', message: 'The time for the start does not exist in Swedish time that day: the clocks go forward from 02:00 to 03:00. Choose a time before 02:00 or from 03:00.' },
      { field: 'end', message: 'Choose a time for the end.' },
    ]);
    const [foreign] = await preview(bot, { title: 'Treserva', systems: 'Treserva', start: '2027-03-28 08:00', end: '2027-03-28 09:00', description: 'x', impact: '' }, 'sv');
    expect(foreign?.kind === 'notice-form' ? foreign.errors.map((error) => error.field) : []).toEqual(['systems']);
    expect(foreign?.kind === 'notice-form' ? foreign.errors[0]!.message : '').toMatch(/^Treserva finns inte bland Vellinge kommuns system\. Välj bland: /u);
    expect(Object.values(store.read().notices)).toEqual([]);
  });
});
