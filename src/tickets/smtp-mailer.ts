import nodemailer from 'nodemailer';
import type { TicketEmail, TicketMailer } from './outbox.js';

/** Sends ticket emails through the SMTP server in SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export function createSmtpMailer(smtpUrl: string, from = 'itkontakt <itkontakt@localhost>'): TicketMailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email: TicketEmail) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
    },
    close() {
      transport.close();
    },
  };
}
