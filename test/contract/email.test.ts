import { createSmtpChannel } from '../../adapters/email/index.js';
import type { EmailAddress, EmailMessage } from '../../src/outbound/index.js';
import { startSmtpServer } from '../support/smtp.js';
import { describeOutboundContract } from './outbound.contract.js';

// Email over a real SMTP server on loopback. SMTP has no Retry-After and no "gone": a 4xx passes
// (retry by backoff), a 5xx refuses the message.
describeOutboundContract<EmailAddress, EmailMessage>('email (SMTP)', async () => {
  const smtp = await startSmtpServer();
  const channel = createSmtpChannel({ smtpUrl: smtp.url, from: 'itkontakt <bot@kommun.se>', perSecond: 10 });
  const address: EmailAddress = { kind: 'email', email: 'anna@omsorg.se' };
  return {
    channel,
    address,
    message: (n) => ({ subject: `Meddelande ${n}`, text: `Text ${n}`, messageId: `<contract-${n}-${Date.now()}@itkontakt>` }),
    accepted: () => smtp.messages.filter((mail) => mail.to.includes(address.email)).length,
    failPassingNext: () => smtp.failNext(1, 421),
    refuseNext: () => smtp.failNext(1, 550),
    cannot: {
      replace: 'a sent email cannot be changed; a correction is a new email in the thread',
      throttle: 'SMTP has no Retry-After: a 4xx is a passing fault, retried by backoff',
      gone: 'SMTP has no "gone": an unknown mailbox is a 5xx, which refuses the message',
    },
    async close() {
      channel.close();
      await smtp.close();
    },
  };
});
