import { maskOrgNumber, maskPhone, type Actor, type ContactService, type DestinationRepository, type RegistrationRequest, type StaffChannelRepository, type UserPreferences, destinationKey } from '../contacts/index.js';
import type { FieldError } from '../errors/index.js';
import type { Language } from '../knowledge/index.js';
import { wordFieldErrors } from './field-error-texts.js';
import { identityOf } from './identity.js';
import { actorOfIdentity, type UserLanguages } from './language.js';
import type { Messenger } from './messenger.js';
import { refusalTexts } from './refusal-texts.js';
import { registrationTexts } from './registration-texts.js';
import { REGISTRATION_FIELDS, type MunicipalityChoice, type RegistrationField, type RegistrationSummary, type Reply } from './reply.js';
import type { ConversationRef } from './turn.js';

export interface RegistrationFlowDependencies {
  readonly contacts: ContactService;
  readonly messenger: Messenger;
  readonly destinations: DestinationRepository;
  readonly staffChannels: StaffChannelRepository;
  readonly languages: Pick<UserLanguages, 'of'>;
  readonly municipalities: readonly MunicipalityChoice[];
  /** A municipality by id, name or alias, as the user writes it. */
  readonly resolveMunicipality: (name: string) => MunicipalityChoice | undefined;
}

/**
 * Becoming an IT-contact in chat: the application form, its review by the municipality's staff
 * (in the staff channel they choose) and the answer to the applicant, in the applicant's language.
 */
export class RegistrationFlow {
  constructor(private readonly deps: RegistrationFlowDependencies) {}

  form(language: Language, values: Readonly<Record<string, string>>, errors: readonly FieldError[] = []): Reply {
    const filled = Object.fromEntries(REGISTRATION_FIELDS.map((field) => [field, values[field] ?? ''])) as Record<RegistrationField, string>;
    return { kind: 'registration-form', language, values: filled, errors: wordFieldErrors(errors, language), municipalities: this.deps.municipalities };
  }

  private choice(id: string | null | undefined): MunicipalityChoice | null {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? null;
  }

  private summary(request: RegistrationRequest): RegistrationSummary {
    return {
      id: request.id,
      municipality: this.choice(request.municipality) ?? { id: request.municipality, name: request.municipality },
      providerName: request.provider.name,
      orgNumberMasked: maskOrgNumber(request.provider.orgNumber),
      name: request.name,
      email: request.email,
      phoneMasked: maskPhone(request.phone),
      status: request.status,
    };
  }

  async submit(actor: Actor, conversation: ConversationRef, values: Readonly<Record<string, string>>, language: Language): Promise<Reply[]> {
    const identity = identityOf(actor);
    // A municipality may be given by name in the form ("Göteborg"); the registry wants its id.
    const municipality = this.deps.resolveMunicipality(values.municipality ?? '')?.id ?? values.municipality ?? '';
    const principal = await this.deps.contacts.principalFor(identity);
    const result = await this.deps.contacts.submitRegistration(principal, { ...values, municipality }, identity, destinationKey(conversation));
    if (!result.ok) {
      return [result.code === 'invalid' ? this.form(language, values, result.errors) : { kind: 'error', language, message: refusalTexts[language].contact(result.reason) }];
    }
    const request = this.summary(result.value);
    const { reached } = await this.deps.messenger.toStaff(result.value.municipality, (told) => ({ kind: 'registration-review', language: told, request }));
    return [{ kind: 'registration-received', language, request, staffNotified: reached > 0 }];
  }

  async decide(actor: Actor, requestId: string, approve: boolean, reason: string | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.contacts.decideRegistration(principal, requestId, { approve, reason });
    if (!result.ok) return [{ kind: 'error', language, message: refusalTexts[language].contact(result.reason) }];
    const { request } = result.value;
    const summary = this.summary(request);
    // In the applicant's language: what they wrote to the bot before, else Swedish.
    const told = request.identity !== null ? await this.deps.languages.of(actorOfIdentity(request.identity)) : 'sv';
    const decided: Reply = { kind: 'registration-decided', language: told, request: summary, approved: approve, reason: request.reason };
    // Back where they applied; failing that, to the person wherever the platform can reach them.
    const applicantNotified = await this.deps.messenger.toRequester(request, decided);
    return [{ kind: 'registration-decision-recorded', language, request: summary, approved: approve, applicantNotified }];
  }

  /** Staff: "personalkanal <kommun>" makes this channel where the municipality's applications and tickets go. */
  async setStaffChannel(actor: Actor, conversation: ConversationRef, name: string, preferences: UserPreferences | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const t = registrationTexts[language];
    const municipality = name ? this.deps.resolveMunicipality(name) : principal.municipalities?.length === 1 ? this.choice(principal.municipalities[0]) : this.choice(preferences?.municipality);
    if (!municipality || !this.deps.contacts.manages(principal, municipality.id)) return [{ kind: 'error', language, message: t.staffChannelStaffOnly }];
    if (conversation.kind === 'personal') return [{ kind: 'error', language, message: t.staffChannelNotPersonal }];
    const key = destinationKey(conversation);
    if (!(await this.deps.destinations.get(key))) return [{ kind: 'error', language, message: t.staffChannelUnknown }];
    await this.deps.staffChannels.set(municipality.id, key);
    return [{ kind: 'staff-channel-set', language, municipality }];
  }
}
