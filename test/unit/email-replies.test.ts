import { describe, expect, it } from 'vitest';
import { parseInboundEmail, replyText } from '../../adapters/email/index.js';
import { statusOfReply } from '../../src/bot/index.js';
import { errorTexts } from '../../src/cli/error-texts.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('the status a support reply sets', () => {
  it('reads a status word first on the first line, in Swedish or English, whatever its case and punctuation', () => {
    expect(statusOfReply('SV: Anmälan – ORE-2026-0001', 'Löst. Kontot är upplagt.')).toBe('resolved');
    expect(statusOfReply('SV: Anmälan – ORE-2026-0001', '\n\n  pågår\nVi tittar på det.')).toBe('in-progress');
    expect(statusOfReply('SV: Anmälan – ORE-2026-0001', 'KOMPLETTERING: vilket HSA-id har Bo?')).toBe('waiting-for-requester');
    expect(statusOfReply('Re: Ticket', '[Resolved] The account is ready.')).toBe('resolved');
    expect(statusOfReply('Re: Ticket', 'In progress - we are on it.')).toBe('in-progress');
    expect(statusOfReply('Re: Ticket', 'More information needed: which unit?')).toBe('waiting-for-requester');
  });

  it('reads it first or last in the subject, after SV:, Re:, AW: and the like', () => {
    expect(statusOfReply('Löst: SV: Anmälan av användare – ORE-2026-0001', 'Kontot är upplagt.')).toBe('resolved');
    expect(statusOfReply('SV: Re: Pågår – Anmälan av användare – ORE-2026-0001', 'Vi tittar på det.')).toBe('in-progress');
    expect(statusOfReply('SV: Anmälan av användare – ORE-2026-0001 Löst', '')).toBe('resolved');
    expect(statusOfReply('AW: Anmälan – ORE-2026-0001 [komplettering]', 'Vilken enhet?')).toBe('waiting-for-requester');
  });

  it('takes no word that only begins like one, and no status word inside a sentence', () => {
    expect(statusOfReply('SV: Anmälan – ORE-2026-0001', 'Vi har inte löst det än, återkommer.')).toBeNull();
    expect(statusOfReply('SV: Anmälan – ORE-2026-0001', 'Lösta ärenden arkiveras efter 90 dagar.')).toBeNull();
    expect(statusOfReply('SV: Anmälan – ORE-2026-0001', 'Pågående arbete, vi hör av oss.')).toBeNull();
    expect(statusOfReply('SV: Frågan om löst lösenord – ORE-2026-0001', 'Hej!')).toBeNull();
  });
});

