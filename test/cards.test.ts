import assert from 'node:assert/strict';
import { helpCard } from '../src/shared/help-card.js';
import { noticeCard } from '../src/shared/notice.js';
import { profileCard, profileValues } from '../src/features/profile/profile.js';
import { answerCard, gapsCard, linkCard, notFoundCard } from '../src/features/policy/cards.js';
import { parsePolicy } from '../src/features/policy/policy-document.js';
import { SAMPLE_POLICY_FILE } from '../src/features/policy/policy-source.js';
import { checkCard } from './helpers/render.js';
import { foiCard } from '../src/features/foi/card.js';
import { computeFigures } from './helpers/figures.js';
import { summaryCard, summaryCardData } from '../src/features/summaries/summary-card.js';
import { summarise, windowsFor } from '../src/features/summaries/summary.js';
import { readdirSync, readFileSync } from 'node:fs';
import { cardsDir } from '../src/config/paths.js';
import { CARD_NAMES, renderCard } from '../src/shared/cards.js';
import { complaintNotificationCard } from '../src/features/notifications/notification.js';
import { complaint, REPORT_AAD } from './features/summaries/fixtures.js';

const samplePolicy = parsePolicy(readFileSync(SAMPLE_POLICY_FILE, 'utf8'));
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
import { blankComplaintValues, complaintConfirmationCard, complaintFormCard } from '../src/features/complaints/complaint.js';
import { myReportsCard } from '../src/features/my-reports/my-reports.js';
import { blankSharingValues, sharingConfirmationCard, sharingFormCard } from '../src/features/number-sharing/sharing.js';
import type { DeviceComplaint, NumberSharingReport } from '../src/store/types.js';

const foiSample = computeFigures({
  asOf: '2020-02-11',
  timeZone: 'Europe/London',
  employees: [],
  profiles: [],
  reports: [],
  organisation: { councilName: 'Test Council', tasksOnCouncilDevices: { a: true, b: false, c: true, d: true, e: true, f: true, g: true, h: false }, personalDevices: { answer: 'conditions', note: 'Only via [the app](https://evil.example).' } }
});

const BOUNDS = { earliest: '2024-03-02', latest: '2026-03-02' };
const ASK_ALL = { worksWithChildrenOrVulnerable: true, remoteOrFlexible: true };
const ASK_NONE = { worksWithChildrenOrVulnerable: false, remoteOrFlexible: false };
const SUBMISSION_ID = '2f1c7e0e-8a52-4a8e-9c1b-6f7c6c3d9a10';
const USER_TEXT = 'Tried [click here](https://evil.example) and <at>Everyone</at> **bold**';

const sampleComplaint: DeviceComplaint = {
  id: 'DC-2026-000123',
  kind: 'device-complaint',
  submissionId: SUBMISSION_ID,
  submittedAt: '2026-03-02T10:00:00.000Z',
  reporterId: 'a1',
  status: 'open',
  history: [],
  source: 'teams',
  device: 'smartphone',
  cause: 'device-problem',
  blockedTasks: ['a', 'f', 'h'],
  occurredOn: '2026-03-01',
  description: USER_TEXT,
  cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'unknown' }
};

const policy = { policyTitle: 'Acceptable Use of ICT Assets and Social Media', policyUrl: 'https://intranet.example/aup', sample: true };
const answer = { ...policy, sectionId: 'webmail', sectionTitle: 'Webmail', passage: 'First paragraph.\n\nSecond paragraph.', question: 'Can I use [Hotmail](https://evil.example)?' };

