import assert from 'node:assert/strict';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import type { DeviceComplaint, NewReport, NumberSharingReport } from '../../src/store/types.js';
import type { PlaygroundUser } from './processes.js';
import { useE2ESession } from './session.js';

/** Someone using the bot for the first time: no profile, no reports. */
const NEWCOMER: PlaygroundUser = { id: 'user-newcomer', name: 'Nia Evans', email: 'nia.evans@council.example', aadObjectId: '5c2e8f14-7a3d-4b69-8e0f-2d1c6b9a4e57' };
/** Someone who has used it before: their profile and two reports are in the data directory when the bot starts. */
const REGULAR: PlaygroundUser = { id: 'user-regular', name: 'Rhys Owen', email: 'rhys.owen@council.example', aadObjectId: 'a7d3c9e2-1f48-4b05-9c6a-3e8b2f7d0c14' };

/** The regular's earlier reports, as the bot stored them. */
function earlierReports(submittedAt: string): NewReport[] {
  const common = { submittedAt, reporterId: REGULAR.aadObjectId, status: 'open' as const, history: [], source: 'teams' as const };
  return [
    {
      ...common,
      kind: 'device-complaint',
      submissionId: '00000000-0000-4000-8000-0000000000e1',
      device: 'laptop',
      cause: 'device-problem',
      blockedTasks: ['b'],
      occurredOn: submittedAt.slice(0, 10),
      description: 'The laptop would not start.',
      cohort: { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes' }
    },
    {
      ...common,
      kind: 'number-sharing',
      submissionId: '00000000-0000-4000-8000-0000000000e2',
      subject: 'self',
      sharerId: REGULAR.aadObjectId,
      sharedWith: 'external-professional',
      toldNotTo: 'no',
      reason: 'no-council-phone',
      occurredOn: submittedAt.slice(0, 10),
      note: '',
      cohort: { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes' }
    }
  ];
}

/**
 * People's reports, made the way they would make them in Teams. Each test has a person of its
 * own or data of its own from the start, so none needs another to have run first.
 */
describe('end to end in the Playground: reports', function () {
  const e2e = useE2ESession({
    people: [NEWCOMER, REGULAR],
    bot: {
      async seed(dataDir) {
        const store = await openLowdbStore(dataDir);
        const at = new Date().toISOString();
        await store.people.saveProfile({ aadObjectId: REGULAR.aadObjectId, worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: at });
        for (const report of earlierReports(at)) await store.reports.add(report);
        await store.close();
      }
    }
  });

  it('opens a device complaint from the help card, refuses it with a field missing, then takes it once', async () => {
    const [chat] = e2e.chats;
    const card = await chat.say('hello');
    await chat.press(card, 'Report a device problem');
    await chat.waitForText(card, 'Which council device?');
    await chat.capture(card, 'complaint-form', { themes: true });

    await chat.choose(card, 'What stopped you?', 'A problem with the device');
    await chat.choose(card, /What could you not do/, 'Email colleagues');
    await chat.choose(card, /What could you not do/, 'Save case information to the device');
    await chat.type(card, /What happened/, 'The laptop would not start on a home visit.');
    await chat.choose(card, /children or vulnerable people/, 'Yes');
    await chat.choose(card, /remotely or flexibly/, 'Yes');
    await chat.press(card, 'Send report');
    await chat.waitForText(card, 'Choose the device.');
    const missing = await chat.capture(card, 'complaint-missing-device', { themes: true });
    assert.match(missing, /Choose the device\./, 'the themes draw the form as shown, with its error');
    assert.deepEqual(await (await e2e.stored()).reports.list({ reporterId: NEWCOMER.aadObjectId }), [], 'nothing is stored while a field is missing');

    await chat.pick(card, 'Which council device?', 'Laptop computer');
    await chat.press(card, 'Send report');
    await chat.waitForText(card, 'Device problem reported');
    const reference = /Your reference is (DC-\d{4}-\d{6})\./.exec(await card.innerText())?.[1];
    assert.ok(reference, 'the confirmation shows the reference');
    await chat.waitForText(card, 'The laptop would not start on a home visit.');
    const confirmation = await chat.capture(card, 'complaint-confirmation');
    assert.match(confirmation, new RegExp(`Your reference is ${reference}\\.`), 'the themes draw the confirmation that replaced the form');

    const store = await e2e.stored();
    const reports = await store.reports.list({ reporterId: NEWCOMER.aadObjectId });
    assert.equal(reports.length, 1, 'one record');
    const complaint = reports[0] as DeviceComplaint;
    assert.equal(complaint.id, reference);
    assert.equal(complaint.kind, 'device-complaint');
    assert.equal(complaint.device, 'laptop');
    assert.equal(complaint.cause, 'device-problem');
    assert.deepEqual([...complaint.blockedTasks].sort(), ['b', 'd']);
    assert.equal(complaint.description, 'The laptop would not start on a home visit.');
    assert.deepEqual(complaint.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' });
    assert.equal(complaint.reporterId, NEWCOMER.aadObjectId);
    const profile = await store.people.getProfile(complaint.reporterId);
    assert.equal(profile?.worksWithChildrenOrVulnerable, 'yes', 'the answers about the person are kept for next time');
  });

  it('takes a personal number-sharing report once, with its reference, without asking again what the profile holds', async () => {
    const [, chat] = e2e.chats;
    const before = await (await e2e.stored()).reports.list({ kind: 'number-sharing' });
    const card = await chat.say('report number sharing');
    await chat.waitForText(card, 'Who shared their personal number?');
    await chat.press(card, 'Send report');
    await chat.waitForText(card, 'Choose who shared the number.');
    const errors = await chat.capture(card, 'sharing-form-errors');
    for (const error of ['Choose who shared the number.', 'Choose who the number was shared with.', 'Choose why it was shared.']) {
      assert.ok(errors.includes(error), `the themes draw the form with "${error}"`);
    }
    assert.equal((await (await e2e.stored()).reports.list({ kind: 'number-sharing' })).length, before.length, 'nothing is stored while the answers are missing');

    await chat.choose(card, 'Who shared their personal number?', 'Me');
    await chat.choose(card, 'Who was the number shared with?', 'A child or young person');
    await chat.choose(card, 'Had they been told not to share their personal number?', 'Yes');
    await chat.choose(card, 'Why was it shared?', 'No council phone');
    assert.equal(await card.getByText('Do you work with children or vulnerable people?').count(), 0, 'the profile already says');
    await chat.capture(card, 'sharing-form');
    await chat.press(card, 'Send report');
    await chat.waitForText(card, 'Number sharing reported');
    const reference = /Your reference is (NS-\d{4}-\d{6})\./.exec(await card.innerText())?.[1];
    assert.ok(reference, 'the confirmation shows the reference');
    assert.ok((await chat.capture(card, 'sharing-confirmation')).includes(reference), 'the themes draw the confirmation, not the form');

    const after = await (await e2e.stored()).reports.list({ kind: 'number-sharing' });
    assert.equal(after.length, before.length + 1, 'one record');
    const report = after.find((stored) => !before.some((earlier) => earlier.id === stored.id)) as NumberSharingReport;
    assert.equal(report.id, reference);
    assert.equal(report.subject, 'self');
    assert.equal(report.sharedWith, 'child');
    assert.equal(report.toldNotTo, 'yes');
    assert.equal(report.reason, 'no-council-phone');
    assert.equal(report.reporterId, REGULAR.aadObjectId);
    assert.deepEqual(report.cohort, { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes' }, 'from the profile');
  });

  it('lists the person\u2019s reports on "my reports", and withdraws one', async () => {
    const [, chat] = e2e.chats;
    const store = await e2e.stored();
    const mine = await store.reports.list({ reporterId: REGULAR.aadObjectId });
    const earlier = earlierReports('').map((draft) => mine.find((report) => report.submissionId === draft.submissionId));
    assert.ok(earlier.every(Boolean), 'the reports made before the bot started are there');

    const card = await chat.say('my reports');
    await chat.waitForText(card, 'My reports');
    for (const report of mine) await chat.waitForText(card, report.id);
    await chat.waitForText(card, 'Status: Open');
    await chat.capture(card, 'my-reports');

    const complaint = earlier.find((report) => report?.kind === 'device-complaint');
    assert.ok(complaint);
    // The smallest part of the card holding both this report and a Withdraw button.
    const row = card
      .locator('.ac-container')
      .filter({ hasText: `${complaint.id}: Device problem` })
      .filter({ has: chat.page.getByRole('button', { name: 'Withdraw', exact: true }) })
      .last();
    await chat.press(row, 'Withdraw');
    await chat.press(card, 'Yes, withdraw');
    await chat.waitForText(card, `${complaint.id} is withdrawn.`);
    await chat.waitForText(card, 'Status: Withdrawn');
    assert.ok((await chat.capture(card, 'my-reports-withdrawn')).includes(`${complaint.id} is withdrawn.`), 'the themes draw the card after the withdrawal');

    const after = await (await e2e.stored()).reports.get(complaint.id);
    assert.equal(after?.status, 'withdrawn');
    assert.equal((await (await e2e.stored()).reports.list({ reporterId: REGULAR.aadObjectId })).length, mine.length, 'withdrawing keeps the record');
  });
});
