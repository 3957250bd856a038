import assert from 'node:assert/strict';
import { helpCard, noticeCard } from '../src/features/help/help.js';
import { profileCard, profileValues } from '../src/features/profile/profile.js';
import { checkCard } from './helpers/render.js';
import { summaryCard, summaryCardData } from '../src/features/summaries/summary-card.js';
import { summarise, windowsFor } from '../src/features/summaries/summary.js';
import { renderCard } from '../src/shared/cards.js';
import { complaint, REPORT_AAD } from './features/summaries/fixtures.js';

const summaryEnd = new Date('2026-11-23T09:00:00.000Z');
const summaryInput = (reports: ReturnType<typeof complaint>[]) => {
  const windows = windowsFor(summaryEnd, 7);
  return { scope: { kind: 'team' as const, size: 3 }, windows, days: 7, figures: summarise(reports, 'council', windows), timeZone: 'Europe/London' };
};
const someComplaints = [
  complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { cause: 'training', blockedTasks: ['f'] }),
  complaint(REPORT_AAD, '2026-11-21T10:00:00.000Z')
];
/** 50 categories of data in one card: the most a summary could be asked to carry. */
const fiftyRows = Array.from({ length: 50 }, (_, i) => ({ label: `Category ${i + 1} with a reasonably long descriptive label`, current: i * 7, previous: i * 3 }));

const MAX_CARD_BYTES = 28 * 1024;

const cards = {
  help: helpCard(false),
  'help (local mode)': helpCard(true),
  notice: noticeCard('Title', 'A message', true),
  'profile (empty)': profileCard(profileValues(undefined)),
  'profile (saved)': profileCard({ worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: 'laptop,smartphone' }, { saved: true }),
  'summary (with chart)': summaryCard(summaryInput(someComplaints)),
  'summary (nothing reported)': summaryCard({ ...summaryInput([]), scope: { kind: 'council' } }),
  'summary (50 categories)': renderCard('summary', summaryCardData(summaryInput(someComplaints), [{ title: 'Fifty', rows: fiftyRows }])),
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

  it('the summary card has a chart with a table fallback only when there is something to chart', () => {
    const withChart = JSON.stringify(summaryCard(summaryInput(someComplaints)));
    assert.match(withChart, /"type":"Chart.Donut"/);
    assert.match(withChart, /"fallback":\{"type":"Table"/);
    assert.match(withChart, /"legend":"Lack of training","value":1/);
    assert.doesNotMatch(JSON.stringify(summaryCard(summaryInput([]))), /Chart\./);
  });

  it('the renderer check wants a fallback on Teams charts', () => {
    const check = checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Donut', data: [{ legend: 'a', value: 1 }] }] });
    assert.deepEqual(check.problems, ['teams: Chart.Donut needs a fallback element for clients without charts']);
    const badFallback = checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Donut', data: [], fallback: { type: 'Input.Text' } }] });
    assert.ok(badFallback.problems.length >= 1, 'the fallback itself is still checked');
  });

  it('the renderer check reports a broken card', () => {
    const check = checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }, { type: 'NoSuchElement' }] });
    assert.ok(check.problems.length >= 1, 'a card with an id-less input and an unknown element has problems');
  });
});
