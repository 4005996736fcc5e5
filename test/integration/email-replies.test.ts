import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ticketTexts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  installationActivity,
  messageActivity,
  personalChat,
  pressButton,
  startFakeBotConnector,
  exchange as exchangeWith,
  messagesIn as recordedIn,
  submitActivity,
  testUser,
  type FakeBotConnector,
  type RecordedActivity,
  type TestUser,
  type Where,
} from '../support/fake-bot-connector.js';
import { startImapServer, type TestImapServer } from '../support/dovecot.js';
import { registerOrebro } from '../support/registry.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Issue 18's "a support agent answers a ticket from their mailbox and the IT-contact sees the
 * answer in Teams", over real wires on loopback: a ticket filed in Teams (fake Bot Connector) is
 * mailed to Örebro's support mailbox (a real SMTP server), the support agent's reply lands in the
 * bot's mailbox on a real IMAP server (Dovecot), and the bot relays it to the requester's chat and
 * sets the status its first word names. Mail that answers no ticket stays unread.
 */

const WAIT_MS = 10_000;
// The first server hears of new mail only by IMAP IDLE (its poll is far off); after the restart,
// the second one only polls.
const IDLE_ONLY = { OUTBOX_INTERVAL_SECONDS: '0.25', IMAP_POLL_SECONDS: '120' };
const POLL_ONLY = { IMAP_IDLE: '0', IMAP_POLL_SECONDS: '0.25' };

let connector: FakeBotConnector;
let smtp: TestSmtpServer;
let imap: TestImapServer;
let server: TestServer;
let env: Record<string, string>;
let serverEnv: Record<string, string>;
const contact = testUser('Anna Andersson');
const staff = testUser('Sara Svensson');
const chat = personalChat(contact);

