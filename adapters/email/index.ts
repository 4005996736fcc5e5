export { createSmtpChannel, type SmtpChannelOptions } from './smtp-channel.js';
