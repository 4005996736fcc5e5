export { buildTeamsPackage, checkTeamsPackage, PLACEHOLDER_BOT_ID } from './package.js';
export { runBuildPackage, MANIFEST_DIR } from './build-package.js';
export { decodePng, encodePng } from './png.js';
export { drawColorIcon, drawOutlineIcon, ACCENT } from './icons.js';