const sampleSharing: NumberSharingReport = {
  id: 'NS-2026-000045',
  kind: 'number-sharing',
  submissionId: SUBMISSION_ID,
  submittedAt: '2026-03-02T10:00:00.000Z',
  reporterId: 'a1',
  status: 'open',
  history: [],
  source: 'teams',
  subject: 'colleague',
  sharerId: '00000000-0000-0000-0000-0000000000b7',
  sharerName: 'Jo *Bloggs*',
  sharedWith: 'child',
  toldNotTo: 'unsure',
  reason: 'out-of-hours',
  occurredOn: '2026-02-14',
  note: USER_TEXT,
  cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
};

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
  'complaint form (asks cohort)': complaintFormCard({ submissionId: SUBMISSION_ID, values: blankComplaintValues(BOUNDS), ask: ASK_ALL, bounds: BOUNDS, retentionMonths: 24 }),
  'complaint form (profile known)': complaintFormCard({ submissionId: SUBMISSION_ID, values: blankComplaintValues(BOUNDS), ask: ASK_NONE, bounds: BOUNDS, retentionMonths: 24 }),
  'complaint form (errors)': complaintFormCard({
    submissionId: SUBMISSION_ID,
    values: { device: 'pager', cause: 'training', blockedTasks: 'a,z', occurredOn: '2030-01-01', description: 'x'.repeat(1200), worksWithChildrenOrVulnerable: '', remoteOrFlexible: 'yes' },
    ask: ASK_ALL,
    bounds: BOUNDS,
    retentionMonths: 24,
    errors: { device: 'Choose the device.', blockedTasks: 'Choose only from the tasks listed.', occurredOn: 'Choose a date.', description: 'Too long.', worksWithChildrenOrVulnerable: 'Choose yes, no or don\u2019t know.', form: 'This form had expired.' }
  }),
  'complaint confirmation': complaintConfirmationCard(sampleComplaint, false),
  'complaint confirmation (repeat)': complaintConfirmationCard(sampleComplaint, true),
  'sharing form (asks cohort)': sharingFormCard({ submissionId: SUBMISSION_ID, values: blankSharingValues(BOUNDS), ask: ASK_ALL, bounds: BOUNDS, retentionMonths: 24 }),
  'sharing form (profile known)': sharingFormCard({ submissionId: SUBMISSION_ID, values: blankSharingValues(BOUNDS), ask: ASK_NONE, bounds: BOUNDS, retentionMonths: 36 }),
  'sharing form (errors, colleague chosen)': sharingFormCard({
    submissionId: SUBMISSION_ID,
    values: { ...blankSharingValues(BOUNDS), subject: 'colleague', colleagueId: '00000000-0000-0000-0000-0000000000b7', sharedWith: 'x', note: 'n'.repeat(600) },
    colleagueName: 'Jo Bloggs',
    ask: ASK_ALL,
    bounds: BOUNDS,
    retentionMonths: 24,
    errors: { sharedWith: 'Choose who the number was shared with.', toldNotTo: 'Choose yes, no or not sure.', reason: 'Choose why it was shared.', note: 'Too long.', remoteOrFlexible: 'Choose yes, no or don\u2019t know.', form: 'This form had expired.' }
  }),
  'sharing confirmation (named colleague, note)': sharingConfirmationCard(sampleSharing, false),
  'sharing confirmation (self, no note, repeat)': sharingConfirmationCard({ ...sampleSharing, subject: 'self', sharerName: undefined, note: '' }, true),
  'my reports (empty)': myReportsCard([], 'Europe/London'),
  'my reports (full, with a notice)': myReportsCard(
    Array.from({ length: 40 }, (_, i) => ({ ...sampleComplaint, id: `DC-2026-${String(i + 1).padStart(6, '0')}`, status: i % 3 === 0 ? 'resolved' : 'open' }) as DeviceComplaint),
    'Europe/London',
    { tone: 'good', text: 'DC-2026-000001 is withdrawn.' }
  ),
  'policy answer': answerCard({ ...answer, feedbackId: 'f-1', showDeviceProblem: true }),
  'policy answer (voted)': answerCard({ ...answer, feedbackId: 'f-1', showDeviceProblem: false, voteMessage: 'Thank you.' }),
  'policy answer (vote refused)': answerCard({ ...answer, feedbackId: 'f-1', showDeviceProblem: false, voteProblem: 'Only the asker.' }),
  'policy answer (two sections close too)': answerCard({
    ...answer, feedbackId: 'f-1', showDeviceProblem: true,
    alsoClose: [{ sectionId: 'personal-devices', sectionTitle: 'Personal devices for work' }, { sectionId: 'mobile-phones', sectionTitle: 'Mobile phones at work' }]
  }),
  'policy section (offered for a question)': answerCard({ ...answer, feedbackId: 'f-1', askVote: false, offeredAs: 'also', showDeviceProblem: false, alsoClose: [{ sectionId: 'webmail', sectionTitle: 'Webmail' }] }),
  'policy answer (after "No", with sections instead)': answerCard({
    ...answer, feedbackId: 'f-1', offeredAs: 'instead', voteMessage: 'Thank you.', showDeviceProblem: false,
    alsoClose: [{ sectionId: 'personal-devices', sectionTitle: 'Personal devices for work' }, { sectionId: 'mobile-phones', sectionTitle: 'Mobile phones at work' }]
  }),
  'policy section': answerCard({ ...answer, question: '', showDeviceProblem: false }),
  'policy not found': notFoundCard({ ...policy, question: 'canteen?', ictContact: 'ICT', showDeviceProblem: true, closest: [{ sectionId: 'a', sectionTitle: 'A', score: 0.2 }, { sectionId: 'b', sectionTitle: 'B', score: 0.1 }, { sectionId: 'c', sectionTitle: 'C', score: 0.1 }] }),
  'policy not found (nothing close)': notFoundCard({ ...policy, question: 'canteen?', ictContact: 'ICT', showDeviceProblem: false, closest: [] }),
  'policy gaps': gapsCard({ gaps: [{ question: 'canteen?', count: 3, unanswered: 2, notHelpful: 1, openedInstead: 0, wordings: 2, lastAskedOn: '2026-01-02' }], total: 3, sections: samplePolicy.sections, links: [] }),
  'policy gaps (none)': gapsCard({ gaps: [], total: 0, sections: samplePolicy.sections, links: [] }),
  'policy gaps (full, with links and a notice)': gapsCard({
    gaps: Array.from({ length: 10 }, (_, i) => ({ question: `a long question number ${i} that nobody could answer from the policy as it is written today?`, count: 12 - i, unanswered: 10 - i, notHelpful: 0, openedInstead: 2, opened: 'personal-devices', wordings: 3, lastAskedOn: '2026-01-02' })),
    total: 120,
    sections: samplePolicy.sections,
    links: Array.from({ length: 40 }, (_, i) => ({ id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, question: `a linked question number ${i} worded the way staff write in Teams`, target: i % 5 === 0 ? 'out-of-scope' : samplePolicy.sections[i % samplePolicy.sections.length].id, linkedBy: 'aad', linkedAt: '2026-02-03T10:00:00.000Z' })),
    notice: { text: 'That link could not be read, so nothing was saved.', problem: true }
  }),
  'policy link': linkCard({ question: 'can i use my own phone for teams', sections: samplePolicy.sections, suggested: samplePolicy.sections[3].id }),
  'policy link (nothing chosen)': linkCard({ question: 'can i use my own phone for teams', sections: samplePolicy.sections, problem: 'Choose the section that answers this question.' }),
  'complaint notification (open)': complaintNotificationCard(complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { description: 'See [this](https://evil.example) **now**' }), { reporterName: 'Sam *Staff*', refreshUserIds: ['29:manager'] }),
  'complaint notification (resolved, note)': complaintNotificationCard(
    complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { status: 'resolved', history: [{ status: 'resolved', at: '2026-11-21T10:00:00.000Z', by: 'm' }] }),
    { reporterName: 'Sam Staff', refreshUserIds: [], note: 'This report is already resolved.' }
  ),
  'profile (errors)': profileCard({ worksWithChildrenOrVulnerable: '', remoteOrFlexible: 'maybe', devices: '' }, { errors: { worksWithChildrenOrVulnerable: 'Choose yes or no.' } }),
  'foi figures': foiCard(foiSample, 5, 'request-1'),
  'foi figures (file offered, no suppression)': foiCard(foiSample, 0, 'request-1', 'I\u2019ve sent the spreadsheet below.')
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

  it('shows report text as plain text runs, never as Markdown', () => {
    const card = JSON.stringify(complaintConfirmationCard(sampleComplaint, false));
    const runs = JSON.stringify(complaintConfirmationCard(sampleComplaint, false).body).match(/"type":"TextRun","text":"([^"\\]|\\.)*"/g) ?? [];
    assert.ok(runs.some((run) => run.includes('evil.example')), 'the description is in a TextRun');
    assert.equal(card.split('evil.example').length - 1, 1, 'and nowhere else');
    const templated = complaintConfirmationCard({ ...sampleComplaint, description: 'see ${facts} and ${reference}' }, false);
    assert.match(JSON.stringify(templated), /"text":"see \$\{facts\} and \$\{reference\}"/, 'user text is never expanded as a template');
  });

  it('shows the asker\u2019s question as plain text, never as Markdown', () => {
    const card = cards['policy answer'];
    const json = JSON.stringify(card);
    assert.ok(json.includes('"type":"TextRun","text":"Can I use [Hotmail](https://evil.example)?"'), 'the question sits in a TextRun');
    assert.doesNotMatch(json, /"type":"TextBlock","text":"[^"]*evil\.example/);
    const templated = answerCard({ ...answer, question: 'see ${sectionTitle}', showDeviceProblem: false });
    assert.match(JSON.stringify(templated), /"text":"see \$\{sectionTitle\}"/, 'the question is never expanded as a template');
  });

  it('names every template in cards/, and only those, so renderCard takes no other name', () => {
    const files = readdirSync(cardsDir).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length));
    assert.deepEqual([...CARD_NAMES].sort(), files.sort());
  });

  it('the renderer check reports a broken card', () => {
    const check = checkCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }, { type: 'NoSuchElement' }] });
    assert.ok(check.problems.length >= 1, 'a card with an id-less input and an unknown element has problems');
  });
});
