import { z } from 'zod';
import type { Actor } from '../../src/contacts/index.js';
import type { ConversationRef, Turn } from '../../src/bot/index.js';
import { detectLanguage, type Language } from '../../src/knowledge/index.js';
import { decodeCardAction } from './action-data.js';
import { channelOf, threadRootOf } from './thread-id.js';

/**
 * What every Bot Framework activity must carry before botbuilder sees it. botbuilder throws (a 500)
 * on a body without a type and cannot reply without a serviceUrl and a conversation, so a body that
 * lacks them is the sender's error: 400.
 */
export const activityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2_000),
    channelId: z.string().min(1).max(100),
    from: z.object({ id: z.string().min(1) }).passthrough(),
    recipient: z.object({ id: z.string().min(1) }).passthrough(),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

const account = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    aadObjectId: z.string().optional(),
    role: z.string().optional(),
  })
  .passthrough();

const conversation = z
  .object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
    name: z.string().optional(),
  })
  .passthrough();

const mention = z.object({
  type: z.literal('mention'),
  mentioned: z.object({ id: z.string() }).passthrough(),
  text: z.string().optional(),
});

/** The fields of an activity the adapter reads; everything else passes through untouched. */
const activitySchema = z
  .object({
    type: z.string(),
    id: z.string().optional(),
    channelId: z.string(),
    serviceUrl: z.string().url(),
    locale: z.string().optional(),
    from: account,
    recipient: account,
    conversation,
    text: z.string().optional(),
    value: z.unknown().optional(),
    name: z.string().optional(),
    action: z.string().optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string() }).partial().optional(),
        team: z.object({ id: z.string() }).partial().passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** An activity as the adapter understands it. */
export type TeamsActivity = z.infer<typeof activitySchema>;

/**
 * The stored form of a Bot Framework ConversationReference: what a proactive send needs to reach a
 * conversation later (service URL, conversation, bot and user), JSON-serialisable.
 */
export interface StoredConversationReference {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string; readonly conversationType?: string; readonly tenantId?: string; readonly isGroup?: boolean; readonly name?: string };
  readonly bot: { readonly id: string; readonly name?: string };
  readonly user?: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
  readonly locale?: string;
}

/**
 * One inbound activity, translated. Following the "unsupported keeps the raw payload" rule: an
 * activity we do not handle is never an error, it is logged and acknowledged.
 */
export type InboundEvent =
  | {
      readonly kind: 'turn';
      readonly turn: Turn;
      /** The language to apologise in if handling the turn fails. */
      readonly language: Language;
      /** The activity was an invoke, which must be answered with an invoke response. */
      readonly invoke: boolean;
    }
  /** Ours to ignore on purpose (a channel message that does not mention the bot). */
  | { readonly kind: 'ignored'; readonly reason: string; readonly invoke: boolean }
  | { readonly kind: 'unsupported'; readonly reason: string; readonly type: string; readonly invoke: boolean; readonly raw: unknown };

/** Translates a Bot Framework activity into the core's terms. Pure: no I/O, never throws. */
export function activityToEvent(raw: unknown): InboundEvent {
  const rawType = typeof (raw as { type?: unknown } | null)?.type === 'string' ? (raw as { type: string }).type : 'unknown';
  const invoke = rawType === 'invoke';
  const parsed = activitySchema.safeParse(raw);
  if (!parsed.success) {
    return { kind: 'unsupported', reason: `malformed ${rawType} activity: ${parsed.error.issues[0]?.path.join('.') ?? '?'}`, type: rawType, invoke, raw };
  }
  const activity = parsed.data;
  const actor = actorOf(activity);
  const where = conversationOf(activity);
  switch (activity.type) {
    case 'message':
      return messageEvent(activity, actor, where);
    case 'invoke':
      return invokeEvent(activity, actor, where);
    case 'conversationUpdate':
      return membershipEvent(activity, actor, where);
    case 'installationUpdate':
      return installationEvent(activity, actor, where);
    default:
      return { kind: 'unsupported', reason: `activity type ${activity.type}`, type: activity.type, invoke, raw };
  }
}

