import assert from 'node:assert/strict';
import type { ChannelAccount } from 'botbuilder';
import { hasRole } from '../../../src/shared/roles.js';
import { createLogger } from '../../../src/log.js';
import { cardOf, cardText, createTestBot, STAFF, type TestBot } from '../../helpers/bot.js';
import { allStored } from '../../helpers/all-stored.js';

const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-0000000000d1' };
const NEW_OFFICER = '00000000-0000-0000-0000-0000000000e1';

const roleDeps = (bot: TestBot) => ({ config: bot.config, store: bot.store, log: createLogger('silent'), now: () => new Date() });
const reply = async (bot: TestBot, text: string, from: ChannelAccount = ADMIN) => cardText(cardOf((await bot.say(text, { from })).replies[0]));

describe('role command', () => {
  it('lets an admin add and remove an FOI officer, audited', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN.aadObjectId } });
    assert.match(await reply(bot, `role add foi-officer ${NEW_OFFICER}`), /is now an FOI officer/);
    assert.equal(await hasRole(roleDeps(bot), NEW_OFFICER, 'foi-officer'), true);
    assert.equal(await hasRole(roleDeps(bot), NEW_OFFICER, 'admin'), false);
    assert.match(await reply(bot, 'role list'), new RegExp(`FOI officer \\(added .*${NEW_OFFICER}`));
    assert.match(await reply(bot, `role remove foi-officer ${NEW_OFFICER}`), /no longer an FOI officer/);
    assert.equal(await hasRole(roleDeps(bot), NEW_OFFICER, 'foi-officer'), false);
    const audit = await allStored(bot.store, 'audit');
    assert.deepEqual(audit.map((a) => [a.action, a.target, a.outcome]), [
      ['role.add', NEW_OFFICER, 'done'],
      ['role.remove', NEW_OFFICER, 'done']
    ]);
  });

  it('cannot take away an admin set in config', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN.aadObjectId } });
    assert.match(await reply(bot, `role remove admin ${ADMIN.aadObjectId}`), /ADMIN_IDS/);
    assert.equal(await hasRole(roleDeps(bot), ADMIN.aadObjectId, 'admin'), true);
  });

  it('refuses someone who is not an admin, audits it and changes nothing', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN.aadObjectId } });
    assert.match(await reply(bot, `role add admin ${STAFF.aadObjectId}`, STAFF), /only the bot\u2019s admins/);
    assert.deepEqual(await bot.store.roles.list(), []);
    const [entry] = await allStored(bot.store, 'audit');
    assert.deepEqual([entry.actorId, entry.action, entry.outcome], [STAFF.aadObjectId, 'role.add', 'refused']);
  });

  it('explains the command when it cannot read it', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN.aadObjectId } });
    assert.match(await reply(bot, 'role add boss someone'), /role add foi-officer/);
  });
});
