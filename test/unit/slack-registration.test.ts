import { describe, expect, it } from 'vitest';
import { registrationErrors, registrationFormMessage, registrationModal, readSlackPayload, rejectModal } from '../../adapters/slack/index.js';
import { registrationTexts, type Reply } from '../../src/bot/index.js';

type FormReply = Extract<Reply, { kind: 'registration-form' }>;
type Input = { type: string; block_id: string; element: { type: string; initial_value?: string; initial_option?: { value: string }; options?: unknown[] } };

const MUNICIPALITIES = [
  { id: 'goteborg', name: 'Göteborgs Stad' },
  { id: 'uppsala', name: 'Uppsala kommun' },
];
const EMPTY = { municipality: '', providerName: '', orgNumber: '', name: '', email: '', phone: '' };

function form(overrides: Partial<FormReply> = {}): FormReply {
  return { kind: 'registration-form', language: 'sv', values: EMPTY, errors: [], municipalities: MUNICIPALITIES, ...overrides };
}

const inputs = (view: { blocks: unknown[] }): Input[] => view.blocks.filter((block) => (block as { type: string }).type === 'input') as Input[];

function submission(callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>): unknown {
  return { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1', team_id: 'T1' }, view: { callback_id: callbackId, private_metadata: privateMetadata, state: { values } } };
}

describe('the registration modal', () => {
  it('prefills what is known, lets carried values win, and leaves empty fields without an initial value', () => {
    const view = registrationModal(form({ values: { ...EMPTY, municipality: 'uppsala', name: 'Anna' } }), { channel: 'U1', language: 'sv' }, { name: 'Anna Andersson', phone: '070-123 45 67' });
    const [municipality, provider, , name, , phone] = inputs(view);
    expect(municipality!.element).toMatchObject({ type: 'static_select', initial_option: { value: 'uppsala' } });
    expect(provider!.element.initial_value).toBeUndefined();
    expect(name!.element.initial_value).toBe('Anna Andersson');
    expect(phone!.element.initial_value).toBe('070-123 45 67');
    expect(JSON.parse(view.private_metadata!)).toEqual({ channel: 'U1', language: 'sv' });
  });

  it('chooses no municipality for a name it does not know, and asks in text when there are too many for a menu', () => {
    expect(inputs(registrationModal(form({ values: { ...EMPTY, municipality: 'Atlantis' } }), { channel: 'U1', language: 'sv' }))[0]!.element.initial_option).toBeUndefined();
    const many = Array.from({ length: 101 }, (_, index) => ({ id: `m${index}`, name: `Kommun ${index}` }));
    const [municipality] = inputs(registrationModal(form({ municipalities: many, values: { ...EMPTY, municipality: 'Kommun 7' } }), { channel: 'U1', language: 'sv' }));
    expect(municipality!.element).toMatchObject({ type: 'plain_text_input', initial_value: 'Kommun 7' });
  });

  it('keeps titles and buttons within Slack’s 24 characters in English too', () => {
    for (const view of [registrationModal(form({ language: 'en' }), { channel: 'U1', language: 'en' }), rejectModal({ requestId: 'r-1', language: 'en' })]) {
      for (const label of [view.title, view.submit, view.close]) expect(label!.text.length).toBeLessThanOrEqual(24);
    }
  });

  it('maps field errors to their blocks, joins two on one field, and puts an unknown field’s error on the first', () => {
    const errors = registrationErrors(
      form({
        errors: [
          { field: 'orgNumber', message: 'Kontrollsiffran stämmer inte.' },
          { field: 'orgNumber', message: 'Ska vara 10 siffror.' },
          { field: 'email', message: 'E-postadressen ser inte rätt ut.' },
          { field: 'extra', message: 'Okänt fält.' },
        ],
      }),
    );
    expect(errors).toEqual({
      'registration:orgNumber': 'Kontrollsiffran stämmer inte. Ska vara 10 siffror.',
      'registration:email': 'E-postadressen ser inte rätt ut.',
      'registration:municipality': 'extra: Okänt fält.',
    });
    expect(registrationErrors(form())).toBeUndefined();
  });
});

describe('the form as a message', () => {
  /** The value of "Fyll i ansökan", pressed and read back as Slack would send it. */
  function pressed(reply: FormReply) {
    const message = registrationFormMessage(reply);
    const actions = message.blocks.find((block) => block.type === 'actions') as { elements: Array<{ action_id: string; value: string }> };
    const [button] = actions.elements;
    expect(button!.action_id).toBe('open-registration');
    expect(button!.value.length).toBeLessThanOrEqual(2000);
    return { message, inbound: readSlackPayload({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1' }, trigger_id: '1.2.3', actions: [{ type: 'button', action_id: 'open-registration', value: button!.value }] }) };
  }

  it('lists what to fix, and its button carries what was typed back into the modal', () => {
    const { message, inbound } = pressed(form({ language: 'en', values: { ...EMPTY, name: 'Anna' }, errors: [{ field: 'orgNumber', message: 'Wrong check digit.' }] }));
    expect(JSON.stringify(message.blocks)).toContain('*Organisation number*: Wrong check digit.');
    expect(inbound).toMatchObject({ kind: 'action', action: { type: 'start-registration' }, language: 'en', triggerId: '1.2.3', carried: { name: 'Anna' } });
  });

  it('leaves the values out rather than exceed Slack’s 2000 characters for a button value', () => {
    const long = { ...EMPTY, providerName: 'x'.repeat(400), name: 'y'.repeat(400), email: 'z'.repeat(400), phone: '1'.repeat(400), orgNumber: '2'.repeat(400) };
    const { inbound } = pressed(form({ values: long }));
    expect(inbound).toMatchObject({ kind: 'action', action: { type: 'start-registration' }, carried: undefined });
  });
});

describe('reading modal submissions', () => {
  it('reads the registration form from menu and text inputs, with the metadata the modal was opened with', () => {
    const inbound = readSlackPayload(
      submission('registration', JSON.stringify({ channel: 'U1', language: 'en' }), {
        'registration:municipality': { value: { type: 'static_select', selected_option: { value: 'goteborg' } } },
        'registration:orgNumber': { value: { type: 'plain_text_input', value: ' 556036-0793 ' } },
        'registration:phone': { value: { type: 'plain_text_input', value: null } },
      }),
    );
    expect(inbound).toEqual({
      kind: 'registration-submitted',
      teamId: 'T1',
      userId: 'U1',
      values: { municipality: 'goteborg', providerName: '', orgNumber: '556036-0793', name: '', email: '', phone: '' },
      metadata: { channel: 'U1', language: 'en' },
    });
  });

  it('refuses forged metadata and overlong fields as invalid', () => {
    expect(readSlackPayload(submission('registration', '{"channel":"#general; drop","language":"sv"}', {})).kind).toBe('invalid');
    expect(readSlackPayload(submission('registration', 'not json', {})).kind).toBe('invalid');
    expect(readSlackPayload(submission('registration', JSON.stringify({ channel: 'U1', language: 'sv' }), { 'registration:name': { value: { type: 'plain_text_input', value: 'x'.repeat(501) } } })).kind).toBe('invalid');
  });

  it('reads the reason for Avslå, trimmed, with the review to update', () => {
    const metadata = { requestId: 'r-1a2b3c4d', language: 'sv', review: { channel: 'C0STAFF', ts: '1760000000.000100' } };
    const inbound = readSlackPayload(submission('registration-reject-reason', JSON.stringify(metadata), { 'reject-reason': { value: { type: 'plain_text_input', value: '  Fel utförare.  ' } } }));
    expect(inbound).toMatchObject({ kind: 'rejection-submitted', reason: 'Fel utförare.', metadata });
  });

  it('reads Avslå as a request for the reason modal, and a mismatched decision value as forged', () => {
    const press = (actionId: string, decision: string) =>
      readSlackPayload({
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: 'U1' },
        trigger_id: '1.2.3',
        container: { type: 'message', channel_id: 'C0STAFF', message_ts: '1760000000.000100', is_ephemeral: false },
        message: { ts: '1760000000.000100', blocks: [] },
        actions: [{ type: 'button', action_id: actionId, value: JSON.stringify({ requestId: 'r-1a2b3c4d', decision, language: 'sv' }) }],
      });
    expect(press('registration-reject', 'reject')).toMatchObject({ kind: 'reject-requested', triggerId: '1.2.3', metadata: { requestId: 'r-1a2b3c4d', review: { channel: 'C0STAFF', ts: '1760000000.000100' } } });
    expect(press('registration-approve', 'approve')).toMatchObject({ kind: 'action', action: { type: 'decide-registration', requestId: 'r-1a2b3c4d', approve: true } });
    expect(press('registration-reject', 'approve').kind).toBe('invalid');
  });

  it('uses the texts of the registry’s form for labels', () => {
    const view = registrationModal(form(), { channel: 'U1', language: 'sv' });
    expect(view.blocks.filter((block) => block.type === 'input').map((block) => (block as { label: { text: string } }).label.text)).toEqual(Object.values(registrationTexts.sv.fieldLabels));
  });
});
