import { z } from 'zod';
import { conversationAddress, userAddress, type Address, type ChatAddress } from '../outbound/index.js';

const teams = z.object({ kind: z.literal('teams'), tenantId: z.string().nullable(), conversationId: z.string() });
const teamsUser = z.object({ kind: z.literal('teams-user'), tenantId: z.string(), userId: z.string() });
const slack = z.object({ kind: z.literal('slack'), teamId: z.string().nullable(), channelId: z.string() });
const slackUser = z.object({ kind: z.literal('slack-user'), teamId: z.string(), userId: z.string() });
const email = z.object({ kind: z.literal('email'), email: z.string() });
const sms = z.object({ kind: z.literal('sms'), phone: z.string() });

/**
 * A chat address as files before typed addresses stored it: "destination:<platform>:<tenant>:<conversation>"
 * (the conversation id may hold colons) or "user:<platform>:<tenant>:<user>". Read here, at the
 * store's edge, and nowhere else; anything else is left as it is for the schema to refuse.
 */
export function chatAddressFromStored(value: string): ChatAddress | undefined {
  const [form, platform = '', tenant = '', ...rest] = value.split(':');
  const id = rest.join(':');
  if (form === 'destination') return conversationAddress({ platform, tenantId: tenant === '-' ? null : tenant, conversationId: id });
  if (form === 'user') return userAddress({ platform, tenantId: tenant, userId: id });
  return undefined;
}

/** An address of the channel as stored before typed addresses: a chat address string, a bare email address or phone number. */
export function addressFromStored(channel: unknown, value: string): Address | undefined {
  if (channel === 'email') return { kind: 'email', email: value };
  if (channel === 'sms') return { kind: 'sms', phone: value };
  return chatAddressFromStored(value);
}

export const chatAddressSchema: z.ZodType<ChatAddress, z.ZodTypeDef, unknown> = z.preprocess(
  (value) => (typeof value === 'string' ? (chatAddressFromStored(value) ?? value) : value),
  z.discriminatedUnion('kind', [teams, teamsUser, slack, slackUser]),
);

export const addressSchema = z.discriminatedUnion('kind', [teams, teamsUser, slack, slackUser, email, sms]);

/** A row whose `address` may be stored the old way, given the row's `channel` to read it by. */
export function withTypedAddress(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  const { address, channel } = row as { address?: unknown; channel?: unknown };
  if (typeof address !== 'string') return row;
  return { ...row, address: addressFromStored(channel, address) ?? address };
}
