import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { DeviceComplaint } from '../../src/store/types.js';
import { useE2ESession } from './session.js';

/** Most presses of Tab it may take to reach a field: a form has about thirty stops. */
const MAX_TABS = 80;

/**
 * Moves the keyboard focus to `target` with Tab alone (Shift+Tab by default: up the card
 * from the compose box below it), failing when Tab never reaches it.
 */
async function tabTo(page: Page, target: Locator, what: string, key: 'Tab' | 'Shift+Tab' = 'Shift+Tab'): Promise<void> {
  const handle = await target.elementHandle();
  for (let presses = 0; presses < MAX_TABS; presses++) {
    const reached = await page.evaluate((element) => {
      const active = document.activeElement as HTMLInputElement | null;
      if (!element || !active) return false;
      if (element === active || element.contains(active)) return true;
      // Tab enters a group of radio buttons once; the arrows move within it.
      const radio = element as HTMLInputElement;
      return radio.type === 'radio' && active.type === 'radio' && !!radio.name && radio.name === active.name;
    }, handle);
    if (reached) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${what} cannot be reached with the keyboard`);
}

/** Chooses a radio button with the keyboard: Tab into its group, then the arrows (or Space). */
async function chooseRadio(page: Page, option: Locator, what: string): Promise<void> {
  await tabTo(page, option, what);
  if (await option.evaluate((element) => element === document.activeElement)) await page.keyboard.press('Space');
  for (let presses = 0; presses < 6 && !(await option.isChecked()); presses++) await page.keyboard.press('ArrowUp');
  assert.ok(await option.isChecked(), `${what} could not be chosen with the arrows`);
}

/** A device problem reported with the keyboard alone: Tab, arrows, Space and Enter. */
describe('end to end in the Playground: the keyboard alone', function () {
  const e2e = useE2ESession();

  it('files a device complaint without the mouse', async () => {
    const { chat } = e2e;
    const { page } = chat;
    const before = await chat.cards().count();
    // Focus starts in the compose box, as it does when a person opens the chat; typing and Enter send.
    await page.locator('[role="textbox"][contenteditable="true"]').focus();
    await page.keyboard.type('report a device problem');
    await page.keyboard.press('Enter');
    const card = chat.cards().nth(before);
    await chat.waitForText(card, 'Which council device?');

    const button = card.getByRole('button', { name: 'Send report', exact: true });
    // From the compose box, Shift+Tab walks back up through the card.
    await tabTo(page, button, 'The Send report button');

    const radio = (name: string) => card.getByRole('radio', { name, exact: true });
    const checkbox = (name: string) => card.getByRole('checkbox', { name });

    await chooseRadio(page, radio('Yes').last(), 'Yes to the remote or flexible question');
    await chooseRadio(page, radio('Yes').first(), 'Yes to the children or vulnerable people question');

    await tabTo(page, card.getByRole('textbox', { name: /What happened/ }), 'What happened');
    await page.keyboard.type('The tablet would not unlock at a home visit.');

    await tabTo(page, checkbox('Email colleagues'), 'The Email colleagues option');
    await page.keyboard.press('Space');

    await chooseRadio(page, radio('A problem with the device'), 'The first cause');

    await tabTo(page, card.getByRole('combobox').first(), 'Which council device?');
    await page.keyboard.press('Enter');
    const tablet = page.getByRole('option', { name: 'Tablet', exact: true });
    await tablet.waitFor();
    for (let presses = 0; presses < 10 && !(await tablet.evaluate((o) => o.getAttribute('data-activedescendant-focusvisible') !== null || o.getAttribute('aria-selected') === 'true' || o.classList.contains('fui-Option--active'))); presses++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');

    await tabTo(page, button, 'The Send report button', 'Tab');
    await page.keyboard.press('Enter');
    await chat.waitForText(card, 'Device problem reported');

    const reports = await (await e2e.stored()).reports.list();
    assert.equal(reports.length, 1, 'one report stored');
    const complaint = reports[0] as DeviceComplaint;
    assert.equal(complaint.device, 'tablet');
    assert.equal(complaint.cause, 'device-problem');
    assert.deepEqual(complaint.blockedTasks, ['d']);
    assert.equal(complaint.description, 'The tablet would not unlock at a home visit.');
    assert.deepEqual(complaint.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' });
  });
});
