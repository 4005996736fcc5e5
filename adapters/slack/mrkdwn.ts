/** Slack's control characters in message text; everything else is shown as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Splits text into pieces of at most `max` characters (a section's text is limited to 3000),
 * preferring paragraph, then line, then word boundaries.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * What a person typed, from Slack's message text: the bot's own mention removed (and any mention
 * that opens the message), other mentions, channels and links shown as their labels, and Slack's
 * escapes undone.
 */
export function plainTextFromSlack(text: string, botUserId?: string | undefined): string {
  let result = text;
  if (botUserId) result = result.split(`<@${botUserId}>`).join(' ');
  result = result.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*/u, '');
  result = result
    .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/gu, '@$2')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/gu, '#$1')
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/gu, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/gu, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/gu, '$1');
  result = result.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&');
  return result.replace(/\s+/gu, ' ').trim();
}
