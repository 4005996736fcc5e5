import { NoticeService } from '../../src/notices/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot, PlatformMessenger, type ConversationRef } from '../../src/bot/index.js';
import { ContactService, operatorPrincipal, type Actor } from '../../src/contacts/index.js';
import type { AnswerEngine, KnowledgeBase } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { TicketOutbox, TicketService } from '../../src/tickets/index.js';
import { RecordingChannel } from '../support/bot.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

let engine: AnswerEngine;
let knowledge: KnowledgeBase;
beforeAll(async () => {
  [engine, knowledge] = await Promise.all([bundledEngine(), bundledKnowledge()]);
});

const requester: Actor = { platform: 'teams', userId: 'anna', tenantId: 'T' };
const chat: ConversationRef = { platform: 'teams', id: 'a-anna', kind: 'personal', tenantId: 'T' };
const staff: Actor = { platform: 'teams', userId: 'sara', tenantId: 'T' };
const staffChannel: ConversationRef = { platform: 'teams', id: '19:staff', kind: 'channel', tenantId: 'T' };

async function setup() {
  const store = await LowdbStore.open(await temporaryDataDir());
  const now = () => new Date('2026-11-25T09:00:00Z');
  const municipalities = knowledge.municipalities.map(({ id, name }) => ({ id, name }));
  const contacts = new ContactService(store.contacts, { now, municipalities: municipalities.map((municipality) => municipality.id) });
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, preferences: store.preferences, staffLanguage: 'sv', logger: createLogger({ level: 'silent' }) });
  const sender = new RecordingChannel('teams');
  messenger.register(sender.outbound);
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now });
  const bot = new Bot({ engine, municipalities, preferences: store.preferences, feedback: store.feedback, destinations: store.destinations, staffChannels: store.staffChannels, contacts, messenger, tickets, notices, knowledge, now });
  const outbox = new TicketOutbox({
    repository: store.tickets,
    knowledge,
    mailer: undefined,
    staffPoster: (ticket, type) => bot.postTicketToStaff(ticket, type),
    requesterPoster: (ticket, step) => bot.postTicketUpdateToRequester(ticket, step),
    logger: createLogger({ level: 'silent' }),
    now,
  });
  const admin = operatorPrincipal('test');
  await contacts.saveContact(admin, { municipality: 'orebro', providerName: 'Omsorg AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'anna@omsorg.se', phone: '070-123 45 67' }, [{ platform: 'teams', tenantId: 'T', userId: 'anna' }]);
  await contacts.addStaff(admin, { role: 'staff', municipality: 'orebro', name: 'Sara', email: null, identities: [{ platform: 'teams', tenantId: 'T', userId: 'sara' }] });
  await bot.handle({ kind: 'installed', actor: requester, conversation: chat, reference: {} });
  await bot.handle({ kind: 'installed', actor: staff, conversation: staffChannel, reference: {} });
  await bot.handle({ kind: 'message', actor: staff, conversation: staffChannel, text: 'personalkanal Örebro' });
  return { bot, sender, outbox, store, tickets };
}

describe('tickets in chat', () => {
  it('takes an Örebro IT-contact from "ärende" to a resolved ticket, with staff and requester told at each step', async () => {
    const { bot, sender, outbox, store } = await setup();
    const [form] = await bot.handle({ kind: 'message', actor: requester, conversation: chat, text: 'ärende' });
    expect(form?.kind).toBe('ticket-form');
    if (form?.kind !== 'ticket-form') return;
    expect(form.municipality.id).toBe('orebro');
    const hsa = form.type.fields.find((field) => field.type === 'hsa-id')!;
    expect(hsa).toBeDefined();
    // Prefilled from the registry.
    expect(Object.values(form.values)).toContain('Omsorg AB');

    const values: Record<string, string> = { ...form.values };
    for (const field of form.type.fields) if (!values[field.key]) values[field.key] = field.type === 'hsa-id' ? 'SE2321000016-1003' : `Värde ${field.key}`;
    const [rejected] = await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'submit-ticket', typeId: form.type.id, values: { ...values, [hsa.key]: 'fel-id' } } });
    expect(rejected).toMatchObject({ kind: 'ticket-form', values: { [hsa.key]: 'fel-id' }, errors: [{ field: hsa.key }] });

    const [filed] = await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'submit-ticket', typeId: form.type.id, values } });
    expect(filed).toMatchObject({ kind: 'ticket-filed', ticket: { id: 'ORE-2026-0001', status: 'new' } });

    await outbox.runOnce();
    const card = sender.sent.find((message) => message.reply.kind === 'ticket-staff');
    expect(card?.to).toBe('teams:T:19:staff');
    expect(JSON.stringify(card)).toContain('SE2321000016-1003');
    expect(Object.values(store.read().outbox).find((entry) => entry.channel === 'staff-channel')).toMatchObject({ status: 'sent' });

    const outsider = await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'resolve' } });
    expect(outsider).toMatchObject([{ kind: 'error' }]);

    const [taken] = await bot.handle({ kind: 'action', actor: staff, conversation: staffChannel, action: { type: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'take' } });
    expect(taken).toMatchObject({ kind: 'ticket-action-recorded', requesterNotified: true, ticket: { status: 'in-progress' } });
    const [resolved] = await bot.handle({ kind: 'action', actor: staff, conversation: staffChannel, action: { type: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'resolve', note: 'Kontot är upplagt.' } });
    expect(resolved).toMatchObject({ kind: 'ticket-action-recorded', requesterNotified: true });
    const told = sender.sent.filter((message) => message.to === 'teams:T:a-anna').map((message) => message.reply);
    expect(told).toMatchObject([
      { kind: 'ticket-update', ticket: { status: 'in-progress' }, askRating: false },
      { kind: 'ticket-update', ticket: { status: 'resolved' }, note: 'Kontot är upplagt.', askRating: true },
    ]);

    expect(await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'rate-ticket', ticketId: 'ORE-2026-0001', solved: true } })).toMatchObject([{ kind: 'ticket-rated', solved: true }]);
    expect(Object.values(store.read().tickets)[0]).toMatchObject({ status: 'resolved', rating: { solved: true } });
    expect(await bot.handle({ kind: 'message', actor: requester, conversation: chat, text: 'mina ärenden' })).toMatchObject([{ kind: 'ticket-list', tickets: [{ id: 'ORE-2026-0001', status: 'resolved' }] }]);
  });

  it('offers the form with the answer when a registered contact asks for an access change', async () => {
    const { bot } = await setup();
    const replies = await bot.handle({ kind: 'message', actor: requester, conversation: chat, text: 'Vi behöver beställa behörighet till Lifecare SP för en ny användare' });
    expect(replies.map((reply) => reply.kind)).toContain('ticket-form');
  });

  it('says how the municipality wants it done when a request is handled elsewhere', async () => {
    const { bot } = await setup();
    const replies = await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'create-ticket', question: 'Hur beställer vi SITHS-kort?' } });
    const elsewhere = replies.find((reply) => reply.kind === 'handled-elsewhere');
    expect(elsewhere).toMatchObject({ citation: { municipalityId: 'orebro' } });
  });
});

