import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ticketTexts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  exchange as exchangeWith,
  messageActivity,
  personalChat,
  pressButton,
  startFakeBotConnector,
  submitActivity,
  testUser,
  type FakeBotConnector,
  type RecordedActivity,
  type TestUser,
  type Where,
} from '../support/fake-bot-connector.js';
import { VELLINGE_ORDERS_MAILBOX, knowledgeWithVellingeTakingOrders } from '../support/knowledge.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Each municipality's routines as its document says them, in Teams over real HTTP on loopback:
 * Vellinge's orders are made in its own e-service (the bot shows the way, with no form), Göteborg's
 * access orders have no destination (refused with the reason), an HSA-id keeps what was typed, and
 * where Vellinge has chosen to take orders through the bot, a past "Giltig till" is accepted.
 */

let connector: FakeBotConnector;
let smtp: TestSmtpServer;
const vera = testUser('Vera Vellinge');
const gustav = testUser('Gustav Göteborg');
const anna = testUser('Anna Örebro');

beforeAll(async () => {
  [connector, smtp] = await Promise.all([startFakeBotConnector(), startSmtpServer()]);
});

afterEach(() => {
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await Promise.all([connector?.close(), smtp?.close()]);
});

async function addContact(env: Record<string, string>, municipality: string, user: TestUser, email: string): Promise<void> {
  const added = await runCliInProcess(
    ['contacts', 'add', '--municipality', municipality, '--provider', 'Omsorg AB', '--org-number', '556036-0793', '--name', user.name, '--email', email, '--phone', '070-123 45 67', '--teams-user', user.aadObjectId, '--teams-tenant', TEST_TENANT],
    env,
  );
  expect(added.code, added.stderr).toBe(0);
}

function chatWith(server: () => TestServer) {
  const say = (user: TestUser, where: Where, text: string): Promise<RecordedActivity[]> => exchangeWith(connector, server().url, where, messageActivity(connector.serviceUrl, user, where, text));
  const press = (user: TestUser, where: Where, value: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server().url, where, submitActivity(connector.serviceUrl, user, where, value));
  return { say, press };
}

const shownIn = (replies: readonly RecordedActivity[]): string[] => replies.flatMap((reply) => (reply.activity.attachments ? cardTexts(cardOf(reply)) : [reply.activity.text ?? '']));
const isForm = (reply: RecordedActivity): boolean => Boolean(reply.activity.attachments) && cardTexts(cardOf(reply)).includes(ticketTexts.sv.submit);

