/**
 * Proactive sends in telemetry: a span per send with its outcome, Teams' failed answers
 * counted by status and the retries they caused, with no person's id in any of it.
 */
import assert from 'node:assert/strict';
import { createLogger } from '../../src/log.js';
import { ConversationBook } from '../../src/shared/conversations.js';
import { createProactiveSender } from '../../src/shared/proactive.js';
import { METRICS } from '../../src/shared/telemetry.js';
import { testConfig } from '../helpers/bot.js';
import { openMemoryStore } from '../helpers/memory-store.js';
import { recordTelemetry } from '../helpers/telemetry.js';

const PERSON = '5b1e7c93-2d4a-4f6e-9a08-c3d2e1f0a7b6';

describe('telemetry: proactive sends', () => {
  it('records each send and counts Teams\u2019 failed answers and retries by status', async () => {
    const recorded = recordTelemetry();
    const store = await openMemoryStore();
    const log = createLogger('silent');
    await store.conversations.save({ aadObjectId: PERSON, reference: { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'a:chat' }, user: { id: '29:x', aadObjectId: PERSON } }, updatedAt: '2026-01-01T00:00:00.000Z' });
    const conversations = new ConversationBook({ config: testConfig(), store, log, now: () => new Date() });
    const answers = [429, 502];
    const adapter = {
      continueConversationAsync: async () => {
        const status = answers.shift();
        if (status) throw Object.assign(new Error(`http ${status}`), { statusCode: status });
      }
    };
    const sender = createProactiveSender({ adapter: adapter as never, botAppId: '', conversations, log, telemetry: recorded.telemetry, sleep: async () => undefined });

    assert.deepEqual(await sender.send(PERSON, { text: 'hi' }), { status: 'sent' });
    const [span] = await recorded.spans();
    assert.equal(span.name, 'ictbot.proactive.send');
    assert.equal(span.attributes.outcome, 'sent');
    const metrics = await recorded.metrics();
    const statuses = (name: string) => metrics.find((metric) => metric.name === name)?.attributes.map((a) => a.status).sort();
    assert.deepEqual(statuses(METRICS.teamsAnswers), [429, 502]);
    assert.deepEqual(statuses(METRICS.teamsRetries), [429, 502]);
    assert.ok(!JSON.stringify({ metrics, attributes: span.attributes }).includes(PERSON));
    await recorded.shutdown();
  });
});
