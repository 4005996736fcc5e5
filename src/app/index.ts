// The composition: builds the stores, services, bot and platform adapters from the configuration.
export {
  loadKnowledge,
  openServices,
  openItkontakt,
  startPlatforms,
  startBackgroundWork,
  type Services,
  type Itkontakt,
  type HttpPlatform,
  type AppStore,
} from './itkontakt.js';
export { copyDataDirToDatabase, databaseStatus, migrateDatabase } from './database.js';
