import assert from 'node:assert/strict';
import { clip } from '../../src/shared/validation.js';

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
