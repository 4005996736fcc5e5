/**
 * Where a message goes, as a typed value: which platform or channel, and the ids that platform
 * needs. The core decides on `kind`; only the adapter of that kind reads the ids.
 */
export type Address = TeamsConversation | TeamsUser | SlackChannel | SlackUser | EmailAddress | SmsNumber;

/** A Teams conversation the bot is installed in (a personal chat, group chat or channel). */
export interface TeamsConversation {
  readonly kind: 'teams';
  readonly tenantId: string | null;
  readonly conversationId: string;
}

/**
 * A Teams user the bot has no conversation with: Teams lets a bot write to a person only in a chat
 * that exists, so this address is kept to report that the person is out of reach.
 */
export interface TeamsUser {
  readonly kind: 'teams-user';
  readonly tenantId: string;
  readonly userId: string;
}

/** A Slack conversation the bot is in: a channel, or a DM it has stored (its D… id). */
export interface SlackChannel {
  readonly kind: 'slack';
  readonly teamId: string | null;
  readonly channelId: string;
}

/** A Slack user by id: Slack opens the bot's DM with them on the first post. */
export interface SlackUser {
  readonly kind: 'slack-user';
  readonly teamId: string;
  readonly userId: string;
}

export interface EmailAddress {
  readonly kind: 'email';
  readonly email: string;
}

/** A phone number as the registry keeps it (E.164, "+46701234567"). */
export interface SmsNumber {
  readonly kind: 'sms';
  readonly phone: string;
}

/** The addresses the Teams adapter sends to. */
export type TeamsAddress = TeamsConversation | TeamsUser;

/** The addresses the Slack adapter sends to. */
export type SlackAddress = SlackChannel | SlackUser;

/** The addresses of chat platforms, and which platform each belongs to. */
export type ChatAddress = TeamsAddress | SlackAddress;

export function isChatAddress(address: Address): address is ChatAddress {
  return address.kind === 'teams' || address.kind === 'teams-user' || address.kind === 'slack' || address.kind === 'slack-user';
}

/** The chat platform of an address. */
export function platformOf(address: ChatAddress): 'teams' | 'slack' {
  return address.kind === 'teams' || address.kind === 'teams-user' ? 'teams' : 'slack';
}

/** A stored conversation's key: platform, tenant (or "-") and conversation id. */
export function conversationKey(conversation: { readonly platform: string; readonly tenantId?: string | null | undefined; readonly id: string }): string {
  return [conversation.platform, conversation.tenantId ?? '-', conversation.id].join(':');
}

/** The stored conversation an address names, by its key; undefined for a person addressed directly. */
export function storedConversationKey(address: Address): string | undefined {
  if (address.kind === 'teams') return conversationKey({ platform: 'teams', tenantId: address.tenantId, id: address.conversationId });
  if (address.kind === 'slack') return conversationKey({ platform: 'slack', tenantId: address.teamId, id: address.channelId });
  return undefined;
}

/** The address of a stored conversation; undefined for a platform that has no outbound channel (the console). */
export function conversationAddress(conversation: { readonly platform: string; readonly tenantId: string | null; readonly conversationId: string }): TeamsConversation | SlackChannel | undefined {
  if (conversation.platform === 'teams') return { kind: 'teams', tenantId: conversation.tenantId, conversationId: conversation.conversationId };
  if (conversation.platform === 'slack') return { kind: 'slack', teamId: conversation.tenantId, channelId: conversation.conversationId };
  return undefined;
}

/** The address of a chat user addressed directly (not in a stored conversation). */
export function userAddress(identity: { readonly platform: string; readonly tenantId: string; readonly userId: string }): TeamsUser | SlackUser | undefined {
  if (identity.platform === 'teams') return { kind: 'teams-user', tenantId: identity.tenantId, userId: identity.userId };
  if (identity.platform === 'slack') return { kind: 'slack-user', teamId: identity.tenantId, userId: identity.userId };
  return undefined;
}

/**
 * Who an address reaches, as one stable string: the same person or conversation always gives the
 * same key (an email address in any case), so an outbox sends each recipient a message once. The
 * keys are those earlier versions stored, so ids made from them stay the same across an upgrade.
 */
export function recipientKey(address: Address): string {
  switch (address.kind) {
    case 'email':
      return `email:${address.email.toLowerCase()}`;
    case 'sms':
      return `sms:${address.phone}`;
    case 'teams':
    case 'slack':
      return `chat:destination:${storedConversationKey(address)}`;
    case 'teams-user':
      return `chat:user:teams:${address.tenantId}:${address.userId}`;
    case 'slack-user':
      return `chat:user:slack:${address.teamId}:${address.userId}`;
  }
}
