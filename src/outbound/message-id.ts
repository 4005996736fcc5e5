/**
 * The Message-ID of an email from an outbox entry's idempotency key: a resend after a crash has
 * the same one, so a mail client or server can recognise it as the same message.
 */
export function messageIdFor(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9.-]/gu, '.')}@itkontakt>`;
}
