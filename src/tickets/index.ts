export type { Ticket, TicketStatus, OutboxEntry } from './model.js';
export type { DueOutboxQuery, TicketQuery, TicketsReader, TicketsRepository, TicketsTransaction, TicketVisibility } from './repository.js';
export { TicketService, type FileTicketInput } from './service.js';
export type { TicketRefusal, TicketOutcome, TicketFailure } from './refusal.js';
export { validateTicketFields } from './fields.js';
export type { EmailReply, EmailReplyOutcome } from './email-reply.js';
export { validatePersonnummer, validateHsaId, validatePublicIpv4List, validateDate, validateEmail, validatePhone, nonPublicReason } from './validators.js';
export { TicketOutbox, type TicketMailer, type StaffPoster, type RequesterPoster } from './outbox.js';
export { composeTicketEmail, type TicketEmail } from './ticket-email.js';
