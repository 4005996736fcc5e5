// The configuration: read once from environment variables, validated, the only place that knows
// their names.
export { BUNDLED_KNOWLEDGE_DIR, KNOWLEDGE_CACHE_DIR } from './paths.js';
export { loadConfig } from './load-config.js';
export { ConfigError, type ConfigIssue, type ConfigProblem } from './config-error.js';
export { commandLineLanguage, localeLanguage } from './language.js';
export type { Config, TeamsMode } from './model.js';
export type { ImapConfig } from './imap.js';
export { DEFAULT_DELIVERY_LIMITS, DEFAULT_NOTICE_DELIVERY, type DeliveryLimits } from './delivery-defaults.js';