describe('ticket changes made from the command line', () => {
  it('reach the requester in chat through the outbox', async () => {
    const { bot, sender, outbox, tickets } = await setup();
    const [form] = await bot.handle({ kind: 'message', actor: requester, conversation: chat, text: 'ärende' });
    if (form?.kind !== 'ticket-form') throw new Error('expected a form');
    const values = Object.fromEntries(form.type.fields.map((field) => [field.key, form.values[field.key] || (field.type === 'hsa-id' ? 'SE2321000016-1003' : 'x')]));
    await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'submit-ticket', typeId: form.type.id, values } });
    const changed = await tickets.setStatus(operatorPrincipal('cli-user'), 'ORE-2026-0001', 'waiting-for-requester', 'Vilken enhet gäller det?', { queueRequesterUpdate: true });
    expect(changed.ok).toBe(true);
    await outbox.runOnce();
    const update = sender.sent.find((message) => message.to === 'teams:T:a-anna' && message.reply.kind === 'ticket-update');
    expect(update?.reply).toMatchObject({ ticket: { id: 'ORE-2026-0001', status: 'waiting-for-requester' }, note: 'Vilken enhet gäller det?' });
    await outbox.runOnce();
    expect(sender.sent.filter((message) => message.reply.kind === 'ticket-update')).toHaveLength(1);
  });
});

