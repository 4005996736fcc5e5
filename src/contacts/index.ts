export type { Platform, Actor, ChatIdentity, Contact, ContactLanguage, StaffMember, Principal, RegistrationRequest, AuditEntry } from './model.js';
export type { AuditQuery, ContactQuery, ContactsReader, ContactsRepository, ContactsTransaction, RegistrationQuery, StaffQuery } from './repository.js';
export { ContactService, operatorPrincipal, type Outcome } from './service.js';
export { validateContactInput, FIELD_LABELS, normalizeOrgNumber, normalizePhone, formatPhone, maskPhone, maskOrgNumber, type FieldError } from './validation.js';
export { parseContactsCsv, contactsToCsv, CsvFormatError, CSV_COLUMNS } from './csv.js';
export { hasControlCharacter, singleLineMessage, oneLine, normalizeLineBreaks, hiddenCharacter, textLines } from './plain-text.js';
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
