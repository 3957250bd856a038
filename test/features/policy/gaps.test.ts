import assert from 'node:assert/strict';
import { policyGaps } from '../../../src/features/policy/gaps.js';
import type { PolicyFeedback } from '../../../src/store/types.js';

const asked = (id: string, fields: Partial<PolicyFeedback>): PolicyFeedback => ({ id, at: `2026-01-01T00:00:0${id}.000Z`, question: 'can i get my work emails on my own phone', answered: true, sectionId: 'webmail', ...fields });

describe('policy gaps', () => {
  it('counts answers beside which the asker opened another section, apart from down-votes, and names the section opened most', () => {
    const [gap] = policyGaps([
      asked('1', { openedSectionId: 'mobile-phones' }),
      asked('2', { openedSectionId: 'personal-devices' }),
      asked('3', { openedSectionId: 'personal-devices', helpful: false }),
      asked('4', { answered: false, sectionId: undefined }),
      asked('5', { openedSectionId: 'mobile-phones', helpful: true })
    ]);
    assert.deepEqual(
      { count: gap.count, unanswered: gap.unanswered, notHelpful: gap.notHelpful, openedInstead: gap.openedInstead, opened: gap.opened },
      { count: 4, unanswered: 1, notHelpful: 1, openedInstead: 2, opened: 'personal-devices' },
      'the asking whose answer helped is no gap, and its opening does not count'
    );
  });

  it('names the latest of the sections opened equally often, and none when nobody opened one', () => {
    assert.equal(policyGaps([asked('1', { openedSectionId: 'mobile-phones' }), asked('2', { openedSectionId: 'personal-devices' })])[0].opened, 'personal-devices');
    assert.equal(policyGaps([asked('1', { helpful: false })])[0].opened, undefined);
    assert.deepEqual(policyGaps([asked('1', {})]), [], 'answered, and nobody said otherwise');
  });
});