describe('the ticket conversation between staff and requester', () => {
  it('relays a staff reply in the ticket thread to the requester, and the requester’s answer back into the thread', async () => {
    const { bot, sender, outbox, store } = await setup();
    const [form] = await bot.handle({ kind: 'message', actor: requester, conversation: chat, text: 'ärende' });
    if (form?.kind !== 'ticket-form') throw new Error('expected a form');
    const values = Object.fromEntries(form.type.fields.map((field) => [field.key, form.values[field.key] || (field.type === 'hsa-id' ? 'SE2321000016-1003' : 'x')]));
    await bot.handle({ kind: 'action', actor: requester, conversation: chat, action: { type: 'submit-ticket', typeId: form.type.id, values } });
    await outbox.runOnce();
    const card = sender.sent.findIndex((message) => message.reply.kind === 'ticket-staff');
    const threadId = `msg-${card + 1}`;
    expect(Object.values(store.read().tickets)[0]).toMatchObject({ staffThreads: [{ destinationKey: 'teams:T:19:staff', threadId }] });

    // Someone who is not staff writes in the thread: nothing is relayed.
    const stranger: Actor = { platform: 'teams', userId: 'stranger', tenantId: 'T' };
    expect(await bot.handle({ kind: 'message', actor: stranger, conversation: staffChannel, threadId, text: 'Hej!' })).toEqual([]);
    expect(await bot.handle({ kind: 'message', actor: staff, conversation: staffChannel, threadId, text: 'Vilken enhet arbetar Berit på?' })).toEqual([]);
    const toRequester = sender.sent.filter((message) => message.to === 'teams:T:a-anna' && message.reply.kind === 'ticket-message');
    expect(toRequester).toHaveLength(1);
    expect(toRequester[0]!.reply).toMatchObject({ from: 'staff', text: 'Vilken enhet arbetar Berit på?', canReply: true, ticket: { id: 'ORE-2026-0001' } });

    const [sent] = await bot.handle({ kind: 'message', actor: requester, conversation: chat, text: 'svara ORE-2026-0001 Hemtjänst Norr.' });
    expect(sent).toMatchObject({ kind: 'ticket-message-sent', delivered: true });
    expect(sender.sent.at(-1)).toMatchObject({ to: 'teams:T:19:staff', threadId, reply: { kind: 'ticket-message', from: 'requester', text: 'Hemtjänst Norr.' } });
    expect(Object.values(store.read().tickets)[0]!.messages.map((message) => message.from)).toEqual(['staff', 'requester']);

    // A reply that did not address the bot, in a thread that is not a ticket's, gets no answer.
    expect(await bot.handle({ kind: 'message', actor: staff, conversation: staffChannel, threadId: 'some-other-thread', text: 'Vilka öppettider har supporten?', addressed: false })).toEqual([]);
    // Someone else cannot write into the ticket.
    expect(await bot.handle({ kind: 'action', actor: stranger, conversation: chat, action: { type: 'reply-ticket', ticketId: 'ORE-2026-0001', text: 'x' } })).toMatchObject([{ kind: 'error' }]);
  });
});
