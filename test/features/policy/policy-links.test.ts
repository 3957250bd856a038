import assert from 'node:assert/strict';
import { cardOf, cardText, COLLEAGUE, createTestBot, findInput, invokeCard, STAFF, type TestBot } from '../../helpers/bot.js';
import type { AdaptiveCard } from '../../../src/shared/cards.js';
import { allStored } from '../../helpers/all-stored.js';
import { freshSchema, TEST_DATABASE_URL } from '../../helpers/postgres.js';

const ADMIN_ID = '00000000-0000-0000-0000-0000000000ad';
const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: ADMIN_ID };
const QUESTION = 'what does the policy say about drones';

async function ask(bot: TestBot, question: string): Promise<string> {
  const { replies } = await bot.say(question);
  return cardText(cardOf(replies[0]));
}

/** Every Action.Execute on a card, at any depth, with its title. */
function buttons(card: unknown): Array<{ title: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const item = node as Record<string, unknown>;
      if (item.type === 'Action.Execute') found.push({ title: String(item.title), data: item.data as Record<string, unknown> });
      Object.values(item).forEach(walk);
    }
  };
  walk(card);
  return found;
}

async function gaps(bot: TestBot): Promise<AdaptiveCard> {
  const { replies } = await bot.say('policy gaps', { from: ADMIN });
  return cardOf(replies[0])!;
}

async function link(bot: TestBot, target: string | undefined): Promise<AdaptiveCard> {
  const open = buttons(await gaps(bot)).find((b) => b.title === 'Link to a section' && b.data.question === QUESTION);
  assert.ok(open, 'the gap has a "Link to a section" button');
  const form = invokeCard(await bot.execute('policy.link', open.data, { from: ADMIN }));
  const save = buttons(form).find((b) => b.title === 'Save link')!;
  return invokeCard(await bot.execute('policy.link.save', { ...save.data, ...(target === undefined ? {} : { target }) }, { from: ADMIN }));
}

