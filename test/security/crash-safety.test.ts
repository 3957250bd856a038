/**
 * Crash safety and concurrency through the real HTTP endpoint: the built bot runs as a child
 * process, is killed with SIGKILL in the middle of a burst of submissions and started again;
 * every submission it acknowledged must be stored exactly once. And 200 submissions sent at
 * once give exactly 200 records.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/shared/paths.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute } from '../helpers/server.js';
import { staffMember, validComplaint } from '../helpers/submissions.js';

const REFERENCE = /DC-\d{4}-\d{6}/;

/** Today in the council's time zone, so the complaint's date is always allowed. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** Starts `node dist/src/index.js` on a free port; resolves once it logs that it is listening. */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(projectRoot, 'dist', 'src', 'index.js')], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start: ${stderr}`)), 15000);
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number };
        if (entry.event === 'started' && entry.port) {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        // not a log line
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}/api/messages` };
}

function submissionIdOf(activity: ReturnType<typeof teamsExecute>): string {
  return String((activity.value.action.data as Record<string, unknown>).submissionId);
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

async function submit(url: string, activity: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: response.status, body: await response.text() };
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
        const { status, body } = await submit(first.url, activity);
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
    const again = await submit(second.url, repeat);
    assert.equal(again.status, 200);
    assert.equal(REFERENCE.exec(again.body)?.[0], acknowledged.get(someId));
    second.child.kill('SIGTERM');
    await stopped(second.child);

    const store = await openLowdbStore(dir);
    const reports = await store.listReports();
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
    assert.equal((await reopened.listReports()).length, 200);
  });
});