function messageEvent(activity: TeamsActivity, actor: Actor, where: ConversationRef): InboundEvent {
  if (activity.from.role === 'bot') return { kind: 'ignored', reason: 'message from a bot', invoke: false };
  // An Action.Submit button arrives as a message whose value is the button's data and inputs.
  if (activity.value !== undefined && activity.value !== null) {
    const decoded = decodeCardAction(activity.value);
    if (decoded) {
      return { kind: 'turn', invoke: false, language: decoded.language, turn: { kind: 'action', actor, conversation: where, action: decoded.action, language: decoded.language } };
    }
    if (!activity.text?.trim()) return { kind: 'unsupported', reason: 'card submit with unknown data', type: 'message', invoke: false, raw: activity };
  }
  const mentioned = mentionsBot(activity);
  // In a channel the bot only speaks when spoken to; Teams delivers such messages only with
  // extra permissions anyway, but an answer nobody asked for would be noise in a team.
  if (where.kind === 'channel' && !mentioned) return { kind: 'ignored', reason: 'channel message without @mention', invoke: false };
  const text = stripBotMention(activity);
  const threadId = where.kind === 'channel' ? threadOf(activity) : undefined;
  return { kind: 'turn', invoke: false, language: detectLanguage(text), turn: { kind: 'message', actor, conversation: where, text, ...(threadId ? { threadId } : {}) } };
}

/**
 * The root post of the thread a channel message replies in. Teams gives every channel message the
 * conversation id `<channel>;messageid=<root>`; a new post is its own root, so it is no reply.
 */
function threadOf(activity: TeamsActivity): string | undefined {
  const root = threadRootOf(activity.conversation.id);
  return root && root !== activity.id ? root : undefined;
}

function invokeEvent(activity: TeamsActivity, actor: Actor, where: ConversationRef): InboundEvent {
  // Action.Execute (the Universal Action Model) arrives as an adaptiveCard/action invoke.
  if (activity.name !== 'adaptiveCard/action') {
    return { kind: 'unsupported', reason: `invoke ${activity.name ?? '(no name)'}`, type: 'invoke', invoke: true, raw: activity };
  }
  const value = z
    .object({ action: z.object({ type: z.string().optional(), verb: z.string().optional(), data: z.record(z.unknown()).optional() }).passthrough() })
    .passthrough()
    .safeParse(activity.value);
  if (!value.success) return { kind: 'unsupported', reason: 'adaptiveCard/action without an action', type: 'invoke', invoke: true, raw: activity };
  const { verb, data } = value.data.action;
  const decoded = decodeCardAction({ ...data, ...(verb ? { verb } : {}) });
  if (!decoded) return { kind: 'unsupported', reason: `card action ${verb ?? '(no verb)'}`, type: 'invoke', invoke: true, raw: activity };
  return { kind: 'turn', invoke: true, language: decoded.language, turn: { kind: 'action', actor, conversation: where, action: decoded.action, language: decoded.language } };
}

function membershipEvent(activity: TeamsActivity, actor: Actor, where: ConversationRef): InboundEvent {
  const botId = activity.recipient.id;
  // Teams (and the Emulator) announce the bot joining a personal chat, group chat or team as the bot
  // being one of the members added.
  if (activity.membersAdded?.some((member) => member.id === botId)) {
    return { kind: 'turn', invoke: false, language: 'sv', turn: { kind: 'installed', actor, conversation: where, reference: referenceOf(activity) } };
  }
  if (activity.membersRemoved?.some((member) => member.id === botId)) {
    return { kind: 'turn', invoke: false, language: 'sv', turn: { kind: 'uninstalled', actor, conversation: where } };
  }
  return { kind: 'ignored', reason: 'conversationUpdate about other members or the conversation', invoke: false };
}

