/**
 * Logs may carry ids, verbs, counts and outcomes, never what people typed. Every flow that
 * takes free text runs here through the real HTTP endpoint with logging at `trace`, and the
 * log output is searched for the text.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/log.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage } from '../helpers/server.js';
import { SECURITY_NOW, validComplaint, validProfile } from '../helpers/submissions.js';

/** Text no log line could contain by chance. */
const SECRET = {
  question: 'can I use my QUOKKAQUESTION hotmail on the work laptop',
  description: 'ZEBRADESCRIPTION laptop failed, ring me on 07700 900123',
  rejected: 'OCELOTREJECTED text in a form with a bad device',
  unknown: 'PANGOLINMESSAGE lorem ipsum',
  phone: '07700 900123'
};

describe('no free text in logs', () => {
  it('help, profile, a question, a complaint (accepted, repeated and rejected) and my reports log none of the text sent', async () => {
    const lines: string[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const bot = await startBot({ log: createLogger('trace', destination), now: () => SECURITY_NOW });
    try {
      const complaint = validComplaint(SECRET.description);
      const steps = [
        teamsMessage(serviceUrl, 'hello'),
        teamsMessage(serviceUrl, 'profile'),
        teamsExecute(serviceUrl, 'profile.save', validProfile()),
        teamsMessage(serviceUrl, SECRET.question),
        teamsMessage(serviceUrl, SECRET.unknown),
        teamsMessage(serviceUrl, 'report device problem'),
        teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(SECRET.rejected), device: 'pager' }),
        teamsExecute(serviceUrl, 'complaint.submit', complaint),
        teamsExecute(serviceUrl, 'complaint.submit', complaint),
        teamsMessage(serviceUrl, 'my reports')
      ];
      // Messages and card actions, rejected forms included, are all answered in the turn.
      for (const step of steps) assert.equal((await bot.post(step)).status, 200, `status for ${String(step.type)} ${String(step.text ?? step.value?.action?.verb ?? '')}`);
      assert.equal((await bot.store.reports.list()).length, 1, 'the flows really ran');
      assert.ok((await bot.store.people.getProfile('00000000-0000-0000-0000-0000000000a1')) !== undefined);
    } finally {
      await bot.stop();
      await connector.stop();
    }
    const log = lines.join('');
    assert.ok(log.length > 0, 'something was logged');
    for (const [what, text] of Object.entries(SECRET)) {
      const marker = text.split(' ')[0];
      assert.equal(log.includes(what === 'phone' ? text : marker), false, `the ${what} text appears in the logs`);
    }
  });
});
