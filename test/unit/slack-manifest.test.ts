import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SLACK_BOT_SCOPES, SLACK_EVENT_SCOPES, SLACK_EVENTS_PATH, SLACK_HANDLED_EVENTS, SLACK_SLASH_COMMAND, readSlackPayload } from '../../adapters/slack/index.js';

const MANIFEST_URL = new URL('../../manifest/slack/manifest.yaml', import.meta.url);

const httpsUrl = z.string().url().startsWith('https://');

/** The parts of Slack's app manifest schema this app relies on, with Slack's length limits. */
const manifestSchema = z.object({
  _metadata: z.object({ major_version: z.literal(1), minor_version: z.number().int() }),
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    long_description: z.string().min(175).max(4000),
    background_color: z.string().regex(/^#[0-9a-f]{6}$/iu),
  }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.literal(true), messages_tab_enabled: z.literal(true), messages_tab_read_only_enabled: z.literal(false) }),
    bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
    slash_commands: z.array(z.object({ command: z.string().regex(/^\/[\w-]+$/u), url: httpsUrl, description: z.string().min(1).max(2000), usage_hint: z.string().max(1000), should_escape: z.boolean() })).min(1),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).min(1) }).strict() }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: httpsUrl, bot_events: z.array(z.string()).min(1) }),
    interactivity: z.object({ is_enabled: z.literal(true), request_url: httpsUrl }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

async function manifest(): Promise<{ text: string; value: z.infer<typeof manifestSchema> }> {
  const text = await readFile(MANIFEST_URL, 'utf8');
  return { text, value: manifestSchema.parse(parse(text, { strict: true, uniqueKeys: true })) };
}

/** A minimal payload of each handled event, as Slack sends it, to prove the code handles it. */
const SAMPLE_EVENTS: Record<(typeof SLACK_HANDLED_EVENTS)[number], Record<string, unknown>> = {
  app_mention: { type: 'app_mention', user: 'U1', text: '<@UBOT> hej', ts: '1.1', channel: 'C1' },
  'message.im': { type: 'message', channel_type: 'im', user: 'U1', text: 'hej', ts: '1.1', channel: 'D1' },
  // Only replies in a thread the bot started are read from channels.
  'message.channels': { type: 'message', channel_type: 'channel', user: 'U1', text: 'hej', ts: '1.2', thread_ts: '1.1', parent_user_id: 'UBOT', channel: 'C1' },
  'message.groups': { type: 'message', channel_type: 'group', user: 'U1', text: 'hej', ts: '1.2', thread_ts: '1.1', parent_user_id: 'UBOT', channel: 'G1' },
  app_home_opened: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' },
  member_joined_channel: { type: 'member_joined_channel', user: 'UBOT', channel: 'C1', channel_type: 'C', team: 'T1' },
  member_left_channel: { type: 'member_left_channel', user: 'UBOT', channel: 'C1', channel_type: 'C', team: 'T1' },
  channel_left: { type: 'channel_left', channel: 'C1', actor_id: 'U1' },
  group_left: { type: 'group_left', channel: 'G1', actor_id: 'U1' },
};

describe('manifest/slack/manifest.yaml', () => {
  it('parses as a Slack app manifest within Slack’s limits', async () => {
    const { value } = await manifest();
    expect(value.display_information.name).toBe('itkontakt');
    expect(value.features.bot_user.display_name).toBe('itkontakt');
  });

  it('subscribes to exactly the bot events the adapter handles', async () => {
    const { value } = await manifest();
    expect([...value.settings.event_subscriptions.bot_events].sort()).toEqual([...SLACK_HANDLED_EVENTS].sort());
  });

  it('lists events the code really handles (none of them is read as unsupported)', () => {
    for (const event of SLACK_HANDLED_EVENTS) {
      const inbound = readSlackPayload({ type: 'event_callback', team_id: 'T1', event_id: `Ev-${event}`, event: SAMPLE_EVENTS[event] }, { botUserId: 'UBOT' });
      expect(inbound.kind, event).not.toBe('unsupported');
      expect(inbound.kind, event).not.toBe('ignored');
    }
    expect(readSlackPayload({ type: 'event_callback', team_id: 'T1', event: { type: 'reaction_added' } }).kind).toBe('unsupported');
  });

  it('asks for exactly the scopes the code needs, each with a reason, covering every subscribed event', async () => {
    const { value } = await manifest();
    const scopes = value.oauth_config.scopes.bot;
    expect(new Set(scopes).size).toBe(scopes.length);
    expect([...scopes].sort()).toEqual(Object.keys(SLACK_BOT_SCOPES).sort());
    for (const event of SLACK_HANDLED_EVENTS) for (const scope of SLACK_EVENT_SCOPES[event]) expect(scopes, event).toContain(scope);
    // Only what answering needs: channel history for ticket threads (see SLACK_BOT_SCOPES), no users or files.
    for (const broad of ['users:read', 'users:read.email', 'files:read', 'chat:write.public', 'im:write']) expect(scopes).not.toContain(broad);
  });

  it('registers the /it slash command and interactivity on the one events URL', async () => {
    const { value } = await manifest();
    const [command] = value.features.slash_commands;
    expect(command?.command).toBe(SLACK_SLASH_COMMAND);
    for (const url of [command!.url, value.settings.event_subscriptions.request_url, value.settings.interactivity.request_url]) {
      expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect(command!.usage_hint).toMatch(/kommun/u);
    // "/it registrera" opens the registration modal.
    expect(command!.usage_hint).toMatch(/registrera/u);
    // "/it ärende" opens the ticket modal; "/it mina ärenden" lists one's tickets.
    expect(command!.usage_hint).toMatch(/\| ärende \|/u);
    expect(command!.usage_hint).toMatch(/mina ärenden/u);
  });

  it('documents both ways to connect: HTTP request URLs by default, and how to switch to Socket Mode', async () => {
    const { text, value } = await manifest();
    expect(value.settings.socket_mode_enabled).toBe(false);
    expect(text).toMatch(/socket_mode_enabled: true/u);
    expect(text).toMatch(/SLACK_APP_TOKEN/u);
    expect(text).toMatch(/connections:write/u);
    expect(text).toMatch(/SLACK_SIGNING_SECRET/u);
  });
});
