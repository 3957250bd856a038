import assert from 'node:assert/strict';
import { helpCard, noticeCard } from '../src/features/help/help.js';
import { profileCard, profileValues } from '../src/features/profile/profile.js';
import { checkCard } from './helpers/render.js';

const MAX_CARD_BYTES = 28 * 1024;

const cards = {
  help: helpCard(false),
  'help (local mode)': helpCard(true),
  notice: noticeCard('Title', 'A message', true),
  'profile (empty)': profileCard(profileValues(undefined)),
  'profile (saved)': profileCard({ worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: 'laptop,smartphone' }, { saved: true }),
  'profile (errors)': profileCard({ worksWithChildrenOrVulnerable: '', remoteOrFlexible: 'maybe', devices: '' }, { errors: { worksWithChildrenOrVulnerable: 'Choose yes or no.' } })
};

describe('card templates', () => {
  for (const [name, card] of Object.entries(cards)) {
    it(`${name} renders with no errors or warnings, version 1.5, under 28 KB`, () => {
      const check = checkCard(card);
      assert.deepEqual(check.problems, []);
      assert.equal(check.version, '1.5');
      assert.ok(check.rendered);
      assert.ok(check.bytes < MAX_CARD_BYTES, `${check.bytes} bytes`);
      assert.doesNotMatch(JSON.stringify(card), /\$\{/, 'no template expression left unexpanded');
    });
  }

  it('the renderer check reports a broken card', () => {
    const check = checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }, { type: 'NoSuchElement' }] });
    assert.ok(check.problems.length >= 1, 'a card with an id-less input and an unknown element has problems');
  });
});