describe('policy gaps: linking questions', () => {
  it('links a declined question to a section: the next asking is answered from it, audited, and it leaves the gaps', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    assert.match(await ask(bot, QUESTION), /I couldn't find this in the policy/);

    const open = buttons(await gaps(bot)).find((b) => b.data.question === QUESTION)!;
    const form = invokeCard(await bot.execute('policy.link', open.data, { from: ADMIN }));
    assert.match(cardText(form), /Which section answers it\?/);
    assert.ok(findInput(form, 'target')?.value, 'a section is suggested');

    const after = await link(bot, 'device-security');
    assert.match(cardText(after), /Saved\. .*now answered from/);
    assert.equal(buttons(after).some((b) => b.title === 'Link to a section' && b.data.question === QUESTION), false, 'no longer a gap');
    assert.match(cardText(after), /Linked questions \(1\)/);

    const answer = await ask(bot, QUESTION);
    assert.match(answer, /Did this answer your question\?/, 'answered now');
    assert.equal((await allStored(bot.store, 'feedback')).at(-1)?.sectionId, 'device-security');
    const [entry] = (await allStored(bot.store, 'audit')).filter((a) => a.action === 'policy.link');
    assert.deepEqual([entry.actorId, entry.outcome, entry.detail], [ADMIN_ID, 'done', 'device-security']);
    assert.doesNotMatch(JSON.stringify(entry), /caseload/, 'the audit names the link, not the question');
  });

  it('lists an answer beside which its asker opened another section, and starts its link at that section', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    const question = 'can i get my work emails on my own phone';
    const { replies } = await bot.say(question);
    const offered = buttons(cardOf(replies[0])).find((b) => b.data.sectionId === 'webmail');
    assert.ok(offered, 'the answer offers "Webmail (Gmail, Hotmail, Yahoo)"');
    const isGap = async () => buttons(await gaps(bot)).some((b) => b.title === 'Link to a section' && b.data.question === question);
    assert.equal(await isGap(), false, 'answered, and nobody said otherwise');

    await bot.execute('policy.section', offered.data, { from: COLLEAGUE });
    assert.equal((await allStored(bot.store, 'feedback'))[0].openedSectionId, undefined, 'only the asker’s own opening counts');
    assert.equal(await isGap(), false);

    await bot.execute('policy.section', offered.data, { from: STAFF });
    assert.equal((await allStored(bot.store, 'feedback'))[0].openedSectionId, 'webmail');
    const card = await gaps(bot);
    assert.match(cardText(card), /another section opened instead once/);
    assert.match(cardText(card), /Staff opened \u201cWebmail \(Gmail, Hotmail, Yahoo\)\u201d/);
    const open = buttons(card).find((b) => b.title === 'Link to a section' && b.data.question === question)!;
    const form = invokeCard(await bot.execute('policy.link', open.data, { from: ADMIN }));
    assert.equal(findInput(form, 'target')?.value, 'webmail', 'the link starts at the section the asker opened');
    const forged = invokeCard(await bot.execute('policy.link', { ...open.data, suggested: 'no-such-section' }, { from: ADMIN }));
    assert.notEqual(findInput(forged, 'target')?.value, 'no-such-section', 'a section the policy does not have is never suggested');

    const [entry] = await allStored(bot.store, 'feedback');
    await bot.execute('policy.vote', { feedbackId: entry.id, helpful: 'yes' }, { from: STAFF });
    assert.equal(await isGap(), false, 'the asker said the answer helped after all');
  });

  it('marks a question out of scope, so it is declined as not covered; removing the link undoes it', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    await ask(bot, QUESTION);
    await link(bot, 'out-of-scope');
    assert.match(await ask(bot, QUESTION), /policy owner has noted/);

    const remove = buttons(await gaps(bot)).find((b) => b.title === 'Remove link')!;
    const after = invokeCard(await bot.execute('policy.unlink', remove.data, { from: ADMIN }));
    assert.match(cardText(after), /Removed\./);
    assert.deepEqual(await bot.store.policyLinks.list(), []);
    assert.doesNotMatch(await ask(bot, QUESTION), /policy owner has noted/);
    assert.equal((await allStored(bot.store, 'audit')).filter((a) => a.action === 'policy.unlink' && a.outcome === 'done').length, 1);
    const again = invokeCard(await bot.execute('policy.unlink', remove.data, { from: ADMIN }));
    assert.match(cardText(again), /already removed/);
  });

  it('asks for a section when none was chosen, keeping the question, and saves nothing', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    await ask(bot, QUESTION);
    for (const target of [undefined, 'no-such-section']) {
      const card = await link(bot, target);
      assert.match(cardText(card), /Choose the section that answers this question/);
      assert.match(cardText(card), new RegExp(QUESTION));
    }
    assert.deepEqual(await bot.store.policyLinks.list(), []);
  });

  it('refuses staff every button, audits it, and changes nothing', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    await bot.store.policyLinks.save({ id: 'l1', question: 'q', target: 'webmail', linkedBy: ADMIN_ID, linkedAt: '2026-01-01T00:00:00.000Z' });
    for (const [verb, data] of [
      ['policy.link.save', { question: QUESTION, target: 'webmail' }],
      ['policy.unlink', { linkId: 'l1' }],
      ['policy.link', { question: QUESTION }],
      ['policy.gaps', {}]
    ] as const) {
      const card = invokeCard(await bot.execute(verb, data, { from: STAFF }));
      assert.match(cardText(card), /only the bot\u2019s admins/, verb);
    }
    assert.deepEqual((await bot.store.policyLinks.list()).map((l) => l.id), ['l1']);
    assert.equal((await allStored(bot.store, 'audit')).filter((a) => a.outcome === 'refused').length, 4);
  });

  (TEST_DATABASE_URL ? it : it.skip)('reaches every instance on PostgreSQL: a link made on one answers on the other at once', async () => {
    const schema = await freshSchema();
    try {
      const one = await createTestBot({ store: await schema.open(), env: { ADMIN_IDS: ADMIN_ID } });
      const two = await createTestBot({ store: await schema.open(), env: { ADMIN_IDS: ADMIN_ID } });
      assert.doesNotMatch(await ask(two, QUESTION), /Did this answer your question\?/);
      await link(one, 'device-security');
      assert.match(await ask(two, QUESTION), /Did this answer your question\?/, 'the other instance uses the link');
      const remove = buttons(await gaps(one)).find((b) => b.title === 'Remove link')!;
      await one.execute('policy.unlink', remove.data, { from: ADMIN });
      assert.doesNotMatch(await ask(two, QUESTION), /Did this answer your question\?/, 'and drops it when removed');
    } finally {
      await schema.drop();
    }
  });
});
