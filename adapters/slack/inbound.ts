import { z } from 'zod';
import { readBlockActions } from './block-actions.js';
import { SLACK_SLASH_COMMAND } from './events.js';
import { invalid, invalidShape, kindOfChannel, unsupported, type SlackInbound } from './inbound-model.js';
import { plainTextFromSlack } from './mrkdwn.js';
import { readViewSubmission } from './view-submission.js';

const id = z.string().min(1).max(64);
const ts = z.string().regex(/^\d{1,12}(?:\.\d{1,9})?$/u);

const envelopeSchema = z.object({
  type: z.literal('event_callback'),
  team_id: id,
  event_id: z.string().min(1).optional(),
  event: z.object({ type: z.string().min(1) }).passthrough(),
});

const mentionSchema = z.object({
  type: z.literal('app_mention'),
  user: id,
  text: z.string(),
  ts,
  channel: id,
  thread_ts: ts.optional(),
  bot_id: z.string().optional(),
});

const messageSchema = z.object({
  type: z.literal('message'),
  channel_type: z.string().optional(),
  channel: id,
  user: id.optional(),
  text: z.string().optional(),
  ts,
  thread_ts: ts.optional(),
  /** Who wrote the thread's first message (Slack sends it with thread replies). */
  parent_user_id: id.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

const PERSON_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

const homeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: id, channel: id.optional(), tab: z.string().optional() });

const memberChannelSchema = z.object({
  type: z.enum(['member_joined_channel', 'member_left_channel']),
  user: id,
  channel: id,
  channel_type: z.string().optional(),
  team: id.optional(),
  inviter: id.optional(),
});

const channelLeftSchema = z.object({ type: z.enum(['channel_left', 'group_left']), channel: id, actor_id: id.optional() });

const commandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  team_id: id,
  user_id: id,
  channel_id: id,
  channel_name: z.string().optional(),
  response_url: z.string().url(),
  trigger_id: z.string().min(1).max(200).optional(),
});

export interface ReadOptions {
  /** The bot's own user id (from auth.test): to strip its mention and to know when it joined a channel. */
  readonly botUserId?: string | undefined;
}

/**
 * Reads a Slack request body (Events API, slash command or interactivity payload) into a
 * SlackInbound. Every body is an object with a `type`, or a slash command's fields; anything else
 * is invalid.
 */
export function readSlackPayload(body: unknown, options: ReadOptions = {}): SlackInbound {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('unknown', `the body is ${kindOfValue(body)}, not an object`);
  const type = typeOf(body);
  if (type === 'event_callback') return readEvent(body, options);
  if (type === 'block_actions') return readBlockActions(body);
  if (type === 'view_submission') return readViewSubmission(body);
  if ('command' in body) return readCommand(body);
  if (type === undefined) return invalid('unknown', 'neither a type nor a command');
  return unsupported(type, 'not an event, slash command or block action this app handles', body);
}

/** The Events API event id, for deduplication; undefined for anything that is not an event. */
export function eventIdOf(body: unknown): string | undefined {
  const parsed = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) }).safeParse(body);
  return parsed.success ? parsed.data.event_id : undefined;
}

function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function typeOf(body: unknown): string | undefined {
  const value = (body as { type?: unknown } | null)?.type;
  return typeof value === 'string' ? value : undefined;
}

