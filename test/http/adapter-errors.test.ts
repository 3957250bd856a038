/**
 * An error the adapter throws before the turn is answered by its type: the adapter's own
 * activity check (a zod validation error) is the sender's fault, 400; anything else is
 * ours, 500 InternalError, never a 500 that says BadRequest.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotParts } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { createServer } from '../../src/server.js';
import { testConfig } from '../helpers/bot.js';
import { openMemoryStore } from '../helpers/memory-store.js';
import { teamsMessage } from '../helpers/server.js';

/** zod as botbuilder loads it (CommonJS), so its errors are the adapter's. */
const adapterZod = createRequire(import.meta.url)('zod') as typeof import('zod');

async function postThrough(failure: Error): Promise<{ status: number; body: unknown }> {
  const config = { ...testConfig(), port: 0 };
  const store = await openMemoryStore();
  const log = createLogger('silent');
  const adapter = { process: async () => Promise.reject(failure) } as unknown as TeamsAdapter;
  const { app } = createBotParts({ config, store, log, now: () => new Date() });
  const server = createServer({ config, log, store, adapter, app });
  const { port } = await server.listen();
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teamsMessage('http://127.0.0.1:1/', 'hello'))
    });
    return { status: response.status, body: await response.json() };
  } finally {
    await server.close();
  }
}

describe('HTTP: errors the adapter throws', () => {
  it('answers the adapter\u2019s validation error with 400 BadRequest', async () => {
    const invalid = adapterZod.z.object({ type: adapterZod.z.string() }).safeParse({}).error!;
    assert.deepEqual(await postThrough(invalid), { status: 400, body: { code: 'BadRequest', message: 'The activity could not be processed' } });
  });

  it('answers any other error with 500 InternalError, whatever it calls itself', async () => {
    const impostor = Object.assign(new Error('socket closed'), { name: 'ZodError' });
    for (const failure of [new Error('socket closed'), impostor]) {
      assert.deepEqual(await postThrough(failure), { status: 500, body: { code: 'InternalError', message: 'Something went wrong; it has been logged' } });
    }
  });
});
