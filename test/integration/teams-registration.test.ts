import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registrationTexts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  channelThread,
  installationActivity,
  membersActivity,
  messageActivity,
  personalChat,
  postActivity,
  pressButton,
  startFakeBotConnector,
  exchange as exchangeWith,
  messagesIn as recordedIn,
  submitActivity,
  teamChannel,
  testUser,
  type Card,
  type FakeBotConnector,
  type RecordedActivity,
  type TestUser,
  type Where,
} from '../support/fake-bot-connector.js';
import { startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Registration from Teams, over real HTTP on loopback: a guest applies with the card form, Örebro's
 * staff channel gets the application with Godkänn / Avslå, staff decide from the card, the applicant
 * is told in their chat, and the registry (read with the CLI) has the new IT-contact.
 */

const r = registrationTexts.sv;

let connector: FakeBotConnector;
let server: TestServer;
let env: Record<string, string>;
const staff = testUser('Sara Svensson');
const staffChannel: Where = teamChannel('orebro-personal');

beforeAll(async () => {
  connector = await startFakeBotConnector();
  env = { DATA_DIR: await temporaryDataDir() };
  const added = await runCliInProcess(['staff', 'add', '--municipality', 'orebro', '--name', 'Sara Svensson', '--teams-user', staff.aadObjectId, '--teams-tenant', TEST_TENANT], env);
  expect(added.code, added.stderr).toBe(0);
  server = await startTestServer({}, env.DATA_DIR);
  // The bot added to the team, and the channel made Örebro's staff channel by staff saying so.
  expect((await postActivity(server.url, membersActivity(connector.serviceUrl, staff, staffChannel, 'added'))).status).toBe(200);
  const post = channelThread(staffChannel, '1770000000001');
  expect((await postActivity(server.url, messageActivity(connector.serviceUrl, staff, post, 'personalkanal Örebro', { mention: true }))).status).toBe(200);
  expect(messagesIn(post).at(-1)!.activity.text).toBe(r.staffChannelSet('Örebro kommun'));
});

afterEach(() => {
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await connector?.close();
});

const messagesIn = (where: Where): RecordedActivity[] => recordedIn(connector, where);

const exchange = (where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server.url, where, activity);

const say = (user: TestUser, where: Where, text: string) => exchange(where, messageActivity(connector.serviceUrl, user, where, text));
const press = (user: TestUser, where: Where, value: Record<string, unknown>) => exchange(where, submitActivity(connector.serviceUrl, user, where, value));

async function registrations(): Promise<Array<{ id: string; status: string; name: string; reason: string | null }>> {
  const listed = await runCliInProcess(['registrations', 'list', '--json'], env);
  expect(listed.code, listed.stderr).toBe(0);
  return JSON.parse(listed.stdout) as never;
}

/** A guest who installed the app and has the form filled in, up to the submit. */
async function applicantWithForm(name: string): Promise<{ user: TestUser; chat: Where; form: Card }> {
  const user = testUser(name);
  const chat = personalChat(user);
  await exchange(chat, installationActivity(connector.serviceUrl, user, chat, 'add'));
  const [form] = await say(user, chat, 'registrera');
  return { user, chat, form: cardOf(form!) };
}

const typed = (name: string, email: string) => ({
  'registration.municipality': 'orebro',
  'registration.providerName': 'Omsorg i Örebro AB',
  'registration.orgNumber': '556036-0793',
  'registration.name': name,
  'registration.email': email,
  'registration.phone': '070-123 45 67',
});

describe('registration in Teams', () => {
  let applicant: TestUser;
  let chat: Where;
  let review: Card;

  it('"Registrera dig" on the welcome card opens the same form as "registrera"', async () => {
    const user = testUser('Vera Välkommen');
    const where = personalChat(user);
    const [welcome] = await exchange(where, installationActivity(connector.serviceUrl, user, where, 'add'));
    const [form] = await press(user, where, pressButton(cardOf(welcome!), 'Registrera dig'));
    expect(cardTexts(cardOf(form!))[0]).toBe(r.formTitle);
  });

  it('a guest says "registrera" and gets the form; a bad organisation number comes back under its field, with what was typed', async () => {
    const started = await applicantWithForm('Anna Andersson');
    ({ user: applicant, chat } = started);
    const shown = cardTexts(started.form);
    expect(shown[0]).toBe(r.formTitle);
    expect(shown).toEqual(expect.arrayContaining(Object.values(r.fieldLabels)));

    const bad = { ...typed('Anna Andersson', 'anna@omsorg.se'), 'registration.orgNumber': '556036-0794' };
    const [again] = await press(applicant, chat, pressButton(started.form, r.submit, bad));
    const card = cardOf(again!);
    expect(cardTexts(card)).toContain(r.fixErrors);
    const index = card.body.findIndex((element) => element.id === 'registration.orgNumber');
    expect(card.body[index]).toMatchObject({ value: '556036-0794' });
    expect(card.body[index + 1]).toMatchObject({ type: 'TextBlock', color: 'attention', text: 'Organisationsnumret ska vara 10 siffror (NNNNNN-NNNN) med rätt kontrollsiffra' });
    expect(card.body.find((element) => element.id === 'registration.municipality')).toMatchObject({ value: 'orebro' });
    expect(card.body.find((element) => element.id === 'registration.email')).toMatchObject({ value: 'anna@omsorg.se' });
    expect(await registrations()).toEqual([]);
  });

  it('corrected, it is sent: the applicant is told and the staff channel gets the review card, masked', async () => {
    const [form] = messagesIn(chat).slice(-1);
    const before = messagesIn(staffChannel).length;
    const [received] = await press(applicant, chat, pressButton(cardOf(form!), r.submit, { 'registration.orgNumber': '556036-0793' }));
    expect(received!.activity.text).toMatch(/^Tack Anna Andersson! Din ansökan \(r-[0-9a-f]{8}\) om att bli IT-kontakt för Omsorg i Örebro AB i Örebro kommun är skickad\. Kommunens personal har fått den/u);

    const [posted] = messagesIn(staffChannel).slice(before);
    expect(posted!.replyToId).toBeUndefined();
    review = cardOf(posted!);
    const shown = cardTexts(review);
    expect(shown[0]).toBe('Ny ansökan om IT-kontakt: Anna Andersson, Omsorg i Örebro AB');
    expect(shown).toEqual(expect.arrayContaining(['Örebro kommun', 'anna@omsorg.se', '556036-****']));
    // The channel is read by others: no full organisation or phone number on the card.
    expect(JSON.stringify(review)).not.toMatch(/0793|123 ?45/u);
    expect(review.actions!.map((action) => action.title)).toEqual(['Godkänn', 'Avslå']);
  });

  it('the applicant (or anyone not Örebro staff) pressing Godkänn is refused, and the application still waits', async () => {
    const approve = pressButton(review, 'Godkänn');
    const [refused] = await press(applicant, chat, approve);
    expect(refused!.activity).toMatchObject({ type: 'message', text: 'Bara personal i orebro kan besluta om den här ansökan.' });
    const stranger = testUser('Olle Okänd');
    const [alsoRefused] = await press(stranger, personalChat(stranger), approve);
    expect(alsoRefused!.activity.text).toBe('Bara personal i orebro kan besluta om den här ansökan.');
    expect((await registrations()).map((request) => request.status)).toEqual(['pending']);
    const contacts = await runCliInProcess(['contacts', 'list', '--json'], env);
    expect(JSON.parse(contacts.stdout)).toEqual([]);
  });

  it('staff press Godkänn: the applicant’s chat gets the decision, and the registry has the IT-contact', async () => {
    const before = messagesIn(chat).length;
    // Pressed on the card's post: Teams sends it from that post's thread.
    const [recorded] = await press(staff, channelThread(staffChannel, '1770000000002'), pressButton(review, 'Godkänn'));
    expect(recorded!.activity.text).toMatch(/^Godkänd: Anna Andersson, Omsorg i Örebro AB \(r-[0-9a-f]{8}\)\. Den sökande har fått besked\.$/u);
    const [decided] = messagesIn(chat).slice(before);
    expect(decided!.replyToId).toBeUndefined();
    expect(decided!.activity.text).toMatch(/är godkänd: du är nu registrerad IT-kontakt för Omsorg i Örebro AB i Örebro kommun\.$/u);

    const listed = await runCliInProcess(['contacts', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        role: 'it-contact',
        municipality: 'orebro',
        name: 'Anna Andersson',
        email: 'anna@omsorg.se',
        provider: { name: 'Omsorg i Örebro AB', orgNumber: '556036-0793' },
        identities: [{ platform: 'teams', tenantId: TEST_TENANT, userId: applicant.aadObjectId }],
        active: true,
      }),
    ]);
    // Now an IT-contact: "ärende" opens Örebro's ticket form, prefilled with the provider.
    const [form] = await say(applicant, chat, 'ärende');
    expect(cardOf(form!).body.find((element) => element.id === 'field.provider')).toMatchObject({ value: 'Omsorg i Örebro AB' });
  });

  it('a decided application cannot be decided again from the same card', async () => {
    const [again] = await press(staff, staffChannel, pressButton(review, 'Godkänn'));
    expect(again!.activity.text).toMatch(/^Ansökan är redan godkänd/u);
  });

  it('Avslå unfolds a reason; the applicant is told the outcome with it', async () => {
    const other = await applicantWithForm('Bertil Bengtsson');
    const before = messagesIn(staffChannel).length;
    await press(other.user, other.chat, pressButton(other.form, r.submit, typed('Bertil Bengtsson', 'bertil@omsorg.se')));
    const card = cardOf(messagesIn(staffChannel).slice(before)[0]!);
    // The client refuses to send a rejection without a reason.
    expect(() => pressButton(card, r.rejectTitle)).toThrow(/required input reason/u);

    const chatBefore = messagesIn(other.chat).length;
    const [recorded] = await press(staff, staffChannel, pressButton(card, r.rejectTitle, { reason: 'Utföraren har redan en IT-kontakt.' }));
    expect(recorded!.activity.text).toMatch(/^Avslagen: Bertil Bengtsson/u);
    const [decided] = messagesIn(other.chat).slice(chatBefore);
    expect(decided!.activity.text).toMatch(/har avslagits: Utföraren har redan en IT-kontakt\.$/u);
    expect((await registrations()).find((request) => request.name === 'Bertil Bengtsson')).toMatchObject({ status: 'rejected', reason: 'Utföraren har redan en IT-kontakt.' });
  });
});