function readEvent(body: unknown, options: ReadOptions): SlackInbound {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return invalidShape('event_callback', envelope.error);
  const { team_id: teamId, event } = envelope.data;
  switch (event.type) {
    case 'app_mention': {
      const parsed = mentionSchema.safeParse(event);
      if (!parsed.success) return invalidShape('app_mention', parsed.error);
      const mention = parsed.data;
      if (mention.bot_id) return { kind: 'ignored', type: 'app_mention', reason: 'mention written by a bot' };
      return {
        kind: 'message',
        source: 'mention',
        teamId,
        userId: mention.user,
        channel: mention.channel,
        conversationKind: kindOfChannel(mention.channel),
        text: plainTextFromSlack(mention.text, options.botUserId),
        threadTs: mention.thread_ts ?? mention.ts,
        // In a thread the core is told which: a ticket's staff thread is the ticket's conversation.
        // (The same reply also arrives as message.channels/groups, which skips mentions: one turn.)
        ...(isThreadReply(mention) ? { threadId: mention.thread_ts } : {}),
      };
    }
    case 'message': {
      const parsed = messageSchema.safeParse(event);
      if (!parsed.success) return invalidShape('message', parsed.error);
      const message = parsed.data;
      const inChannel = message.channel_type === 'channel' || message.channel_type === 'group';
      if (message.channel_type !== 'im' && !inChannel) return { kind: 'ignored', type: 'message', reason: `message in a ${message.channel_type ?? 'unknown'} conversation (mentions arrive as app_mention)` };
      // Edits, deletions, joins and the bot's own posts come as messages too; only a person's new
      // message is a question (with a file attached, or also sent to the channel, it still is).
      if ((message.subtype && !PERSON_SUBTYPES.has(message.subtype)) || message.bot_id || !message.user) return { kind: 'ignored', type: 'message', reason: `message ${message.subtype ?? 'from a bot'}` };
      if (message.user === options.botUserId) return { kind: 'ignored', type: 'message', reason: 'own message' };
      if (inChannel) return readChannelMessage(teamId, { ...message, user: message.user }, options);
      return {
        kind: 'message',
        source: 'dm',
        teamId,
        userId: message.user,
        channel: message.channel,
        conversationKind: 'personal',
        text: plainTextFromSlack(message.text ?? '', options.botUserId),
        threadTs: message.thread_ts,
      };
    }
    case 'app_home_opened': {
      const parsed = homeOpenedSchema.safeParse(event);
      if (!parsed.success) return invalidShape('app_home_opened', parsed.error);
      if (parsed.data.tab !== undefined && parsed.data.tab !== 'home') return { kind: 'ignored', type: 'app_home_opened', reason: `${parsed.data.tab} tab` };
      return { kind: 'home-opened', teamId, userId: parsed.data.user, channel: parsed.data.channel };
    }
    case 'member_joined_channel':
    case 'member_left_channel': {
      const parsed = memberChannelSchema.safeParse(event);
      if (!parsed.success) return invalidShape(event.type, parsed.error);
      const member = parsed.data;
      if (!options.botUserId || member.user !== options.botUserId) return { kind: 'ignored', type: member.type, reason: 'another member' };
      const team = member.team ?? teamId;
      if (member.type === 'member_left_channel') return { kind: 'bot-left', teamId: team, channel: member.channel };
      // channel_type here is "C" (public) or "G" (private): both are channels.
      return { kind: 'bot-joined', teamId: team, channel: member.channel, conversationKind: kindOfChannel(member.channel), userId: member.inviter ?? member.user };
    }
    case 'channel_left':
    case 'group_left': {
      const parsed = channelLeftSchema.safeParse(event);
      if (!parsed.success) return invalidShape(event.type, parsed.error);
      return { kind: 'bot-left', teamId, channel: parsed.data.channel, actorId: parsed.data.actor_id };
    }
    default:
      return unsupported(event.type, 'event type not handled', body);
  }
}

/** A reply in a thread: its thread_ts names another message (the thread's first has thread_ts = ts). */
function isThreadReply(message: { ts: string; thread_ts?: string | undefined }): message is { ts: string; thread_ts: string } {
  return message.thread_ts !== undefined && message.thread_ts !== message.ts;
}

/**
 * A person's message in a channel. The bot reads channels only for its tickets' staff threads: a
 * reply in a thread under one of the bot's own messages goes to the core with the thread.
 * Everything else people say in the channel is theirs, not a question to the bot; a message that
 * mentions the bot arrives as app_mention too and is handled there (with its thread), once.
 */
function readChannelMessage(teamId: string, message: z.infer<typeof messageSchema> & { user: string }, options: ReadOptions): SlackInbound {
  if (!isThreadReply(message)) return { kind: 'ignored', type: 'message', reason: 'channel message outside a thread (mentions arrive as app_mention)' };
  if (options.botUserId !== undefined && (message.text ?? '').includes(`<@${options.botUserId}>`)) return { kind: 'ignored', type: 'message', reason: 'mentions the bot: handled as app_mention' };
  // Slack names the thread's author; when it does and it is someone else, the thread is not the bot's.
  if (message.parent_user_id !== undefined && message.parent_user_id !== options.botUserId) return { kind: 'ignored', type: 'message', reason: 'reply in a thread the bot did not start' };
  return {
    kind: 'message',
    source: 'thread',
    teamId,
    userId: message.user,
    channel: message.channel,
    conversationKind: 'channel',
    text: plainTextFromSlack(message.text ?? '', options.botUserId),
    threadTs: message.thread_ts,
    threadId: message.thread_ts,
  };
}

function readCommand(body: unknown): SlackInbound {
  const parsed = commandSchema.safeParse(body);
  if (!parsed.success) return invalidShape('slash_command', parsed.error);
  const command = parsed.data;
  if (command.command !== SLACK_SLASH_COMMAND) return unsupported(`command ${command.command}`, 'slash command not registered by this app', body);
  return {
    kind: 'message',
    source: 'command',
    teamId: command.team_id,
    userId: command.user_id,
    channel: command.channel_id,
    conversationKind: kindOfChannel(command.channel_id, undefined, command.channel_name),
    text: command.text.trim(),
    responseUrl: command.response_url,
    triggerId: command.trigger_id,
  };
}
