// The composition: builds the stores, services, bot and platform adapters from the configuration.
export {
  loadKnowledge,
  openFoundation,
  openServices,
  openItkontakt,
  openItkontaktOn,
  startPlatforms,
  startBackgroundWork,
  type Foundation,
  type Services,
  type Itkontakt,
  type HttpPlatform,
  type AppStore,
} from './itkontakt.js';
export { copyDataDirToDatabase, databaseStatus, migrateDatabase } from './database.js';
