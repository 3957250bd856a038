import assert from 'node:assert/strict';
import { SLOW_DOWN_TEXT } from '../../src/guards/rate-limit.js';
import { createBotParts } from '../../src/app.js';
import { postgresRateLimits } from '../../src/store/postgres/rate-limits.js';
import { cardOf, cardText, COLLEAGUE, createTestBot, invokeCard, STAFF } from '../helpers/bot.js';
import { freshSchema } from '../helpers/postgres.js';

const profile = (devices: string) => ({ worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices });

describe('rate limit per person', () => {
  it('pauses card submissions over the limit with a card that says to wait, and saves nothing', async () => {
    const bot = await createTestBot({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    for (const devices of ['laptop', 'tablet', 'desktop']) {
      assert.match(cardText(invokeCard(await bot.execute('profile.save', profile(devices)))), /Saved/);
    }
    const over = invokeCard(await bot.execute('profile.save', profile('smartphone')));
    assert.match(cardText(over), /Please wait a minute/);
    assert.deepEqual((await bot.store.people.getProfile(STAFF.aadObjectId!))?.devices, ['desktop'], 'the paused submission changed nothing');
  });

  it('tells a person sending too many messages once, then stays quiet', async () => {
    const bot = await createTestBot({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    assert.ok(cardOf((await bot.say('hello')).replies[0]));
    assert.ok(cardOf((await bot.say('help')).replies[0]));
    const third = await bot.say('hello');
    assert.equal(third.replies.length, 1);
    assert.equal(third.replies[0].text, SLOW_DOWN_TEXT);
    assert.equal((await bot.say('hello')).replies.length, 0, 'a flood gets no replies');
  });

  it('counts each person separately', async () => {
    const bot = await createTestBot({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
    await bot.say('hello');
    assert.equal((await bot.say('hello')).replies[0].text, SLOW_DOWN_TEXT);
    assert.ok(cardOf((await bot.say('hello', { from: COLLEAGUE })).replies[0]));
  });

  it('holds one limit per person across instances sharing a PostgreSQL database', async () => {
    const schema = await freshSchema();
    try {
      // Two instances, each with its own connections to one schema, as two bot processes have.
      const instance = async () => {
        const store = await schema.open();
        return createTestBot({ store, env: { RATE_LIMIT_PER_MINUTE: '3' }, createApp: (deps) => createBotParts({ ...deps, rateLimits: postgresRateLimits(store.pool) }).app });
      };
      const [a, b] = [await instance(), await instance()];
      assert.ok(cardOf((await a.say('hello')).replies[0]));
      assert.ok(cardOf((await b.say('hello')).replies[0]));
      assert.ok(cardOf((await a.say('help')).replies[0]));
      assert.equal((await b.say('hello')).replies[0].text, SLOW_DOWN_TEXT, 'the fourth message in the minute is over the limit, whichever instance gets it');
      assert.ok(cardOf((await b.say('hello', { from: COLLEAGUE })).replies[0]));
      const [row] = await schema.query<{ points: number }>(`SELECT points FROM rate_limits WHERE key = $1`, [`turns:${STAFF.aadObjectId}`]);
      assert.equal(row.points, 4);
    } finally {
      await schema.drop();
    }
  });
});
