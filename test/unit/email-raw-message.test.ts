import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { RawMessages } from '../../adapters/email/raw-message.js';

const fields = {
  from: 'Göteborgs Stad driftinfo <driftinfo@goteborg.se>',
  to: 'it@omsorg.se',
  subject: 'Planerat driftstopp: Uppgradering av Treserva – söndag 13 december',
  text: `Treserva går inte att nå under fönstret.\n\nEn rad som är längre än sjuttioåtta tecken, så att den måste kodas och brytas av quoted-printable: ${'å'.repeat(60)}`,
  messageId: '<GBG-DRIFT-2026-0001.update-2.email-abc@itkontakt>',
  inReplyTo: '<GBG-DRIFT-2026-0001.publish-1.email-abc@itkontakt>',
  references: ['<GBG-DRIFT-2026-0001.publish-1.email-abc@itkontakt>', '<GBG-DRIFT-2026-0001.update-1.email-abc@itkontakt>'],
};

describe('raw notice emails', () => {
  it('reads back as the email it stands for: its own headers, the shared From, Subject and text', async () => {
    const raw = await new RawMessages().build(fields, new Date('2026-12-04T10:00:00Z'));
    const mail = await simpleParser(raw!);
    expect(mail.to).toMatchObject({ value: [{ address: 'it@omsorg.se' }] });
    expect(mail.from).toMatchObject({ value: [{ name: 'Göteborgs Stad driftinfo', address: 'driftinfo@goteborg.se' }] });
    expect(mail.subject).toBe(fields.subject);
    expect(mail.text?.trimEnd()).toBe(fields.text);
    expect(mail.messageId).toBe(fields.messageId);
    expect(mail.inReplyTo).toBe(fields.inReplyTo);
    expect(mail.references).toEqual(fields.references);
    expect(mail.date?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    // Each header once: the template's own Date and Message-ID are gone.
    const head = raw!.subarray(0, raw!.indexOf('\r\n\r\n')).toString('latin1');
    expect(head.match(/^Message-ID:/gimu)).toHaveLength(1);
    expect(head.match(/^Date:/gimu)).toHaveLength(1);
    expect(head.split('\r\n').at(-1)).toMatch(/^Content-Transfer-Encoding|^Content-Type/u);
    expect(head).not.toMatch(/[^\x00-\x7f]/u);
  });

  it('composes the shared part once per text, and each recipient gets their own headers', async () => {
    const messages = new RawMessages();
    const first = await messages.build(fields, new Date());
    const second = await messages.build({ ...fields, to: 'annan@omsorg.se', messageId: '<x@itkontakt>', inReplyTo: undefined, references: undefined }, new Date());
    const bodyOf = (raw: Buffer): string => raw.subarray(raw.indexOf('\r\n\r\n')).toString('latin1');
    expect(bodyOf(second!)).toBe(bodyOf(first!));
    const mail = await simpleParser(second!);
    expect(mail.to).toMatchObject({ value: [{ address: 'annan@omsorg.se' }] });
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
  });

  it('leaves an address that needs encoding to nodemailer', async () => {
    expect(await new RawMessages().build({ ...fields, to: 'åsa@omsorg.se' }, new Date())).toBeUndefined();
    expect(await new RawMessages().build({ ...fields, to: 'it@omsorg.se\r\nBcc: x@y.se' }, new Date())).toBeUndefined();
  });
});
