import type { RgbaImage } from './png.js';

/**
 * The app's icons, drawn here rather than in an image editor so they can be regenerated and
 * checked: a speech bubble with a check mark ("an answer you can rely on"). Shapes are described
 * in a 0–1 square and rasterised with 4×4 supersampling, so edges are smooth at any size.
 */

type Shape = (x: number, y: number) => boolean;
type Colour = readonly [number, number, number];

/** The accent colour of the app (manifest accentColor, colour icon background). */
export const ACCENT: Colour = [0x1f, 0x5f, 0xad];
const WHITE: Colour = [255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(x0 + radius - x, 0, x - (x1 - radius));
    const dy = Math.max(y0 + radius - y, 0, y - (y1 - radius));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= radius * radius;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number): number => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

/** A stroke along a polyline, with round joins and caps. */
function stroke(points: ReadonlyArray<readonly [number, number]>, width: number): Shape {
  const half = width / 2;
  return (x, y) =>
    points.slice(1).some(([bx, by], index) => {
      const [ax, ay] = points[index]!;
      const length = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length));
      return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= half * half;
    });
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

const SAMPLES = 4;

/** Paints a shape in a colour over the image, with its coverage as opacity. */
function paint(image: RgbaImage, shape: Shape, colour: Colour): void {
  for (let py = 0; py < image.height; py += 1) {
    for (let px = 0; px < image.width; px += 1) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          if (shape((px + (sx + 0.5) / SAMPLES) / image.width, (py + (sy + 0.5) / SAMPLES) / image.height)) covered += 1;
        }
      }
      if (covered === 0) continue;
      const alpha = covered / (SAMPLES * SAMPLES);
      const at = (py * image.width + px) * 4;
      const below = image.pixels[at + 3]! / 255;
      const out = alpha + below * (1 - alpha);
      for (let channel = 0; channel < 3; channel += 1) {
        const mixed = (colour[channel]! * alpha + image.pixels[at + channel]! * below * (1 - alpha)) / out;
        image.pixels[at + channel] = Math.round(mixed);
      }
      image.pixels[at + 3] = Math.round(out * 255);
    }
  }
}

function blank(size: number): RgbaImage {
  return { width: size, height: size, pixels: new Uint8Array(size * size * 4) };
}

const CHECK: ReadonlyArray<readonly [number, number]> = [
  [0.385, 0.47],
  [0.47, 0.555],
  [0.635, 0.385],
];

/** 192×192, full colour: a white bubble with an accent-coloured check mark on the accent colour. */
export function drawColorIcon(): RgbaImage {
  const image = blank(192);
  paint(image, () => true, ACCENT);
  const bubble = union(roundedRect(0.25, 0.27, 0.75, 0.65, 0.1), triangle(0.33, 0.6, 0.47, 0.6, 0.3, 0.77));
  paint(image, bubble, WHITE);
  paint(image, stroke(CHECK, 0.06), ACCENT);
  return image;
}

/** 32×32 outline: the same bubble and check in white lines on a transparent background. */
export function drawOutlineIcon(): RgbaImage {
  const image = blank(32);
  const line = 2 / 32;
  const outer = roundedRect(0.12, 0.16, 0.88, 0.7, 0.14);
  const inner = roundedRect(0.12 + line, 0.16 + line, 0.88 - line, 0.7 - line, 0.14 - line);
  // The tail opens the bubble's lower edge between its two lines.
  const tailBase: readonly [number, number, number] = [0.3, 0.48, 0.7 - line / 2];
  const tail = stroke(
    [
      [tailBase[0], tailBase[2]],
      [0.22, 0.9],
      [tailBase[1], tailBase[2]],
    ],
    line,
  );
  const opening = roundedRect(tailBase[0] + line / 2, 0.6, tailBase[1] - line, 0.72, 0);
  paint(image, union(minus(minus(outer, inner), opening), tail, stroke(CHECK, line)), WHITE);
  return image;
}
