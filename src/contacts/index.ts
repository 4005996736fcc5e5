export type { Platform, Actor, ChatIdentity, Contact, ContactLanguage, StaffMember, Principal, RegistrationRequest, AuditEntry } from './model.js';
export type { AuditQuery, ContactQuery, ContactsReader, ContactsRepository, ContactsTransaction, RegistrationQuery, StaffQuery } from './repository.js';
export { ContactService } from './contact-service.js';
export type { Outcome, Failure, ContactRefusal } from './refusal.js';
export { operatorPrincipal, staffPrincipal, staffServes } from './command-line-principals.js';
export { validateContactInput, normalizeOrgNumber, normalizePhone, formatPhone, maskPhone, maskOrgNumber } from './validation.js';
export { parseContactsCsv, contactsToCsv, CsvFormatError, CSV_COLUMNS, type CsvProblem } from './csv.js';
export { hasControlCharacter, oneLine, normalizeLineBreaks, hiddenCharacter, textLines } from './plain-text.js';
export {
  actorKey,
  destinationKey,
  type PreferenceRepository,
  type UserPreferences,
  type LastQuestion,
  type LanguagePreference,
  type LanguageSource,
  type FeedbackRepository,
  type FeedbackEntry,
  type Destination,
  type DestinationRepository,
  type StaffChannelRepository,
} from './chat-repositories.js';
export type { SeenInboundRepository } from './seen-inbound.js';
