export { buildTeamsPackage, checkTeamsPackage, PLACEHOLDER_BOT_ID, COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, type TeamsPackage } from './package.js';
export { runBuildPackage, MANIFEST_DIR, DEFAULT_OUT_DIR } from './build-package.js';
export { decodePng, encodePng, type RgbaImage } from './png.js';
export { drawColorIcon, drawOutlineIcon, ACCENT } from './icons.js';