function installationEvent(activity: TeamsActivity, actor: Actor, where: ConversationRef): InboundEvent {
  switch (activity.action) {
    case 'add':
    case 'add-upgrade':
      return { kind: 'turn', invoke: false, language: 'sv', turn: { kind: 'installed', actor, conversation: where, reference: referenceOf(activity) } };
    case 'remove':
      return { kind: 'turn', invoke: false, language: 'sv', turn: { kind: 'uninstalled', actor, conversation: where } };
    default:
      // remove-upgrade: the app is still installed, in an older version.
      return { kind: 'ignored', reason: `installationUpdate ${activity.action ?? '(no action)'}`, invoke: false };
  }
}

function tenantOf(activity: TeamsActivity): string | undefined {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
}

function actorOf(activity: TeamsActivity): Actor {
  // The Entra object id is the same person in every chat and team; the channel account id (29:…)
  // is per bot. The Emulator only has the latter.
  // The client's locale hints at the user's language until their messages show it.
  return { platform: 'teams', userId: activity.from.aadObjectId ?? activity.from.id, tenantId: tenantOf(activity), displayName: activity.from.name, ...(activity.locale ? { locale: activity.locale } : {}) };
}

/**
 * The channel itself for a message in one of its threads: Teams gives a channel message the
 * conversation id `19:…@thread.tacv2;messageid=<root post>`, the installation the bare channel id.
 * The core's conversation (a staff channel, where a ticket was filed) is the channel; replies within
 * the turn still go to the thread, through the activity itself.
 */
function channelIdOf(activity: TeamsActivity): string {
  const { id } = activity.conversation;
  return activity.conversation.conversationType === 'channel' ? channelOf(id) : id;
}

function conversationOf(activity: TeamsActivity): ConversationRef {
  const type = activity.conversation.conversationType;
  const kind = type === 'channel' ? 'channel' : type === 'groupChat' ? 'group' : type === 'personal' ? 'personal' : activity.conversation.isGroup ? 'group' : 'personal';
  return { platform: 'teams', id: channelIdOf(activity), kind, tenantId: tenantOf(activity) };
}

function botMentions(activity: TeamsActivity): Array<z.infer<typeof mention>> {
  return (activity.entities ?? []).flatMap((entity) => {
    const parsed = mention.safeParse(entity);
    return parsed.success && parsed.data.mentioned.id === activity.recipient.id ? [parsed.data] : [];
  });
}

function mentionsBot(activity: TeamsActivity): boolean {
  return botMentions(activity).length > 0;
}

/** The message text without the bot's own @mention(s): "<at>itkontakt</at> hjälp" → "hjälp". */
export function stripBotMention(activity: Pick<TeamsActivity, 'text' | 'entities' | 'recipient'>): string {
  let text = activity.text ?? '';
  for (const found of botMentions(activity as TeamsActivity)) {
    if (found.text) text = text.split(found.text).join(' ');
  }
  const name = activity.recipient.name;
  if (name) text = text.split(`<at>${name}</at>`).join(' ');
  return text.replace(/&nbsp;|\u00a0/gu, ' ').replace(/\s+/gu, ' ').trim();
}

/** What a proactive send needs later; the activity id is left out so a notice starts a new message. */
export function referenceOf(activity: TeamsActivity): StoredConversationReference {
  const { conversationType, isGroup, name } = activity.conversation;
  return withoutUndefined({
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    // A channel, not one of its threads: what is sent later starts a new post.
    conversation: withoutUndefined({ id: channelIdOf(activity), conversationType, tenantId: tenantOf(activity), isGroup, name }),
    bot: withoutUndefined({ id: activity.recipient.id, name: activity.recipient.name }),
    user: withoutUndefined({ id: activity.from.id, name: activity.from.name, aadObjectId: activity.from.aadObjectId }),
    locale: activity.locale,
  });
}

/** Drops undefined fields, so what is stored is exactly what JSON keeps. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Reads a stored reference back (it comes from the store as unknown JSON). */
export const storedReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: z.object({ id: z.string().min(1) }).passthrough(),
  bot: z.object({ id: z.string().min(1) }).passthrough(),
  user: z.object({ id: z.string().min(1) }).passthrough().optional(),
  locale: z.string().optional(),
});
