import { describe, expect, it } from 'vitest';
import { REGISTRATION_FIELDS, noticeTexts, registrationTexts, texts, ticketTexts, type MunicipalityChoice, type RegistrationSummary, type Reply, type TicketForm, type TicketSummary } from '../../src/bot/index.js';
import { ticketForm } from '../../src/bot/ticket-summary.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, renderReply, type AdaptiveCard } from '../../adapters/teams/index.js';
import { adaptiveCardProblems, cardActions, cardTexts, type Card } from '../support/fake-bot-connector.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';

async function municipalities(): Promise<MunicipalityChoice[]> {
  return (await bundledKnowledge()).municipalities.map(({ id, name }) => ({ id, name }));
}

function cardIn(reply: Reply): Card {
  const activity = renderReply(reply);
  expect(activity.type).toBe('message');
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return attachment!.content as Card;
}

async function answerReply(question: string, municipality?: string): Promise<Extract<Reply, { kind: 'answer' }>> {
  const answer = (await bundledEngine()).ask(question, { municipality });
  return { kind: 'answer', language: answer.language, question, answer };
}

describe('Teams cards', () => {
  it('an answer is an Adaptive Card 1.5 with the facts, a Källa section with document, heading and quote, and the buttons', async () => {
    const reply = await answerReply('Vilken mobiltelefonmodell ska personalen ha i tjänsten?', 'goteborg');
    expect(reply.answer.found).toBe(true);
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', lang: 'sv' });
    const shown = cardTexts(card);
    expect(shown[0]).toBe('Svar för Göteborgs Stad');
    const record = reply.answer.groups[0]!.records[0]!;
    expect(shown).toContain(record.text);
    expect(shown).toContain('Källa');
    expect(shown).toContain(`${record.citation.document.sv}, ${record.citation.heading}`);
    expect(shown).toContain(`«${record.citation.quote}»`);
    const factSets = JSON.stringify(card.body).match(/"type":"FactSet"/gu) ?? [];
    expect(factSets).toHaveLength(reply.answer.sources.length);
    expect(shown).toContain('Hjälpte svaret?');

    const actions = cardActions(card);
    expect(actions.map((action) => action.title)).toEqual(['Ja', 'Nej', 'Skapa ärende']);
    expect(actions.every((action) => action.type === 'Action.Submit')).toBe(true);
    const feedback = { verb: 'feedback', question: reply.question, municipality: 'goteborg', answerId: reply.answer.answerId, lang: 'sv' };
    expect(actions[0]!.data).toEqual({ ...feedback, helpful: true });
    expect(actions[1]!.data).toEqual({ ...feedback, helpful: false });
    expect(actions[2]!.data).toEqual({ verb: 'create-ticket', question: reply.question, lang: 'sv' });
    expect(card.fallbackText).toBe(reply.answer.answer);
  });

  it('an answer from several municipalities names each, and its feedback has no single municipality', async () => {
    const reply = await answerReply('Vilka krav gäller för lösenord?');
    expect(reply.answer.groups.length).toBeGreaterThan(1);
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(texts.sv.answerForMany);
    for (const group of reply.answer.groups) expect(shown).toContain(group.municipalityName);
    expect(cardActions(card)[0]!.data).toMatchObject({ municipality: null, answerId: reply.answer.answerId });
  });

  it('an English answer is in English: "Source", "Did this help?", "Create ticket"', async () => {
    const reply = await answerReply("How will we be told when the city's systems are down?", 'goteborg');
    expect(reply.language).toBe('en');
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(card.lang).toBe('en');
    const shown = cardTexts(card);
    expect(shown).toEqual(expect.arrayContaining(['Answer for Göteborgs Stad', 'Source', 'Did this help?', 'Yes', 'No', 'Create ticket']));
  });

  it('an out-of-scope question gets a short card that says so and offers a ticket', async () => {
    const reply = await answerReply('Vem vann fotbolls-VM 2018?', 'orebro');
    expect(reply.answer.found).toBe(false);
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([texts.sv.notFoundTitle, reply.answer.answer, texts.sv.createTicket]);
    expect(cardActions(card)).toEqual([{ type: 'Action.Submit', title: 'Skapa ärende', data: { verb: 'create-ticket', question: reply.question, lang: 'sv' } }]);
  });

  it('the welcome card says what the bot does and has the municipality menu, with the current choice selected', async () => {
    const all = await municipalities();
    const card = cardIn({ kind: 'welcome', language: 'sv', municipality: all[1]!, municipalities: all });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown).toEqual(expect.arrayContaining([texts.sv.welcomeTitle, texts.sv.welcome, texts.sv.helpTitle, `• ${texts.sv.helpLines[0]}`]));
    const menu = card.body.find((element) => element.type === 'Input.ChoiceSet');
    expect(menu).toMatchObject({ id: 'municipality', isRequired: true, value: all[1]!.id });
    expect((menu!.choices as unknown[]).length).toBe(all.length);
    expect(cardActions(card)).toEqual([
      { type: 'Action.Submit', title: texts.sv.selectMunicipality, data: { verb: 'choose-municipality', lang: 'sv' } },
      { type: 'Action.Submit', title: 'Registrera dig', data: { verb: 'start-registration', lang: 'sv' } },
    ]);
    // "Registrera dig" must not be held back by the (required) municipality menu next to it.
    expect(card.actions![1]).toMatchObject({ associatedInputs: 'None' });
  });

  it('the choose-municipality card names an unknown municipality and lists them all', async () => {
    const all = await municipalities();
    const card = cardIn({ kind: 'choose-municipality', language: 'en', municipalities: all, unknown: 'Atlantis' });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(texts.en.unknownMunicipality('Atlantis'));
    expect(shown).toContain(texts.en.chooseMunicipality);
    for (const municipality of all) expect(shown).toContain(municipality.name);
  });

  it('the help card lists what the bot can do and the current municipality', async () => {
    const card = cardIn({ kind: 'help', language: 'sv', municipality: null, municipalities: await municipalities() });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([texts.sv.helpTitle, ...texts.sv.helpLines.map((line) => `• ${line}`), texts.sv.currentMunicipality(null)]);
  });

  it('confirmations are plain text, so quotes and asterisks show as written', async () => {
    const [first] = await municipalities();
    expect(renderReply({ kind: 'municipality-set', language: 'sv', municipality: first! })).toEqual({ type: 'message', text: texts.sv.municipalitySet(first!), textFormat: 'plain', locale: 'sv-SE' });
    expect(renderReply({ kind: 'feedback-recorded', language: 'en', helpful: false })).toMatchObject({ text: texts.en.feedbackThanks(false), locale: 'en-US' });
    expect(renderReply({ kind: 'notice-channel-set', language: 'sv', municipality: first!, enabled: true })).toMatchObject({ text: noticeTexts.sv.channelSet(first!.name), textFormat: 'plain' });
  });

  it('the card check catches what Teams would not render (so the checks above can fail)', async () => {
    const valid = adaptiveCard({ body: [{ type: 'TextBlock', text: 'Hej' }] });
    expect(await adaptiveCardProblems(valid)).toEqual([]);
    const broken = {
      ...valid,
      body: [{ type: 'TextBlock', text: 'Hej', weight: 'bold' }, { type: 'Bogus' }, { type: 'Input.ChoiceSet', choices: [] }],
    } as unknown as AdaptiveCard;
    const problems = await adaptiveCardProblems(broken);
    expect(problems.some((problem) => problem.startsWith('schema:') && problem.includes('weight'))).toBe(true);
    expect(problems.some((problem) => problem.includes('Unknown element type "Bogus"'))).toBe(true);
    expect(await adaptiveCardProblems({ ...valid, version: '1.6' })).toContain('version: expected "1.5", got "1.6"');
    // The inputs and actions of forms and staff cards are checked as closely.
    const form = {
      ...valid,
      body: [
        { type: 'Input.Text', id: 'a', isMultiLine: true },
        { type: 'Input.Date', id: 'b', value: '2026-01-01', style: 'compact' },
        { type: 'Input.Text', id: 'c', style: 'phone' },
      ],
      actions: [{ type: 'Action.ShowCard', title: 'Avslå', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'a', label: 7 }] } }],
    } as unknown as AdaptiveCard;
    const formProblems = (await adaptiveCardProblems(form)).join('\n');
    expect(formProblems).toMatch(/schema:.*isMultiLine/u);
    expect(formProblems).toMatch(/schema:.*style/u);
    expect(formProblems).toMatch(/schema:.*label/u);
    expect(formProblems).toMatch(/Duplicate id "a"|duplicate/iu);
  });
});

