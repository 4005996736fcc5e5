// Teams names a channel thread as a conversation of its own: `<channel id>;messageid=<root post>`.
// These are the one place that reads or writes that form.

const THREAD_SUFFIX = /;messageid=([^;]*)$/u;

/** The channel a conversation id belongs to: without the `;messageid=` of a thread. */
export function channelOf(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, '');
}

/** The root post of the thread a conversation id names, if it names one. */
export function threadRootOf(conversationId: string): string | undefined {
  return THREAD_SUFFIX.exec(conversationId)?.[1] || undefined;
}

/** The conversation id of the thread under `root` in the channel (of) `conversationId`. */
export function threadConversationId(conversationId: string, root: string): string {
  return `${channelOf(conversationId)};messageid=${root}`;
}
