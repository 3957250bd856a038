import assert from 'node:assert/strict';
import type { DeviceComplaint, Profile, Report } from '../../src/store/types.js';
import { useE2ESession } from './session.js';

/** One person's reports, made the way they would make them in Teams. */
describe('end to end in the Playground: reports', function () {
  const e2e = useE2ESession();

  it('opens a device complaint from the help card, refuses it with a field missing, then takes it once', async () => {
    const { chat } = e2e;
    const card = await chat.say('hello');
    await chat.press(card, 'Report a device problem');
    await chat.waitForText(card, 'Which council device?');
    await chat.capture(card, 'complaint-form');

    await chat.choose(card, 'What stopped you?', 'A problem with the device');
    await chat.choose(card, /What could you not do/, 'Email colleagues');
    await chat.choose(card, /What could you not do/, 'Save case information to the device');
    await chat.type(card, /What happened/, 'The laptop would not start on a home visit.');
    await chat.choose(card, /children or vulnerable people/, 'Yes');
    await chat.choose(card, /remotely or flexibly/, 'Yes');
    await chat.press(card, 'Send report');
    await chat.waitForText(card, 'Choose the device.');
    await chat.capture(card, 'complaint-missing-device');
    assert.deepEqual(await e2e.records('reports'), [], 'nothing is stored while a field is missing');

    await chat.pick(card, 'Which council device?', 'Laptop computer');
    await chat.press(card, 'Send report');
    await chat.waitForText(card, 'Device problem reported');
    const reference = /Your reference is (DC-\d{4}-\d{6})\./.exec(await card.innerText())?.[1];
    assert.ok(reference, 'the confirmation shows the reference');
    await chat.waitForText(card, 'The laptop would not start on a home visit.');
    await chat.capture(card, 'complaint-confirmation');

    const reports = await e2e.records<Report>('reports');
    assert.equal(reports.length, 1, 'one record');
    const complaint = reports[0] as DeviceComplaint;
    assert.equal(complaint.id, reference);
    assert.equal(complaint.kind, 'device-complaint');
    assert.equal(complaint.device, 'laptop');
    assert.equal(complaint.cause, 'device-problem');
    assert.deepEqual([...complaint.blockedTasks].sort(), ['b', 'd']);
    assert.equal(complaint.description, 'The laptop would not start on a home visit.');
    assert.deepEqual(complaint.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' });
    const profiles = await e2e.records<Profile>('profiles');
    assert.equal(profiles.length, 1, 'the answers about the person are kept for next time');
    assert.equal(profiles[0].aadObjectId, complaint.reporterId);
  });
});
