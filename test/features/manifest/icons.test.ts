import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COUNCIL_BLUE, drawColorIcon, drawOutlineIcon, type RgbaImage } from '../../../src/features/manifest/icon-art.js';
import { decodePng, encodePng, iconProblems } from '../../../src/features/manifest/icons.js';
import { manifestDir } from '../../../src/config/paths.js';
import { template } from './fixtures.js';

const committed = (file: string) => readFileSync(path.join(manifestDir, file));

function pixel(image: RgbaImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
}

describe('app icons', () => {
  it('the manifest names the committed icons, and they meet the Teams rules', async () => {
    const { icons, accentColor } = await template();
    assert.deepEqual(iconProblems('color', committed(icons.color)), []);
    assert.deepEqual(iconProblems('outline', committed(icons.outline)), []);
    const hex = `#${[COUNCIL_BLUE.r, COUNCIL_BLUE.g, COUNCIL_BLUE.b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    assert.equal(accentColor.toLowerCase(), hex.toLowerCase());
  });

  it('colour icon: 192 x 192, opaque council blue at the edge, white glyph in the middle', () => {
    const image = decodePng(committed('color.png'));
    assert.equal(image.width, 192);
    assert.equal(image.height, 192);
    assert.deepEqual(pixel(image, 0, 0), [COUNCIL_BLUE.r, COUNCIL_BLUE.g, COUNCIL_BLUE.b, 255]);
    assert.deepEqual(pixel(image, 96, 60), [255, 255, 255, 255]);
  });

  it('outline icon: 32 x 32, transparent background, only white pixels', () => {
    const image = decodePng(committed('outline.png'));
    assert.equal(image.width, 32);
    assert.equal(image.height, 32);
    assert.equal(pixel(image, 0, 0)[3], 0, 'corner is not transparent');
    let white = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = image.data.subarray(i, i + 4);
      assert.ok(a === 0 || (r === 255 && g === 255 && b === 255), `pixel ${i / 4} is neither white nor transparent`);
      if (a > 0) white++;
    }
    assert.ok(white > 50 && white < 32 * 32 / 2, `the glyph covers ${white} pixels`);
  });

  it('the committed PNGs are what the icon drawing makes (npm run -s icons)', () => {
    for (const [file, drawn] of [['color.png', drawColorIcon()], ['outline.png', drawOutlineIcon()]] as const) {
      const same = Buffer.from(decodePng(committed(file)).data).equals(Buffer.from(drawn.data));
      assert.ok(same, `manifest/${file} differs from what icon-art.ts draws: run npm run -s icons`);
    }
  });

  it('finds a wrong size, a coloured or opaque outline, and a file that is not a PNG', () => {
    const outline = drawOutlineIcon();
    assert.match(iconProblems('color', encodePng(outline)).join(), /192 x 192 pixels, not 32 x 32/);
    const coloured = { ...outline, data: outline.data.map((v, i) => (i % 4 === 1 && outline.data[i + 2] > 0 ? 0 : v)) };
    assert.match(iconProblems('outline', encodePng(coloured)).join(), /white or transparent only/);
    const opaque = { ...outline, data: outline.data.map((v, i) => (i % 4 === 3 ? 255 : v)) };
    assert.match(iconProblems('outline', encodePng(opaque)).join(), /transparent background/);
    assert.match(iconProblems('outline', Buffer.from('not a png')).join(), /not a PNG/);
  });
});