describe('Teams cards for registration and tickets', () => {
  const orebro: MunicipalityChoice = { id: 'orebro', name: 'Örebro kommun' };
  const request: RegistrationSummary = {
    id: 'REG-0001',
    municipality: orebro,
    providerName: 'Omsorg AB',
    orgNumberMasked: '556036-****',
    name: 'Anna Andersson',
    email: 'anna@omsorg.se',
    phoneMasked: '070-*** ** 67',
    status: 'pending',
  };
  const ticket: TicketSummary = { id: 'ORE-2026-0001', title: 'Ny användare i Lifecare SP', status: 'new', municipality: orebro, deadline: null, updatedAt: '2026-11-25T09:00:00.000Z' };

  async function lifecareForm(): Promise<TicketForm> {
    const type = (await bundledKnowledge()).ticketTypes.find((candidate) => candidate.id === 'ore-ticket-lifecare-sp-user')!;
    return ticketForm(type, 'sv');
  }

  /** The body element right after the input with this id. */
  function after(card: Card, id: string): Record<string, unknown> | undefined {
    const index = card.body.findIndex((element) => element.id === id);
    expect(index, `input ${id}`).toBeGreaterThanOrEqual(0);
    return card.body[index + 1];
  }

  it('the registration form has one required input per field, prefilled, with each error right under its field', async () => {
    const all = await municipalities();
    const values = { municipality: 'Örebro kommun', providerName: 'Omsorg AB', orgNumber: '123', name: 'Anna', email: 'anna@omsorg.se', phone: '' };
    const card = cardIn({ kind: 'registration-form', language: 'sv', values, errors: [{ field: 'orgNumber', message: 'Ogiltigt organisationsnummer.' }], municipalities: all });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const inputs = card.body.filter((element) => String(element.type).startsWith('Input.'));
    expect(inputs.map((input) => input.id)).toEqual(REGISTRATION_FIELDS.map((field) => `registration.${field}`));
    expect(inputs.every((input) => input.isRequired === true)).toBe(true);
    // The municipality is a menu, selected by id even when the name was typed.
    expect(inputs[0]).toMatchObject({ type: 'Input.ChoiceSet', value: 'orebro', label: registrationTexts.sv.fieldLabels.municipality });
    expect(inputs.find((input) => input.id === 'registration.orgNumber')).toMatchObject({ type: 'Input.Text', value: '123' });
    expect(inputs.find((input) => input.id === 'registration.email')).toMatchObject({ style: 'email' });
    expect(inputs.find((input) => input.id === 'registration.phone')).not.toHaveProperty('value');
    expect(after(card, 'registration.orgNumber')).toMatchObject({ type: 'TextBlock', text: 'Ogiltigt organisationsnummer.', color: 'attention' });
    expect(after(card, 'registration.name')).toMatchObject({ type: 'Input.Text' });
    expect(cardTexts(card)).toContain(registrationTexts.sv.fixErrors);
    expect(cardActions(card)).toEqual([{ type: 'Action.Submit', title: registrationTexts.sv.submit, data: { verb: 'submit-registration', lang: 'sv' } }]);
  });

  it('the review card shows the masked application, Godkänn, and Avslå with a required reason', async () => {
    const card = cardIn({ kind: 'registration-review', language: 'sv', request });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(registrationTexts.sv.reviewTitle(request));
    expect(shown).toEqual(expect.arrayContaining(['556036-****', '070-*** ** 67', 'REG-0001']));
    expect(JSON.stringify(card)).not.toMatch(/556036-0793|123 45 67/u);
    expect(card.actions!.map((action) => [action.type, action.title])).toEqual([
      ['Action.Submit', 'Godkänn'],
      ['Action.ShowCard', 'Avslå'],
    ]);
    expect(card.actions![0]!.data).toEqual({ verb: 'decide-registration', requestId: 'REG-0001', approve: true, lang: 'sv' });
    const shownCard = card.actions![1]!.card as Card;
    expect(shownCard.body).toEqual([expect.objectContaining({ type: 'Input.Text', id: 'reason', isRequired: true, label: registrationTexts.sv.rejectReason, errorMessage: registrationTexts.sv.reasonRequired })]);
    expect(shownCard.actions).toEqual([expect.objectContaining({ type: 'Action.Submit', title: registrationTexts.sv.rejectTitle, data: { verb: 'decide-registration', requestId: 'REG-0001', approve: false, lang: 'sv' } })]);
  });

  it('the ticket type choice has a button per type, with its description and deadline', async () => {
    const types = (await bundledKnowledge()).ticketTypes.filter((type) => type.municipalityId === 'goteborg').map((type) => ticketForm(type, 'sv'));
    expect(types.length).toBeGreaterThan(1);
    const card = cardIn({ kind: 'ticket-type-choice', language: 'sv', municipality: { id: 'goteborg', name: 'Göteborgs Stad' }, types });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe(ticketTexts.sv.chooseType('Göteborgs Stad'));
    expect(cardActions(card)).toEqual(types.map((type) => ({ type: 'Action.Submit', title: type.title, data: { verb: 'choose-ticket-type', typeId: type.id, lang: 'sv' } })));
    const withDeadline = types.find((type) => type.deadline);
    if (withDeadline) expect(cardTexts(card)).toContain(ticketTexts.sv.deadline(withDeadline.deadline!));
  });

  it('the Lifecare SP form: an input per field with the help as placeholder, the prerequisite, errors under fields, values kept', async () => {
    const type = await lifecareForm();
    const values = { provider: 'Omsorg AB', name: 'Bo Berg', function: 'Enhetschef', hsaId: 'fel-id', treservaUsername: 'bober' };
    const card = cardIn({ kind: 'ticket-form', language: 'sv', municipality: orebro, type, values, errors: [{ field: 'hsaId', message: 'Ogiltigt HSA-id.' }] });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(`${type.title} (Örebro kommun)`);
    expect(shown).toContain(ticketTexts.sv.prerequisite(type.prerequisite!));
    const inputs = card.body.filter((element) => String(element.type).startsWith('Input.'));
    expect(inputs.map((input) => input.id)).toEqual(type.fields.map((field) => `field.${field.key}`));
    for (const field of type.fields) {
      expect(inputs.find((input) => input.id === `field.${field.key}`)).toMatchObject({ type: 'Input.Text', label: field.label, value: values[field.key as keyof typeof values], ...(field.help ? { placeholder: field.help } : {}) });
    }
    expect(after(card, 'field.hsaId')).toMatchObject({ type: 'TextBlock', text: 'Ogiltigt HSA-id.', color: 'attention' });
    expect(cardActions(card)).toEqual([{ type: 'Action.Submit', title: ticketTexts.sv.submit, data: { verb: 'submit-ticket', typeId: type.id, lang: 'sv' } }]);
  });

  it('form fields become the input Teams has for their type: multiline, date, choice, email, phone', async () => {
    const field = (key: string, fieldType: TicketForm['fields'][number]['type'], extra: Partial<TicketForm['fields'][number]> = {}) => ({ key, label: key, type: fieldType, required: true, options: [], help: null, ...extra });
    const type: TicketForm = {
      id: 'test-type',
      title: 'Test',
      description: 'Alla fälttyper',
      deadline: 'inom 48 timmar',
      prerequisite: null,
      fields: [
        field('what', 'multiline', { help: 'Beskriv' }),
        field('validUntil', 'date-not-past'),
        field('when', 'date'),
        field('kind', 'choice', { options: ['Dator', 'Telefon'] }),
        field('email', 'email', { required: false }),
        field('phone', 'phone'),
        field('ip', 'ipv4-public', { help: 't.ex. 81.2.3.4' }),
        field('pnr', 'personnummer'),
      ],
    };
    const values = { what: 'Rad 1\nRad 2', validUntil: '2099-12-31', when: 'i morgon', kind: 'Telefon', phone: '070-123 45 67' };
    const card = cardIn({ kind: 'ticket-form', language: 'en', municipality: orebro, type, values, errors: [{ field: 'other', message: 'Something else.' }] });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const input = (key: string) => card.body.find((element) => element.id === `field.${key}`);
    expect(input('what')).toMatchObject({ type: 'Input.Text', isMultiline: true, value: 'Rad 1\nRad 2', placeholder: 'Beskriv', isRequired: true, errorMessage: 'Fill in “what”.' });
    expect(input('validUntil')).toMatchObject({ type: 'Input.Date', value: '2099-12-31' });
    // Not a date an Input.Date can show: left empty for the user to pick.
    expect(input('when')).toMatchObject({ type: 'Input.Date' });
    expect(input('when')).not.toHaveProperty('value');
    expect(input('kind')).toMatchObject({ type: 'Input.ChoiceSet', value: 'Telefon', choices: [{ title: 'Dator', value: 'Dator' }, { title: 'Telefon', value: 'Telefon' }] });
    expect(input('email')).toMatchObject({ type: 'Input.Text', style: 'email' });
    expect(input('email')).not.toHaveProperty('isRequired');
    expect(input('phone')).toMatchObject({ style: 'tel', value: '070-123 45 67' });
    expect(input('ip')).toMatchObject({ type: 'Input.Text', placeholder: 't.ex. 81.2.3.4' });
    expect(input('pnr')).toMatchObject({ type: 'Input.Text' });
    const shown = cardTexts(card);
    expect(shown).toContain(ticketTexts.en.deadline('inom 48 timmar'));
    // An error about no field of the form is shown at the top rather than lost.
    expect(shown).toContain('other: Something else.');
  });

  it('the staff card has every field, the requester, and Ta ärendet / Begär komplettering / Markera som löst / Avvisa', async () => {
    const fields = [
      { label: 'Namn på behörig', value: 'Bo Berg' },
      { label: 'HSA-id', value: 'SE2321000016-1003' },
    ];
    const card = cardIn({ kind: 'ticket-staff', language: 'sv', ticket, fields, requester: 'Anna Andersson, anna@omsorg.se' });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(ticketTexts.sv.staffTitle(ticket));
    expect(shown).toEqual(expect.arrayContaining(['Namn på behörig', 'Bo Berg', 'HSA-id', 'SE2321000016-1003', ticketTexts.sv.requester, 'Anna Andersson, anna@omsorg.se']));
    expect(card.actions!.map((action) => [action.type, action.title])).toEqual([
      ['Action.Submit', 'Ta ärendet'],
      ['Action.ShowCard', 'Begär komplettering'],
      ['Action.Submit', 'Markera som löst'],
      ['Action.ShowCard', 'Avvisa'],
    ]);
    expect(card.actions![0]!.data).toEqual({ verb: 'ticket-action', ticketId: ticket.id, action: 'take', lang: 'sv' });
    expect(card.actions![2]!.data).toEqual({ verb: 'ticket-action', ticketId: ticket.id, action: 'resolve', lang: 'sv' });
    for (const [index, action, id] of [[1, 'ask', 'note.ask'], [3, 'reject', 'note.reject']] as const) {
      const shownCard = card.actions![index]!.card as Card;
      expect(shownCard.body[0]).toMatchObject({ type: 'Input.Text', id, isRequired: true, label: ticketTexts.sv.noteLabel });
      expect(shownCard.actions![0]).toMatchObject({ type: 'Action.Submit', data: { verb: 'ticket-action', ticketId: ticket.id, action, lang: 'sv' } });
    }
  });

  it('an update asks "Blev det löst?" with Ja/Nej after resolution, and is plain text otherwise', async () => {
    const resolved = { ...ticket, status: 'resolved' as const };
    const card = cardIn({ kind: 'ticket-update', language: 'sv', ticket: resolved, note: 'Kontot är upplagt.', askRating: true });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([ticketTexts.sv.update(resolved, 'Kontot är upplagt.'), 'Blev det löst?', ticketTexts.sv.solvedYes, ticketTexts.sv.solvedNo]);
    expect(cardActions(card).map((action) => action.data)).toEqual([
      { verb: 'rate-ticket', ticketId: ticket.id, solved: true, lang: 'sv' },
      { verb: 'rate-ticket', ticketId: ticket.id, solved: false, lang: 'sv' },
    ]);
    const taken = { ...ticket, status: 'in-progress' as const };
    expect(renderReply({ kind: 'ticket-update', language: 'sv', ticket: taken, note: null, askRating: false })).toMatchObject({ text: ticketTexts.sv.update(taken, null), textFormat: 'plain' });
  });

  it('a message from staff is a card with Svara (a required answer); the requester’s answer to staff has no button', async () => {
    const fromStaff = cardIn({ kind: 'ticket-message', language: 'sv', ticket, from: 'staff', author: 'Sara Svensson', text: 'Vilken enhet?', canReply: true });
    expect(await adaptiveCardProblems(fromStaff)).toEqual([]);
    expect(cardTexts(fromStaff).slice(0, 2)).toEqual([ticketTexts.sv.messageFromStaff(ticket.id, 'Sara Svensson'), 'Vilken enhet?']);
    expect(fromStaff.actions![0]).toMatchObject({ type: 'Action.ShowCard', title: 'Svara' });
    const unfolded = fromStaff.actions![0]!.card as Card;
    expect(unfolded.body[0]).toMatchObject({ type: 'Input.Text', id: 'reply.text', isMultiline: true, isRequired: true });
    expect(unfolded.actions![0]).toMatchObject({ type: 'Action.Submit', data: { verb: 'reply-ticket', ticketId: ticket.id, lang: 'sv' } });
    const fromRequester = cardIn({ kind: 'ticket-message', language: 'en', ticket, from: 'requester', author: 'Anna Andersson', text: 'Home care North.', canReply: false });
    expect(await adaptiveCardProblems(fromRequester)).toEqual([]);
    expect(cardTexts(fromRequester)).toEqual([ticketTexts.en.messageFromRequester(ticket.id, 'Anna Andersson'), 'Home care North.']);
    expect(fromRequester.actions).toBeUndefined();
    expect(renderReply({ kind: 'ticket-message-sent', language: 'sv', ticket, delivered: false })).toMatchObject({ text: ticketTexts.sv.messageSent(ticket.id, false), textFormat: 'plain' });
  });

  it('an update asking the requester for more comes with Svara', async () => {
    const waiting = { ...ticket, status: 'waiting-for-requester' as const };
    const card = cardIn({ kind: 'ticket-update', language: 'sv', ticket: waiting, note: 'Vilket datum?', askRating: false });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe(ticketTexts.sv.update(waiting, 'Vilket datum?'));
    expect(card.actions!.map((action) => action.title)).toEqual(['Svara']);
  });

  it('"mina ärenden" lists tickets with their status; none is a sentence', async () => {
    const card = cardIn({ kind: 'ticket-list', language: 'sv', tickets: [ticket, { ...ticket, id: 'ORE-2026-0002', status: 'resolved' }] });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown).toEqual([ticketTexts.sv.listTitle, 'ORE-2026-0001: Ny användare i Lifecare SP', 'Ny · Örebro kommun · ändrat 2026-11-25', 'ORE-2026-0002: Ny användare i Lifecare SP', 'Löst · Örebro kommun · ändrat 2026-11-25']);
    expect(renderReply({ kind: 'ticket-list', language: 'sv', tickets: [] })).toMatchObject({ text: ticketTexts.sv.listEmpty });
  });

  it('"handled elsewhere" says how the municipality wants it done, with a Källa section', async () => {
    const note = (await bundledKnowledge()).handledElsewhere.find((candidate) => candidate.municipalityId === 'orebro')!;
    const card = cardIn({ kind: 'handled-elsewhere', language: 'sv', text: note.answer.sv, link: note.link, citation: note.citation });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([
      ticketTexts.sv.handledElsewhereTitle,
      note.answer.sv,
      'Källa',
      note.citation.municipalityName,
      `${note.citation.document.sv}, ${note.citation.heading}`,
      'Citat',
      `«${note.citation.quote}»`,
    ]);
  });

  it('receipts, decisions and errors are plain text', () => {
    const text = (reply: Reply) => renderReply(reply).text;
    expect(text({ kind: 'registration-received', language: 'sv', request, staffNotified: true })).toBe(registrationTexts.sv.received(request, true));
    expect(text({ kind: 'registration-decided', language: 'sv', request, approved: false, reason: 'Okänd utförare' })).toBe(registrationTexts.sv.decided(request, false, 'Okänd utförare'));
    expect(text({ kind: 'registration-decision-recorded', language: 'en', request, approved: true, applicantNotified: true })).toBe(registrationTexts.en.decisionRecorded(request, true, true));
    expect(text({ kind: 'staff-channel-set', language: 'sv', municipality: orebro })).toBe(registrationTexts.sv.staffChannelSet('Örebro kommun'));
    expect(text({ kind: 'ticket-filed', language: 'sv', ticket })).toBe(ticketTexts.sv.filed(ticket));
    expect(text({ kind: 'ticket-action-recorded', language: 'sv', ticket, requesterNotified: false })).toBe(ticketTexts.sv.actionRecorded(ticket, false));
    expect(text({ kind: 'ticket-rated', language: 'sv', ticket, solved: true })).toBe(ticketTexts.sv.rated(true));
    expect(renderReply({ kind: 'error', language: 'sv', message: 'Bara kommunens personal kan "göra" *det*.' })).toEqual({ type: 'message', text: 'Bara kommunens personal kan "göra" *det*.', textFormat: 'plain', locale: 'sv-SE' });
  });
});
