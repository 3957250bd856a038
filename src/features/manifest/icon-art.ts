/**
 * The app's two icons, drawn from a few shapes: a shield with a tick (the policy that keeps
 * staff and the council safe) on council blue. Drawing them in code keeps them the project's
 * own and lets a test prove the committed PNGs are what this file draws.
 */

/** Council blue, also the manifest's `accentColor`. */
export const COUNCIL_BLUE = { r: 0x1d, g: 0x4f, b: 0x91 } as const;

/** An RGBA image, 4 bytes a pixel, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

type Point = readonly [number, number];

/** Samples per pixel side: 4 x 4 samples give smooth (anti-aliased) edges. */
const SAMPLES = 4;

/** Points along a quadratic Bezier curve from `from` to `to`, `from` excluded. */
function curve(from: Point, control: Point, to: Point, steps = 24): Point[] {
  const points: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const c = t * t;
    points.push([a * from[0] + b * control[0] + c * to[0], a * from[1] + b * control[1] + c * to[1]]);
  }
  return points;
}

/** The shield's outline in a unit box: flat top, straight sides, curving to a point. */
const SHIELD: Point[] = [
  [0.1, 0.05],
  [0.9, 0.05],
  [0.9, 0.45],
  ...curve([0.9, 0.45], [0.9, 0.8], [0.5, 0.97]),
  ...curve([0.5, 0.97], [0.1, 0.8], [0.1, 0.45])
];

/** The tick inside the shield, as a line through three points. */
const TICK: Point[] = [
  [0.3, 0.5],
  [0.44, 0.64],
  [0.7, 0.36]
];

function insidePolygon([x, y]: Point, polygon: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment([x, y]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** True when `point` lies within `width / 2` of the line through `points`. */
function onLine(point: Point, points: Point[], width: number, closed = false): boolean {
  const last = closed ? points.length : points.length - 1;
  for (let i = 0; i < last; i++) {
    if (distanceToSegment(point, points[i], points[(i + 1) % points.length]) <= width / 2) return true;
  }
  return false;
}

/**
 * Draws an image from a paint function that, for a point in the glyph's unit box, says
 * which colour is there (or undefined for the background). `scale` is how much of the
 * image the glyph's box fills, centred.
 */
function draw(
  size: number,
  scale: number,
  background: { r: number; g: number; b: number; a: number },
  paint: (point: Point) => { r: number; g: number; b: number } | undefined
): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const offset = (1 - scale) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size - offset) / scale;
          const y = ((py + (sy + 0.5) / SAMPLES) / size - offset) / scale;
          const colour = paint([x, y]);
          const alpha = colour ? 255 : background.a;
          const c = colour ?? background;
          r += c.r * alpha;
          g += c.g * alpha;
          b += c.b * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      // Colour channels are alpha-weighted averages, so edges stay the glyph's colour.
      data[i] = a ? Math.round(r / a) : 0;
      data[i + 1] = a ? Math.round(g / a) : 0;
      data[i + 2] = a ? Math.round(b / a) : 0;
      data[i + 3] = Math.round(a / (SAMPLES * SAMPLES));
    }
  }
  return { width: size, height: size, data };
}

const WHITE = { r: 255, g: 255, b: 255 } as const;

/** The 192 x 192 colour icon: a white shield with a blue tick on council blue. */
export function drawColorIcon(): RgbaImage {
  return draw(192, 0.62, { ...COUNCIL_BLUE, a: 255 }, (point) => {
    if (!insidePolygon(point, SHIELD)) return undefined;
    return onLine(point, TICK, 0.11) ? COUNCIL_BLUE : WHITE;
  });
}

/** The 32 x 32 outline icon: the shield's edge and the tick in white on transparency. */
export function drawOutlineIcon(): RgbaImage {
  return draw(32, 0.84, { r: 0, g: 0, b: 0, a: 0 }, (point) =>
    onLine(point, SHIELD, 0.09, true) || onLine(point, TICK, 0.12) ? WHITE : undefined
  );
}
