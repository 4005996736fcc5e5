/** A verified body as an object to read, or why it cannot be one. */
export type ParsedSlackBody = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Parses a verified request body the three ways Slack sends one: JSON (the Events API), a form
 * whose `payload` field holds JSON (interactivity), or a form of fields (a slash command). Whether
 * the result has the shape Slack sends is readSlackPayload's question; this only turns bytes into a
 * value, and says so when they are not one.
 */
export function parseSlackBody(rawBody: Buffer, contentType: string | undefined): ParsedSlackBody {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = rawBody.toString('utf8');
  if (mediaType === 'application/json') return parseJson(text, 'the body');
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields = new URLSearchParams(text);
    const payload = fields.get('payload');
    if (payload !== null) return parseJson(payload, 'the payload field');
    return { ok: true, body: Object.fromEntries(fields) };
  }
  return { ok: false, reason: `content type ${mediaType || '(none)'} is neither JSON nor a form` };
}

function parseJson(text: string, what: string): ParsedSlackBody {
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    // The parser's message quotes the text around the error: it stays out of the reason (and the log).
    return { ok: false, reason: `${what} is not JSON` };
  }
}
