import type { Transporter } from 'nodemailer';
import type { TicketEmail, TicketMailer } from './outbox.js';

/** Sends ticket emails through the SMTP server in SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export function createSmtpMailer(smtpUrl: string, from = 'itkontakt <itkontakt@localhost>'): TicketMailer & { close(): void } {
  // nodemailer is loaded with the first email, not by every command that imports the tickets.
  let transport: Promise<Transporter> | undefined;
  const connect = (): Promise<Transporter> => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl)));
  return {
    async send(email: TicketEmail) {
      await (await connect()).sendMail({ from, to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
    },
    close() {
      void transport?.then((connected) => connected.close());
    },
  };
}
