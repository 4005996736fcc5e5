export { JOURNAL_FILE_NAME, LowdbStore, STORE_FILE_NAME } from './lowdb-store.js';
export { PgStore, type PgStoreOptions } from './postgres/pg-store.js';
export type { PgInstances, RunningSharing, SharingOptions } from './postgres/instances.js';
export { copyFromDataDir, type CopyReport } from './postgres/copy.js';
export { CURRENT_SCHEMA_VERSION } from './schema.js';
export { SERVER_LOCK_FILE_NAME } from './server-lock.js';
export { FileServerPresence, HEARTBEAT_FILE_NAME } from './server-heartbeat.js';
