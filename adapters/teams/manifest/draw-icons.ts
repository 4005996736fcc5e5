/**
 * Redraws the Teams app icons into manifest/teams/ (color.png 192×192, outline.png 32×32).
 * Run: node --import tsx adapters/teams/manifest/draw-icons.ts
 */
import { writeFile } from 'node:fs/promises';
import { drawColorIcon, drawOutlineIcon } from './icons.js';
import { encodePng } from './png.js';

const directory = new URL('../../../manifest/teams/', import.meta.url);
await writeFile(new URL('color.png', directory), encodePng(drawColorIcon()));
await writeFile(new URL('outline.png', directory), encodePng(drawOutlineIcon()));
process.stdout.write(`Ritade color.png och outline.png i ${directory.pathname}\n`);
