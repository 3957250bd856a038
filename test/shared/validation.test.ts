import assert from 'node:assert/strict';
import { cardChoice, cardMultiChoice, cardText, clip, errorSlots, keptValues } from '../../src/shared/validation.js';

describe('clip', () => {
  it('keeps text of exactly the limit, and cuts longer text to it', () => {
    assert.equal(clip('abcde', 5), 'abcde');
    assert.equal(clip('abcdef', 5), 'abcde');
    assert.equal(clip('', 5), '');
  });

  it('never cuts an emoji in half', () => {
    // Each emoji is two UTF-16 code units: a cut by code units would leave half of one.
    assert.equal(clip('ab\u{1F600}\u{1F600}', 3), 'ab\u{1F600}');
    assert.equal(clip('\u{1F600}\u{1F600}\u{1F600}', 2), '\u{1F600}\u{1F600}');
  });
});

describe('card field schemas', () => {
  const REQUIRED = 'Say what happened';
  const PICK = 'Choose from the list';

  it('trims text and treats blank or missing text as missing, with the field’s message', () => {
    const schema = cardText(REQUIRED);
    assert.equal(schema.parse('  laptop  '), 'laptop');
    for (const blank of ['   ', undefined, null, 42]) {
      const result = schema.safeParse(blank);
      assert.equal(result.success, false);
      assert.deepEqual(result.error?.issues.map((i) => i.message), [REQUIRED], `message for ${String(blank)}`);
    }
  });

  it('trims a single choice before checking it', () => {
    assert.equal(cardChoice(['yes', 'no'], PICK).parse(' yes '), 'yes');
    assert.equal(cardChoice(['yes', 'no'], PICK).safeParse('maybe').success, false);
  });

  it('reads a multi-select as its distinct trimmed values; none sent is an empty list, a non-string the field’s message', () => {
    const schema = cardMultiChoice(['a', 'b', 'c'], PICK);
    assert.deepEqual(schema.parse(' a , b ,a,'), ['a', 'b']);
    assert.deepEqual(schema.parse(undefined), []);
    assert.deepEqual(schema.parse(null), []);
    assert.deepEqual(schema.safeParse(7).error?.issues.map((i) => i.message), [PICK]);
  });

  it('keeps what was sent as text and an empty string for anything else; an empty error for each field without one', () => {
    assert.deepEqual(keptValues({ description: 'typed', device: 3 }, ['description', 'device', 'cause']), { description: 'typed', device: '', cause: '' });
    assert.deepEqual(errorSlots(['device', 'cause'], { device: 'Choose a device' }), { device: 'Choose a device', cause: '' });
  });
});