describe('routines as the documents say, with the bundled knowledge', () => {
  let server: TestServer;
  let env: Record<string, string>;
  const { say, press } = chatWith(() => server);

  beforeAll(async () => {
    const dataDir = await temporaryDataDir();
    env = { DATA_DIR: dataDir };
    await addContact(env, 'vellinge', vera, 'vera@omsorg.se');
    await addContact(env, 'goteborg', gustav, 'gustav@omsorg.se');
    await addContact(env, 'orebro', anna, 'anna@omsorg.se');
    server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <itkontakt@kommun.test>', OUTBOX_INTERVAL_SECONDS: '0.25' }, dataDir);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a Vellinge new-user order is shown the way to the e-service, in the document’s words with its link, and no form', async () => {
    const replies = await say(vera, personalChat(vera), 'Vi behöver beställa behörighet till en nyanställd i Procapita, hur gör vi?');
    const shown = shownIn(replies);
    expect(shown).toContain(ticketTexts.sv.handledElsewhereTitle);
    expect(shown.join('\n')).toMatch(/formuläret "VoO behörigheter till Procapita och Life Care - beställning" i e-tjänsten på Vellinge kommuns hemsida/u);
    expect(shown).toContain('Länk i rutinen: "VoO behörigheter till Procapita och Life Care - beställning — Vellinge kommun"');
    expect(shown).toContain('«Ansvarig chef/superadministratör fyller i ett formulär i e-tjänsten på Vellinge kommuns hemsida vid:»');
    expect(replies.some(isForm)).toBe(false);
  });

  it('"ärende" in Vellinge lists the ways the routine names, and offers no form', async () => {
    const replies = await say(vera, personalChat(vera), 'ärende');
    expect(replies.some(isForm)).toBe(false);
    const shown = shownIn(replies).join('\n');
    expect(shown).toMatch(/VoO behörigheter till Procapita och Life Care - beställning/u);
    expect(shown).toMatch(/SITHS-kort - beställning/u);
  });

  it('a form sent anyway (an old card) is answered with the way to the e-service, and nothing is filed', async () => {
    const [reply] = await press(vera, personalChat(vera), { verb: 'submit-ticket', typeId: 'vel-ticket-termination', lang: 'sv', 'field.userName': 'Ulla Ut' });
    expect(cardTexts(cardOf(reply!))).toContain(ticketTexts.sv.handledElsewhereTitle);
    const listed = await runCliInProcess(['tickets', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('a Göteborg access order is refused with the reason, when asked for and when sent', async () => {
    const asked = await say(gustav, personalChat(gustav), 'Vi behöver beställa åtkomst för en ny användare i Treserva');
    expect(asked.some(isForm)).toBe(false);
    const refusal = shownIn(asked).find((text) => text.startsWith('Boten kan inte skicka'));
    expect(refusal).toMatch(/^Boten kan inte skicka "Beställning av åtkomst: nyupplägg, förändring eller avslut av användare": Göteborgs Stads rutin anger ingen mottagare för den/u);
    expect(refusal).toMatch(/enligt framtagen beställningsrutin\./u);

    const [sent] = await press(gustav, personalChat(gustav), {
      verb: 'submit-ticket',
      typeId: 'gbg-ticket-access-order',
      lang: 'en',
      'field.provider': 'Omsorg AB',
      'field.orderKind': 'Nyupplägg',
      'field.userName': 'Nils Ny',
      'field.systems': 'Treserva',
      'field.details': 'Ny undersköterska',
    });
    expect(sent!.activity.text).toMatch(/^The bot cannot send "Access order: new user, change or termination": Göteborgs Stad's routine names no recipient for it, so the ticket would reach no one\./u);
    expect(JSON.parse((await runCliInProcess(['tickets', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('an HSA-id keeps the case it was typed in; only the SE prefix is normalised', async () => {
    const [form] = await say(anna, personalChat(anna), 'ärende');
    const typed = { 'field.name': 'Bo Berg', 'field.function': 'Enhetschef', 'field.hsaId': 'se2321000016-AbC7x', 'field.treservaUsername': 'bober01' };
    const [receipt] = await press(anna, personalChat(anna), pressButton(cardOf(form!), ticketTexts.sv.submit, typed));
    const id = /Ärende (ORE-\d{4}-\d{4})/u.exec(receipt!.activity.text ?? '')?.[1];
    expect(id, receipt!.activity.text).toBeDefined();
    const mail = await eventually(() => smtp.messages.find((message) => message.subject.includes(id!)), 8_000);
    expect(mail.body).toMatch(/HSA-id:\s+SE2321000016-AbC7x/u);
  });
});

describe('Vellinge taking its orders through the bot, as its knowledge file says', () => {
  let server: TestServer;
  const { say, press } = chatWith(() => server);

  beforeAll(async () => {
    const dataDir = await temporaryDataDir();
    await addContact({ DATA_DIR: dataDir }, 'vellinge', vera, 'vera@omsorg.se');
    server = await startTestServer({ KNOWLEDGE_DIR: await knowledgeWithVellingeTakingOrders(), SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <itkontakt@kommun.test>', OUTBOX_INTERVAL_SECONDS: '0.25' }, dataDir);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a termination with a past "Giltig till" is accepted and mailed to the municipality’s mailbox', async () => {
    // The routine's types are offered now, as buttons that open their forms.
    const [choice] = await say(vera, personalChat(vera), 'ärende');
    expect(cardTexts(cardOf(choice!))).toEqual(expect.arrayContaining(['Avslut av användarkonto och behörighet']));
    const [form] = await press(vera, personalChat(vera), { verb: 'choose-ticket-type', typeId: 'vel-ticket-termination', lang: 'sv' });
    expect(isForm(form!)).toBe(true);
    expect(cardTexts(cardOf(form!))[0]).toMatch(/^Avslut av användarkonto och behörighet/u);
    const typed = { 'field.userName': 'Ulla Ut', 'field.personnummer': '19121212-1212', 'field.userEmail': 'ulla@omsorg.se', 'field.validUntil': '2020-01-31' };
    const [receipt] = await press(vera, personalChat(vera), pressButton(cardOf(form!), ticketTexts.sv.submit, typed));
    const id = /Ärende (VEL-\d{4}-\d{4})/u.exec(receipt!.activity.text ?? '')?.[1];
    expect(id, receipt!.activity.text).toBeDefined();
    const mail = await eventually(() => smtp.messages.find((message) => message.subject.includes(id!)), 8_000);
    expect(mail.to).toEqual([VELLINGE_ORDERS_MAILBOX]);
    expect(mail.body).toMatch(/Giltig till:\s+2020-01-31/u);
  });
});
