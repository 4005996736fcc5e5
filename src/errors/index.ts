/**
 * An error that crosses module boundaries with a stable `code`, so callers (the CLI, the server)
 * can tell a known failure from a bug and show the message as it is.
 */
export class BotError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BotError';
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}
