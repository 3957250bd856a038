import assert from 'node:assert/strict';
import { SLOW_DOWN_TEXT } from '../../src/guards/rate-limit.js';
import { createBotParts } from '../../src/app.js';
import { postgresRateLimits } from '../../src/store/postgres/rate-limits.js';
import { cardOf, cardText, COLLEAGUE, createTestBot, invokeCard, STAFF } from '../helpers/bot.js';
import { freshSchema } from '../helpers/postgres.js';
import { startBot, teamsExecute, teamsMessage } from '../helpers/server.js';

const profile = (devices: string) => ({ worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices });

describe('rate limit per person', () => {
  it('pauses card submissions over the limit with a card that says to wait, and saves nothing', async () => {
    const bot = await createTestBot({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    for (const devices of ['laptop', 'tablet', 'desktop']) {
      assert.match(cardText(invokeCard(await bot.execute('profile.save', profile(devices)))), /Saved/);
    }
    const over = await bot.execute('profile.save', profile('smartphone'));
    assert.equal(over.invokeResponse?.status, 429);
    assert.match(cardText((over.invokeResponse?.body as { value?: unknown }).value), /Please wait a minute/);
    assert.deepEqual((await bot.store.people.getProfile(STAFF.aadObjectId!))?.devices, ['desktop'], 'the paused submission changed nothing');
  });

  it('answers an invoke over the limit over HTTP with 429 and a Retry-After within the minute', async () => {
    const bot = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const serviceUrl = 'http://127.0.0.1:9/';
      for (const devices of ['laptop', 'tablet']) {
        const within = await bot.post(teamsExecute(serviceUrl, 'profile.save', profile(devices)));
        assert.equal(within.status, 200);
      }
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsExecute(serviceUrl, 'profile.save', profile('desktop')))
      });
      assert.equal(response.status, 429);
      const retryAfter = Number(response.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${response.headers.get('retry-after')}`);
      const body = (await response.json()) as { value?: unknown };
      assert.match(cardText(body.value), /Please wait a minute/, 'the card still says to wait');
      assert.deepEqual((await bot.store.people.getProfile(STAFF.aadObjectId!))?.devices, ['tablet'], 'the refused submission changed nothing');

      const search = { ...teamsMessage(serviceUrl, ''), type: 'invoke', name: 'composeExtension/query', text: undefined, value: { commandId: 'searchPolicy', parameters: [{ name: 'query', value: 'webmail' }] } };
      const searched = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(search) });
      assert.equal(searched.status, 429, 'a search over the limit is refused the same way');
      assert.ok(Number(searched.headers.get('retry-after')) >= 1);
    } finally {
      await bot.stop();
    }
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
