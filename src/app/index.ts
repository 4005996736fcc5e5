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
} from './itkontakt.js';
