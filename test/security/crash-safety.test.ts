/**
 * Crash safety and concurrency through the real HTTP endpoint: the built bot runs as a child
 * process, is killed with SIGKILL in the middle of a burst of submissions and started again;
 * every submission it acknowledged must be stored exactly once. And 200 submissions sent at
 * once give exactly 200 records.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import { postActivity, startBotProcess, stopped } from '../helpers/bot-process.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute } from '../helpers/server.js';
import { staffMember, today, validComplaint } from '../helpers/submissions.js';

const REFERENCE = /DC-\d{4}-\d{6}/;

/** The bot on the data files in `dataDir`, free to take a burst from one sender. */
function startChild(dataDir: string) {
  return startBotProcess({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' });
}

function submissionIdOf(activity: ReturnType<typeof teamsExecute>): string {
  return String((activity.value.action.data as Record<string, unknown>).submissionId);
}

describe('crash safety and concurrency', function () {
  this.timeout(60000);
  let dir: string;
  let connector: FakeConnector;
  let serviceUrl: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'crash-'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });
  afterEach(async () => {
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged submission exactly once when killed with SIGKILL mid-burst', async () => {
    const first = await startChild(dir);
    const submissions = Array.from({ length: 400 }, (_, i) => teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), occurredOn: today() }, staffMember(i + 1)));
    const acknowledged = new Map<string, string>();
    let killed = false;
    const burst = submissions.map(async (activity) => {
      try {
        const { status, body } = await postActivity(first.url, activity);
        const reference = REFERENCE.exec(body)?.[0];
        if (status === 200 && reference) acknowledged.set(submissionIdOf(activity), reference);
        if (acknowledged.size >= 40 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch {
        // cut off by the kill: not acknowledged, so it may or may not be stored
      }
    });
    await Promise.all(burst);
    await stopped(first.child);
    assert.equal(first.child.signalCode, 'SIGKILL', 'the bot was killed mid-burst');
    assert.ok(acknowledged.size >= 40 && acknowledged.size < submissions.length, `acknowledged ${acknowledged.size} of ${submissions.length}`);

    // Started again on the same files (the dead process's lock is taken over), a repeat of an acknowledged card stores nothing new.
    const second = await startChild(dir);
    const [someId] = acknowledged.keys();
    const repeat = submissions.find((a) => submissionIdOf(a) === someId)!;
    const again = await postActivity(second.url, repeat);
    assert.equal(again.status, 200);
    assert.equal(REFERENCE.exec(again.body)?.[0], acknowledged.get(someId));
    second.child.kill('SIGTERM');
    await stopped(second.child);

    const store = await openLowdbStore(dir);
    const reports = await store.reports.list();
    const bySubmission = new Map<string, string[]>();
    for (const report of reports) bySubmission.set(report.submissionId, [...(bySubmission.get(report.submissionId) ?? []), report.id]);
    for (const [submissionId, reference] of acknowledged) {
      assert.deepEqual(bySubmission.get(submissionId), [reference], `acknowledged ${submissionId} stored exactly once as ${reference}`);
    }
    assert.equal(new Set(reports.map((r) => r.id)).size, reports.length, 'no reference given twice');
    assert.equal(bySubmission.size, reports.length, 'no submission stored twice');
  });

  it('stores 200 concurrent submissions as exactly 200 records', async () => {
    const bot = await startBot({ store: await openLowdbStore(dir), env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    try {
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => bot.post(teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), occurredOn: today() }, staffMember(i + 1))))
      );
      assert.ok(responses.every((r) => r.status === 200 && REFERENCE.test(JSON.stringify(r.body))));
      assert.equal(new Set(responses.map((r) => REFERENCE.exec(JSON.stringify(r.body))?.[0])).size, 200, '200 different references');
      await bot.store.close();
    } finally {
      await bot.stop();
    }
    const reopened = await openLowdbStore(dir);
    assert.equal((await reopened.reports.list()).length, 200);
  });
});
