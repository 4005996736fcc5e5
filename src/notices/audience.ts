import { maskPhone, type Contact, actorKey, type Destination } from '../contacts/index.js';
import { conversationAddress, recipientKey, userAddress, type Address } from '../outbound/index.js';
import type { DeliveryChannel } from './delivery.js';
import type { Notice } from './model.js';

/** One place a notice goes: who, on which channel, to what address, and how reports name it. */
export interface AudienceMember {
  /** Who, as one stable key (see recipientKey): the same person on the same channel is one member. */
  readonly recipient: string;
  readonly channel: DeliveryChannel;
  readonly address: Address;
  readonly label: string;
  /** Set when this recipient cannot be reached on the channel at all: recorded as a failure with this reason. */
  readonly unreachable?: string | undefined;
}

export interface AudienceInput {
  readonly notice: Notice;
  /** The channels the municipality's rules name for IT-contacts for this kind of notice. */
  readonly contactChannels: readonly DeliveryChannel[];
  /** The municipality's active IT-contacts. */
  readonly contacts: readonly Contact[];
  /** The systems a contact has muted. */
  readonly muted: (contactId: string) => readonly string[];
  readonly destinations: readonly Destination[];
}

/** "a***@example.se": enough for staff to recognise an address in a report, not to harvest it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Whether a contact gets a notice: unless every system it concerns is muted. */
export function follows(notice: Pick<Notice, 'systems'>, muted: readonly string[]): boolean {
  return notice.systems.length === 0 || notice.systems.some((system) => !muted.includes(system));
}

/**
 * Who gets a notice: the municipality's active IT-contacts who follow one of its systems, on each
 * channel the rules name, plus every channel registered for the municipality's notices. Each
 * address once per channel, however many contact records share it (a person who is IT-contact for
 * two providers gets one email).
 */
export function audienceFor(input: AudienceInput): AudienceMember[] {
  const members = new Map<string, AudienceMember>();
  const add = (member: AudienceMember): void => {
    const existing = members.get(member.recipient);
    if (!existing) members.set(member.recipient, member);
    else if (!existing.label.includes(member.label)) members.set(member.recipient, { ...existing, label: `${existing.label}; ${member.label}` });
  };
  const active = input.destinations.filter((destination) => !destination.inactiveSince);
  const personal = new Map(active.filter((destination) => destination.kind === 'personal').map((destination) => [destination.installedBy, destination]));
  for (const contact of input.contacts) {
    if (!contact.active || contact.municipality !== input.notice.municipality) continue;
    if (!follows(input.notice, input.muted(contact.id))) continue;
    for (const channel of input.contactChannels) {
      if (channel === 'email' && contact.email) {
        const address: Address = { kind: 'email', email: contact.email };
        add({ recipient: recipientKey(address), channel, address, label: `${contact.name} (${maskEmail(contact.email)})` });
      } else if (channel === 'sms' && contact.phone) {
        const address: Address = { kind: 'sms', phone: contact.phone };
        add({ recipient: recipientKey(address), channel, address, label: `${contact.name} (${maskPhone(contact.phone)})` });
      } else if (channel === 'chat') {
        const chat = chatAddress(contact, personal);
        if (chat) add({ recipient: recipientKey(chat.address), address: chat.address, unreachable: chat.unreachable, channel, label: `${contact.name} (${chat.platform})` });
      }
    }
  }
  for (const destination of active) {
    if (destination.kind === 'personal' || destination.municipality !== input.notice.municipality) continue;
    const address = conversationAddress(destination);
    if (address) add({ recipient: recipientKey(address), channel: 'chat', address, label: `${destination.platform}-kanal ${destination.conversationId.slice(0, 24)}` });
  }
  return [...members.values()];
}

/**
 * Where a contact is reached in chat: their personal chat with the bot when there is one, else a
 * Slack DM by user id. A Teams user without the app installed cannot be messaged; the report says so.
 */
function chatAddress(contact: Contact, personal: ReadonlyMap<string, Destination>): { address: Address; platform: string; unreachable?: string } | undefined {
  for (const identity of contact.identities) {
    const destination = personal.get(actorKey({ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId }));
    const address = destination && conversationAddress(destination);
    if (address) return { address, platform: destination.platform };
  }
  const slack = contact.identities.find((identity) => identity.platform === 'slack');
  if (slack) return { address: userAddress(slack)!, platform: 'slack' };
  const teams = contact.identities.find((identity) => identity.platform === 'teams');
  if (teams) return { address: userAddress(teams)!, platform: 'teams', unreachable: 'ingen personlig chatt med boten: appen är inte installerad för personen i Teams' };
  return undefined;
}
