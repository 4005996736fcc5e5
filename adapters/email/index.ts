export { createSmtpChannel, type SmtpChannelOptions } from './smtp-channel.js';
export { ImapInbox, type ImapInboxOptions, type InboxCheck } from './imap-inbox.js';
export { parseInboundEmail, replyText } from './inbound-mail.js';
