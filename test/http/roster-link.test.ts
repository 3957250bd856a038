import assert from 'node:assert/strict';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsMessage } from '../helpers/server.js';
import { ROSTER } from '../features/summaries/fixtures.js';
import { allStored } from '../helpers/all-stored.js';

describe('linking the roster to Teams users', () => {
  it('links a roster row imported without an object id by the Teams email, once', async () => {
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const bot = await startBot();
    try {
      await bot.store.people.upsertEmployees(ROSTER);
      const newcomer = { id: '29:e2', name: 'E Two', aadObjectId: '00000000-0000-0000-0000-0000000000e2' };
      connector.respond = (request) =>
        request.method === 'GET' && request.path.includes('/members/29:e2') ? { status: 200, body: { id: '29:e2', name: 'E Two', email: 'E2@Council.example', userPrincipalName: 'e2@council.example' } } : undefined;
      await bot.post(teamsMessage(serviceUrl, 'hello', newcomer));
      await bot.post(teamsMessage(serviceUrl, 'hello', newcomer));
      const row = (await bot.store.people.listEmployees()).find((e) => e.employeeId === 'E2');
      assert.equal(row?.aadObjectId, newcomer.aadObjectId);
      assert.deepEqual((await allStored(bot.store, 'audit')).map((a) => [a.action, a.target]), [['roster.link', 'E2']]);
      assert.equal(connector.requests.filter((r) => r.method === 'GET').length, 1, 'looked up once, on the first turn');
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
