/**
 * The icon rules Teams sets for an app package, checked on the PNG files themselves: the
 * colour icon is 192 x 192, the outline icon 32 x 32 with a transparent background and a
 * white glyph only.
 */
import pngjs from 'pngjs';
import type { RgbaImage } from './icon-art.js';

const { PNG } = pngjs;

/** The two icons an app package carries, by their manifest name. */
export type IconKind = 'color' | 'outline';

/** Each icon's required size in pixels. */
export const ICON_SIZES: Record<IconKind, number> = { color: 192, outline: 32 };

/** Encodes an RGBA image as a PNG file. */
export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png, { colorType: 6 });
}

/**
 * Decodes a PNG file to RGBA.
 * @throws Error when the bytes are not a PNG.
 */
export function decodePng(file: Buffer): RgbaImage {
  const png = PNG.sync.read(file);
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/**
 * What is wrong with an icon file, in plain words; an empty list when it meets the rules.
 * @param kind which icon this is.
 * @param file the PNG file's bytes.
 */
export function iconProblems(kind: IconKind, file: Buffer): string[] {
  let image: RgbaImage;
  try {
    image = decodePng(file);
  } catch (error) {
    return [`is not a PNG file (${(error as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`must be ${size} x ${size} pixels, not ${image.width} x ${image.height}`);
  }
  if (kind === 'outline') problems.push(...outlineProblems(image));
  return problems;
}

/** The outline icon is white on transparency: every pixel transparent or white, and some of each. */
function outlineProblems(image: RgbaImage): string[] {
  let transparent = 0;
  let white = 0;
  let other = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = image.data.subarray(i, i + 4);
    if (a === 0) transparent++;
    else if (r === 255 && g === 255 && b === 255) white++;
    else other++;
  }
  const problems: string[] = [];
  if (other > 0) problems.push(`must be white or transparent only; ${other} pixels have another colour`);
  if (transparent === 0) problems.push('must have a transparent background');
  if (white === 0) problems.push('has no visible (white) glyph');
  return problems;
}
