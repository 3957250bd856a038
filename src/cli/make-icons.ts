/**
 * Draws the app's icons into `manifest/` (`npm run -s icons`). Run it after changing
 * `src/features/manifest/icon-art.ts`; a test checks the committed files match.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon } from '../features/manifest/icon-art.js';
import { encodePng } from '../features/manifest/icons.js';
import { manifestDir } from '../config/paths.js';

for (const [file, image] of [
  ['color.png', drawColorIcon()],
  ['outline.png', drawOutlineIcon()]
] as const) {
  const target = path.join(manifestDir, file);
  writeFileSync(target, encodePng(image));
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${image.width} x ${image.height})\n`);
}
