import type { types } from '@slack/bolt';
import { escapeMrkdwn, truncate } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;

/** A message as the Web API takes it: Block Kit blocks, and the plain text notifications show. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

// Slack's limits (https://docs.slack.dev/reference/block-kit/blocks): a section's text, a header's
// text, a message's blocks, a menu's options, an option's label, a button's label, and a modal's
// title and buttons.
export const SECTION_MAX = 3000;
export const HEADER_MAX = 150;
export const MESSAGE_BLOCKS_MAX = 50;
export const OPTIONS_MAX = 100;
export const OPTION_TEXT_MAX = 75;
export const BUTTON_TEXT_MAX = 75;
export const MODAL_TITLE_MAX = 24;
export const PLACEHOLDER_MAX = 150;

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text: truncate(text, SECTION_MAX) });
export const plain = (text: string, max = HEADER_MAX): types.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
export const section = (text: string, blockId?: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(text), ...(blockId ? { block_id: blockId } : {}) });
export const header = (text: string): types.HeaderBlock => ({ type: 'header', text: plain(text) });
export const context = (...texts: string[]): types.ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });
export const bullets = (lines: readonly string[]): string => lines.map((line) => `• ${escapeMrkdwn(line)}`).join('\n');

/** One sentence as a message. */
export function simple(text: string): SlackMessage {
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
