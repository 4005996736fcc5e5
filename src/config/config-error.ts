/** A configuration problem, naming the variable and what to write instead. */
export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** Every bad variable at once, so all of them can be fixed in one go. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`Ogiltig konfiguration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
