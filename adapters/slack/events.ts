/** Where Slack sends Events API requests, interactivity and slash commands (one URL for all three). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** The slash command the app registers; its text is read like a chat message ("kommun Göteborg"). */
export const SLACK_SLASH_COMMAND = '/it';

/**
 * The bot events the adapter handles, as the app manifest names them (`message.im` is a `message`
 * event from a direct message;
 * `message.channels` and `message.groups` are messages in public and private channels, of which
 * only replies in a thread under the bot's own messages are taken up: staff answering in a ticket's
 * thread). The manifest test checks that manifest/slack/manifest.yaml subscribes
 * to exactly these, so a handler is never written for an event Slack is not asked to send.
 */
export const SLACK_HANDLED_EVENTS = [
  'app_mention',
  'message.im',
  'message.channels',
  'message.groups',
  'app_home_opened',
  'member_joined_channel',
  'member_left_channel',
  'channel_left',
  'group_left',
] as const;

export type SlackHandledEvent = (typeof SLACK_HANDLED_EVENTS)[number];

/**
 * The bot token scopes, each with the reason it is needed. The manifest asks for exactly these: a
 * scope without a reason here is a scope the app should not have.
 */
export const SLACK_BOT_SCOPES = {
  'app_mentions:read': 'app_mention: "@itkontakt <fråga>" i kanaler',
  'im:history': 'message.im: frågor i direktmeddelanden till boten',
  'channels:history': 'message.channels: personalens svar i ett ärendes tråd i en publik personalkanal (bara trådsvar tas upp, inget annat i kanalen)',
  'groups:history': 'message.groups: personalens svar i ett ärendes tråd i en privat personalkanal (bara trådsvar tas upp, inget annat i kanalen)',
  'chat:write': 'chat.postMessage och chat.update: svar, välkomsttext, ansökningar till personalen och besked till den sökande (i DM via användar-id), (senare) driftinformation',
  commands: 'snedstreckskommandot /it',
  'channels:read': 'member_joined_channel, member_left_channel och channel_left i publika kanaler: kanalen blir mottagare av driftinformation',
  'groups:read': 'member_joined_channel, member_left_channel och group_left i privata kanaler',
} as const;

export type SlackBotScope = keyof typeof SLACK_BOT_SCOPES;

/** Which scope lets Slack deliver each handled event (app_home_opened needs none, only the Home tab). */
export const SLACK_EVENT_SCOPES: Readonly<Record<SlackHandledEvent, readonly SlackBotScope[]>> = {
  app_mention: ['app_mentions:read'],
  'message.im': ['im:history'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  app_home_opened: [],
  member_joined_channel: ['channels:read', 'groups:read'],
  member_left_channel: ['channels:read', 'groups:read'],
  channel_left: ['channels:read'],
  group_left: ['groups:read'],
};