beforeAll(async () => {
  [connector, smtp, imap] = await Promise.all([startFakeBotConnector(), startSmtpServer(), startImapServer()]);
  const dataDir = await temporaryDataDir();
  env = { DATA_DIR: dataDir };
  await registerOrebro(env, {
    contact: { name: 'Anna Andersson', identity: ['--teams-user', contact.aadObjectId, '--teams-tenant', TEST_TENANT] },
    staff: { name: 'Sara Svensson', identity: ['--teams-user', staff.aadObjectId, '--teams-tenant', TEST_TENANT] },
  });
  serverEnv = { SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <itkontakt@kommun.test>', ...imap.env, ...IDLE_ONLY };
  server = await startTestServer(serverEnv, dataDir);
}, 30_000);

afterEach(() => {
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([connector?.close(), smtp?.close(), imap?.close()]);
});

const messagesIn = (where: Where): RecordedActivity[] => recordedIn(connector, where);
const exchange = (where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server.url, where, activity);
const say = (user: TestUser, where: Where, text: string) => exchange(where, messageActivity(connector.serviceUrl, user, where, text));
const press = (user: TestUser, where: Where, value: Record<string, unknown>) => exchange(where, submitActivity(connector.serviceUrl, user, where, value));

interface ShownTicket {
  readonly status: string;
  readonly messages: Array<{ from: string; by: string; text: string }>;
}

async function ticket(id: string): Promise<ShownTicket> {
  const shown = await runCliInProcess(['tickets', 'show', id, '--json'], env);
  expect(shown.code, shown.stderr).toBe(0);
  return JSON.parse(shown.stdout) as ShownTicket;
}

/** The bot's posts to the chat after the first `before`, once there are `count` of them. */
async function postsAfter(before: number, count: number): Promise<RecordedActivity[]> {
  const posts = await eventually(() => {
    const found = messagesIn(chat).filter((item) => item.activity.type !== 'typing').slice(before);
    return found.length >= count ? found : undefined;
  }, WAIT_MS);
  return posts;
}

/** A reply as a mail client writes it: new text on top, the ticket email quoted below. */
function reply(options: { from: string; subject: string; inReplyTo?: string; messageId: string; body: string; headers?: readonly string[] }): string {
  return [
    `From: ${options.from}`,
    ...(options.headers ?? []),
    'To: arenden@itkontakt.test',
    `Subject: ${options.subject}`,
    `Message-ID: ${options.messageId}`,
    ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`, `References: ${options.inReplyTo}`] : []),
    'Date: Thu, 03 Dec 2026 10:15:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    options.body,
    '',
  ].join('\r\n');
}

describe('replies by email: Örebro’s support answers a ticket from its mailbox, the IT-contact reads it in Teams', () => {
  let ticketId: string;
  let ticketMail: ReceivedMail;
  let messageId: string;

  it('a ticket filed in Teams is mailed with the bot’s mailbox as Reply-To and says how to answer, with no command', async () => {
    await exchange(chat, installationActivity(connector.serviceUrl, contact, chat, 'add'));
    const [form] = await say(contact, chat, 'ärende');
    const typed = { 'field.name': 'Bo Berg', 'field.function': 'Enhetschef', 'field.hsaId': 'SE2321000016-1003', 'field.treservaUsername': 'bober01' };
    const [receipt] = await press(contact, chat, pressButton(cardOf(form!), 'Skicka ärendet', typed));
    ticketId = /Ärende (ORE-\d{4}-\d{4})/u.exec(receipt!.activity.text ?? '')![1]!;

    ticketMail = await eventually(() => smtp.messages.find((message) => message.subject.includes(ticketId)), WAIT_MS);
    messageId = ticketMail.headers['message-id']!;
    expect(messageId).toMatch(new RegExp(`^<${ticketId}\\.email\\.`, 'u'));
    expect(ticketMail.headers['reply-to']).toBe('arenden@itkontakt.test');
    expect(ticketMail.body).toContain('Svara på det här mejlet: svaret förs in i ärendet och når Anna Andersson, anna@omsorg.se i chatten.');
    expect(ticketMail.body).toContain('Skriv Löst, Pågår eller Komplettering först i svaret');
    expect(ticketMail.body).not.toMatch(/itkontakt tickets|npx/u);
  });

  it('the support agent answers "Pågår …": the requester gets the answer and the new status in Teams, the mail is marked read', async () => {
    const before = messagesIn(chat).length;
    await imap.append(
      reply({
        from: 'Sara Svensson <sara.svensson@orebro.se>',
        subject: `SV: ${ticketMail.subject}`,
        inReplyTo: messageId,
        messageId: '<svar-1@orebro.se>',
        body: ['Pågår', '', 'Vi lägger upp Bo i Lifecare SP i dag.', '', `Den 3 dec. 2026 kl. 10:00 skrev itkontakt <itkontakt@kommun.test>:`, `> ${ticketMail.subject}`, '> Namn på behörig: Bo Berg'].join('\r\n'),
      }),
    );
    const [message, update] = await postsAfter(before, 2);
    // The quoted ticket email is not relayed.
    expect(cardTexts(cardOf(message!)).slice(0, 3)).toEqual([ticketTexts.sv.messageFromStaff(ticketId, 'Sara Svensson'), 'Pågår\n\nVi lägger upp Bo i Lifecare SP i dag.', 'Svara']);
    expect(update!.activity.text).toBe(`Ärende ${ticketId} (Ny användare i Lifecare SP): Pågår.`);

    const shown = await ticket(ticketId);
    expect(shown.status).toBe('in-progress');
    expect(shown.messages).toEqual([expect.objectContaining({ from: 'staff', by: 'email:sara.svensson@orebro.se', text: 'Pågår\n\nVi lägger upp Bo i Lifecare SP i dag.' })]);
    await eventually(async () => (await imap.list()).every((entry) => entry.seen), WAIT_MS);
  });

  it('a mail that answers no ticket, a reply to the ticket from outside Örebro and an out-of-office stay unread and are logged without who sent them', async () => {
    await imap.append(reply({ from: 'Per Persson <per.persson@orebro.se>', subject: 'Fråga om Lifecare', messageId: '<fraga-1@orebro.se>', body: 'Hej, hur beställer vi SITHS-kort?' }));
    await imap.append(reply({ from: 'Mallory <mallory@example.test>', subject: `SV: Löst ${ticketId}`, inReplyTo: messageId, messageId: '<falsk-1@example.test>', body: 'Löst' }));
    await imap.append(reply({ from: 'Olle Ledig <olle.ledig@orebro.se>', headers: ['Auto-Submitted: auto-replied'], subject: `Autosvar: ${ticketMail.subject}`, inReplyTo: messageId, messageId: '<autosvar-1@orebro.se>', body: 'Löst är jag inte, jag är ledig till måndag.' }));
    const logged = await eventually(() => {
      const lines = server.logs.filter((line) => line.msg === 'mail in the ticket mailbox was not taken as a ticket reply; left unread');
      return lines.length >= 3 ? lines : undefined;
    }, WAIT_MS);
    expect(logged.map((line) => line.reason).sort()).toEqual(['automatic', 'no-ticket', 'not-from-support']);
    expect(JSON.stringify(server.logs)).not.toMatch(/per\.persson|mallory|olle\.ledig|Fråga om Lifecare/u);

    const entries = await imap.list();
    expect(entries.filter((entry) => !entry.seen).map((entry) => entry.subject)).toEqual(['Fråga om Lifecare', `SV: Löst ${ticketId}`, `Autosvar: ${ticketMail.subject}`]);
    expect((await ticket(ticketId)).status).toBe('in-progress');
  });

  it('a reply that arrives while the server is down is read when it starts again (now polling); "Löst" in the subject resolves the ticket', async () => {
    await server.stop();
    await imap.append(
      reply({ from: 'Sara Svensson <sara.svensson@orebro.se>', subject: `Löst: SV: ${ticketMail.subject}`, inReplyTo: messageId, messageId: '<svar-2@orebro.se>', body: 'Kontot är upplagt, Bo kan logga in med SITHS-kortet.' }),
    );
    const before = messagesIn(chat).length;
    server = await startTestServer({ ...serverEnv, ...POLL_ONLY }, env.DATA_DIR);
    const [message, update] = await postsAfter(before, 2);
    expect(cardTexts(cardOf(message!)).slice(0, 2)).toEqual([ticketTexts.sv.messageFromStaff(ticketId, 'Sara Svensson'), 'Kontot är upplagt, Bo kan logga in med SITHS-kortet.']);
    expect(cardTexts(cardOf(update!))).toEqual([`Ärende ${ticketId} (Ny användare i Lifecare SP): Löst.`, 'Blev det löst?', 'Ja, löst', 'Nej, inte löst']);
    expect((await ticket(ticketId)).status).toBe('resolved');
  });

  it('the same reply read again (a restart before it was marked read) is in the ticket once', async () => {
    await imap.append(
      reply({ from: 'Sara Svensson <sara.svensson@orebro.se>', subject: `Löst: SV: ${ticketMail.subject}`, inReplyTo: messageId, messageId: '<svar-2@orebro.se>', body: 'Kontot är upplagt, Bo kan logga in med SITHS-kortet.' }),
    );
    // Handled (marked read) like any reply: the newest mail in the box.
    await eventually(async () => (await imap.list()).at(-1)!.seen, WAIT_MS);
    expect((await imap.list()).filter((entry) => !entry.seen)).toHaveLength(3);
    const shown = await ticket(ticketId);
    expect(shown.messages.map((message) => message.text)).toEqual(['Pågår\n\nVi lägger upp Bo i Lifecare SP i dag.', 'Kontot är upplagt, Bo kan logga in med SITHS-kortet.']);
    expect(shown.status).toBe('resolved');
  });
});
