/** The chat platforms the bot talks on. */
export type Platform = 'teams' | 'slack' | 'console';

/** Who is talking to the bot, as the platform identifies them. */
export interface Actor {
  readonly platform: Platform;
  /** The platform's user id (Teams AAD object id or channel account id, Slack user id, OS user). */
  readonly userId: string;
  /** Teams tenant or Slack workspace; users are only unique within it. */
  readonly tenantId?: string | undefined;
  readonly displayName?: string | undefined;
  /** The client's locale ("en-US", "sv-SE") when the platform tells it: a hint of the user's language. */
  readonly locale?: string | undefined;
}

/** A chat account a person uses: a Teams user in a tenant, a Slack user in a workspace. */
export interface ChatIdentity {
  readonly platform: 'teams' | 'slack' | 'console';
  readonly tenantId: string;
  readonly userId: string;
}

/**
 * A registered IT-contact: appointed by a care provider, registered by the municipality. A person
 * who is IT-contact for providers in several municipalities has one record per provider.
 */
export interface Contact {
  readonly id: string;
  readonly municipality: string;
  readonly provider: { readonly name: string; readonly orgNumber: string };
  readonly name: string;
  readonly email: string;
  /** E.164, e.g. +46701234567. */
  readonly phone: string;
  readonly identities: readonly ChatIdentity[];
  /** The language of the notices they get by email and SMS; Swedish unless set. */
  readonly language: ContactLanguage;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The languages the bot writes in. */
export type ContactLanguage = 'sv' | 'en';

/** Municipal support or system staff (one municipality), or an administrator (all of them). */
export interface StaffMember {
  readonly id: string;
  readonly role: 'staff' | 'admin';
  /** The municipality they serve; null for administrators. */
  readonly municipality: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly identities: readonly ChatIdentity[];
  readonly createdAt: string;
}

export type Role = 'guest' | 'it-contact' | 'staff' | 'admin';

/**
 * Who is acting, with what rights. Staff act for one municipality; administrators and the CLI
 * operator for all; an IT-contact for their own records; a guest only asks questions.
 */
export interface Principal {
  readonly role: Role;
  /** For the audit log: "teams:tenant:user", "cli:anna". */
  readonly label: string;
  /** The municipalities whose contacts this principal may see and change (staff: one; admin: all = null). */
  readonly municipalities: readonly string[] | null;
  /** The contact records this person is (it-contact role). */
  readonly contactIds: readonly string[];
}

export interface RegistrationRequest {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly municipality: string;
  readonly provider: { readonly name: string; readonly orgNumber: string };
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  /** The applicant's chat account, linked to the contact on approval. */
  readonly identity: ChatIdentity | null;
  /** Where to tell the applicant the outcome (a destination key), when known. */
  readonly replyTo: string | null;
  readonly submittedAt: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly reason: string | null;
  readonly contactId: string | null;
}

/** One line of the append-only audit log. */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  /** Who did it (a principal label). */
  readonly actor: string;
  readonly action: string;
  readonly municipality: string | null;
  /** What it was done to: a contact, staff member or request id. */
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
}