describe('the text of a reply', () => {
  it('stops where the quoted ticket email begins, as the common mail clients write it', () => {
    expect(replyText('Klart i dag.\n\n> Anmälan av användare\n> Namn: Bo')).toBe('Klart i dag.');
    expect(replyText('Klart i dag.\r\n\r\nDen 3 dec. 2026 kl. 10:00 skrev itkontakt <itkontakt@kommun.se>:\r\n> Anmälan')).toBe('Klart i dag.');
    expect(replyText('Done today.\n\nOn Thu, 3 Dec 2026 at 10:00, itkontakt <itkontakt@kommun.se> wrote:\n> Ticket')).toBe('Done today.');
    expect(replyText('Klart.\n\n-----Ursprungligt meddelande-----\nFrån: itkontakt\nÄmne: Anmälan')).toBe('Klart.');
    expect(replyText('Klart.\n\n________________________________\nFrån: itkontakt <itkontakt@kommun.se>\nSkickat: den 3 december 2026')).toBe('Klart.');
    expect(replyText('Första raden.\nAndra raden, med 3 > 2 i sig.')).toBe('Första raden.\nAndra raden, med 3 > 2 i sig.');
  });

  it('keeps at most 4000 characters of it', () => {
    const long = replyText('a'.repeat(5_000));
    expect(long).toHaveLength(4_001);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('a reply as the mailbox hands it over', () => {
  it('is decoded (quoted-printable body, encoded subject and sender name) and names the mails it answers', async () => {
    const raw = [
      'From: =?utf-8?Q?Sara_Svensson_=C3=85berg?= <Sara.Svensson@orebro.se>',
      'To: arenden@itkontakt.test',
      'Subject: =?utf-8?Q?SV:_Anm=C3=A4lan_=E2=80=93_ORE-2026-0001?=',
      'Message-ID: <svar-1@orebro.se>',
      'In-Reply-To: <ORE-2026-0001.email.vardochstod.orebro.se@itkontakt>',
      'References: <tidigare@orebro.se>\r\n <ORE-2026-0001.email.vardochstod.orebro.se@itkontakt>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'P=C3=A5g=C3=A5r',
      '',
      '> citerat',
      '',
    ].join('\r\n');
    const mail = await parseInboundEmail(Buffer.from(raw), '<reserv@imap.itkontakt>');
    expect(mail).toEqual({
      messageId: '<svar-1@orebro.se>',
      references: ['<ORE-2026-0001.email.vardochstod.orebro.se@itkontakt>', '<tidigare@orebro.se>'],
      from: 'sara.svensson@orebro.se',
      fromName: 'Sara Svensson Åberg',
      subject: 'SV: Anmälan – ORE-2026-0001',
      text: 'Pågår',
      automatic: false,
    });
  });

  it('is known as a machine’s (an out-of-office, a ticket system’s receipt) by Auto-Submitted or the older autoresponder headers', async () => {
    const mail = (header: string) => parseInboundEmail(Buffer.from(`From: support@orebro.se\r\n${header}\r\nSubject: Autosvar\r\n\r\nJag är ledig.\r\n`), '<x@imap.itkontakt>');
    expect((await mail('Auto-Submitted: auto-replied')).automatic).toBe(true);
    expect((await mail('Auto-Submitted: auto-generated; owner-email="x@orebro.se"')).automatic).toBe(true);
    expect((await mail('X-Autoreply: yes')).automatic).toBe(true);
    expect((await mail('Precedence: bulk')).automatic).toBe(true);
    expect((await mail('Auto-Submitted: no')).automatic).toBe(false);
    expect((await mail('X-Mailer: Outlook')).automatic).toBe(false);
  });

  it('without a Message-ID or a sender, gets the given id and no sender', async () => {
    const mail = await parseInboundEmail(Buffer.from('Subject: hej\r\n\r\nhej\r\n'), '<1.7.INBOX@imap.itkontakt>');
    expect(mail).toMatchObject({ messageId: '<1.7.INBOX@imap.itkontakt>', references: [], from: null, fromName: null, text: 'hej' });
  });
});

describe('the ticket mailbox configuration', () => {
  const issues = (env: Record<string, string>): Record<string, string> => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return Object.fromEntries((error as ConfigError).issues.map((issue) => [issue.variable, errorTexts.sv.config(issue.problem)]));
    }
    throw new Error('expected a ConfigError');
  };

  it('is off without IMAP_HOST, and has TLS on port 993, INBOX, IDLE and the user as address by default', () => {
    expect(loadConfig({}).imap).toBeUndefined();
    expect(loadConfig({ IMAP_HOST: 'imap.kommun.se', IMAP_USER: 'arenden@kommun.se', IMAP_PASSWORD: 'hemligt' }).imap).toEqual({
      host: 'imap.kommun.se',
      port: 993,
      tls: true,
      user: 'arenden@kommun.se',
      password: 'hemligt',
      mailbox: 'INBOX',
      address: 'arenden@kommun.se',
      idle: true,
      pollMs: 60_000,
    });
    expect(loadConfig({ IMAP_HOST: '127.0.0.1', IMAP_TLS: '0', IMAP_USER: 'arenden', IMAP_PASSWORD: 'x', IMAP_ADDRESS: 'arenden@kommun.se', IMAP_IDLE: '0', IMAP_POLL_SECONDS: '30' }).imap).toMatchObject({ port: 143, tls: false, address: 'arenden@kommun.se', idle: false, pollMs: 30_000 });
  });

  it('names what is missing or unsafe', () => {
    expect(issues({ IMAP_USER: 'arenden@kommun.se' }).IMAP_HOST).toMatch(/IMAP_USER är satt utan IMAP-server/u);
    const found = issues({ IMAP_HOST: 'imap.kommun.se', IMAP_TLS: '0', IMAP_USER: 'arenden' });
    expect(found.IMAP_TLS).toMatch(/okrypterat till imap\.kommun\.se/u);
    expect(found.IMAP_PASSWORD).toMatch(/saknas/u);
    expect(found.IMAP_ADDRESS).toMatch(/IMAP_USER är ingen adress/u);
    expect(issues({ IMAP_HOST: 'imap.kommun.se', IMAP_PORT: 'imap', IMAP_ADDRESS: 'inte en adress' })).toMatchObject({ IMAP_PORT: expect.stringMatching(/heltal/u), IMAP_ADDRESS: expect.stringMatching(/e-postadress/u) });
  });
});
