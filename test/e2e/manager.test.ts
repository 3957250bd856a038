import assert from 'node:assert/strict';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import type { Employee } from '../../src/store/types.js';
import type { PlaygroundUser } from './processes.js';
import { useE2ESession } from './session.js';

/** A member of staff and their manager, who is also one of the bot's admins. */
const STAFF: PlaygroundUser = { id: 'user-staff', name: 'Sam Patel', email: 'sam.patel@council.example', aadObjectId: '3f6d2a9e-8c1b-4e57-9a0d-6b2f4c8e1a73' };
const MANAGER: PlaygroundUser = { id: 'user-manager', name: 'Morgan Reid', email: 'morgan.reid@council.example', aadObjectId: '9b1e7c40-5d2a-4f86-b3c9-0e4a7d6f2b15' };

function employee(employeeId: string, person: PlaygroundUser, managerId?: string): Employee {
  return {
    employeeId,
    name: person.name,
    email: person.email,
    aadObjectId: person.aadObjectId,
    worksWithChildrenOrVulnerable: 'yes',
    remoteOrFlexible: 'yes',
    managerId,
    devices: ['laptop'],
    updatedAt: '2026-01-05T09:00:00.000Z'
  };
}

/**
 * The cards a manager and an admin see, with a member of staff in a second Teams client:
 * a report reaches the manager's chat, and the summary, FOI figures and policy gaps cards
 * are drawn and checked like every other card.
 */
describe('end to end in the Playground: a manager and an admin', function () {
  const e2e = useE2ESession({
    people: [STAFF, MANAGER],
    bot: {
      env: { ADMIN_IDS: MANAGER.aadObjectId },
      async seed(dataDir) {
        const store = await openLowdbStore(dataDir);
        await store.people.upsertEmployees([employee('E100', MANAGER), employee('E200', STAFF, 'E100')]);
        await store.close();
      }
    }
  });

  it('sends a team member’s device problem to their manager, who acknowledges it', async () => {
    const [staff, manager] = e2e.chats;
    const before = await manager.cards().count();
    const form = await staff.say('report a device problem');
    await staff.waitForText(form, 'Which council device?');
    await staff.choose(form, 'What stopped you?', 'A problem with the device');
    await staff.choose(form, /What could you not do/, 'Email colleagues');
    await staff.type(form, /What happened/, 'The laptop froze during a home visit.');
    await staff.pick(form, 'Which council device?', 'Laptop computer');
    await staff.choose(form, /children or vulnerable people/, 'Yes');
    await staff.choose(form, /remotely or flexibly/, 'Yes');
    await staff.press(form, 'Send report');
    await staff.waitForText(form, 'Device problem reported');
    const reference = /Your reference is (DC-\d{4}-\d{6})\./.exec(await form.innerText())?.[1];
    assert.ok(reference, 'the member of staff gets a reference');

    const notification = manager.cards().nth(before);
    await manager.waitForText(notification, 'A device stopped someone in your team working');
    await manager.waitForText(notification, STAFF.name);
    await manager.waitForText(notification, 'The laptop froze during a home visit.');
    await manager.capture(notification, 'notification', { themes: true });

    await manager.press(notification, 'Acknowledge');
    await manager.waitForText(notification, /Status: acknowledged/i);
    assert.match(await manager.capture(notification, 'notification-acknowledged'), /Status: acknowledged/i, 'the themes draw the notification as updated');
    const stored = await (await e2e.stored()).reports.get(reference);
    assert.equal(stored?.status, 'acknowledged', 'the manager’s press changed the stored status');
  });

  it('shows the manager the summary with its chart', async () => {
    const [, manager] = e2e.chats;
    const card = await manager.say('summary');
    await manager.waitForText(card, 'Council-wide device and number-sharing reports');
    // The donut chart of complaints by cause, drawn by the client, beside its table.
    await card.locator('svg').first().waitFor();
    await manager.capture(card, 'summary', { themes: true });
  });

  it('shows an admin the FOI figures', async () => {
    const [, manager] = e2e.chats;
    const card = await manager.say('foi');
    await manager.waitForText(card, 'Send me the spreadsheet');
    await manager.capture(card, 'foi');
  });

  it('shows an admin the questions the policy could not answer, and the card that links one', async () => {
    const [staff, manager] = e2e.chats;
    const declined = await staff.say('How many days of annual leave do I get?');
    await staff.waitForText(declined, /couldn.t find this in the policy|isn.t covered by the ICT policy/);
    const gaps = await manager.say('policy gaps');
    await manager.waitForText(gaps, 'How many days of annual leave do I get?');
    await manager.capture(gaps, 'policy-gaps');
    await manager.press(gaps, 'Link to a section');
    await manager.waitForText(gaps, 'Link a question to the policy');
    assert.match(await manager.capture(gaps, 'policy-link'), /Link a question to the policy/, 'the themes draw the link card that replaced the gaps card');
  });
});
