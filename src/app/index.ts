// The composition: builds the stores, services, bot and platform adapters from the configuration.
export {
  loadKnowledge,
  openRegistry,
  openItkontakt,
  startPlatforms,
  startBackgroundWork,
  type Registry,
  type Itkontakt,
  type OpenOptions,
  type HttpPlatform,
} from './itkontakt.js';
