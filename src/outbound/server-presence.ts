/**
 * Whether a server is running to send what a command queued. The CLI queues messages (a ticket's
 * staff-channel post, a notice's deliveries) that only the server sends; it tells the operator
 * "sent by the server" or "sent when the server starts" from the server's heartbeat. The store
 * keeps the heartbeat: the embedded store as a file in its data directory, a database as a row.
 */

/** One sign of life: which process, where, and when it last said so. */
export interface ServerBeat {
  readonly pid: number;
  readonly hostname: string;
  /** ISO 8601. */
  readonly at: string;
}

/** The server's heartbeat as the store keeps it. */
export interface ServerPresence {
  /** Records that this process, the server, is alive at `now`. */
  beat(now: Date): Promise<void>;
  /** The running server's last beat, or undefined when no server has beaten recently (or it is gone). */
  current(now: Date): Promise<ServerBeat | undefined>;
  /** Says this process has stopped (a clean stop), so commands need not wait for the beat to go stale. */
  clear(): Promise<void>;
}

/** How often the server beats; a beat older than SERVER_BEAT_STALE_MS means no server is running. */
export const SERVER_BEAT_INTERVAL_MS = 5_000;
/** Three missed beats: a busy event loop may delay one, not three. */
export const SERVER_BEAT_STALE_MS = 3 * SERVER_BEAT_INTERVAL_MS;

/**
 * Beats now and then every interval until stopped; stopping clears the heartbeat. A beat that fails
 * (a full disk) is reported and tried again at the next interval: the server keeps serving.
 */
export async function keepBeating(presence: ServerPresence, options: { readonly now: () => Date; readonly intervalMs?: number; readonly onError: (error: unknown) => void }): Promise<{ stop(): Promise<void> }> {
  await presence.beat(options.now());
  const timer = setInterval(() => {
    presence.beat(options.now()).catch(options.onError);
  }, options.intervalMs ?? SERVER_BEAT_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await presence.clear();
    },
  };
}
