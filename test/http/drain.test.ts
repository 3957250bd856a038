/**
 * Shutdown drains: the built bot, as `npm start` runs it, gets SIGTERM in the middle of a
 * burst of device complaints over HTTP while its managers' notifications are still going out
 * through a slow fake Teams connector. From the signal on, `/readyz` and new messages answer
 * 503; every submission the bot acknowledged is stored, its manager's notification was sent,
 * and the process exits by itself, cleanly.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import type { Employee } from '../../src/store/types.js';
import { postActivity, startBotProcess, stopped, type BotProcess } from '../helpers/bot-process.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { readyAfterEncoding, teamsExecute } from '../helpers/server.js';
import { staffMember, today, validComplaint } from '../helpers/submissions.js';

const REFERENCE = /DC-\d{4}-\d{6}/;
const STAFF = 80;
const MANAGER = { id: '29:manager', name: 'Morgan Manager', aadObjectId: '00000000-0000-0000-0000-0000000000b1' };

function employee(employeeId: string, aadObjectId: string, managerId?: string): Employee {
  return { employeeId, name: employeeId, email: `${employeeId.toLowerCase()}@council.example`, aadObjectId, managerId, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: '2026-01-01T00:00:00.000Z' };
}

async function ready(bot: BotProcess): Promise<{ status: number; body: { status: string; checks: Record<string, unknown> } }> {
  return readyAfterEncoding(`http://127.0.0.1:${bot.port}`);
}

describe('shutdown drains on SIGTERM', function () {
  this.timeout(60000);
  let dir: string;
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: BotProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'drain-'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    // Every reporter's manager is in Teams, so each stored complaint sends one notification.
    const store = await openLowdbStore(dir);
    await store.people.upsertEmployees([employee('M1', MANAGER.aadObjectId), ...Array.from({ length: STAFF }, (_, i) => employee(`E${i + 1}`, staffMember(i + 1).aadObjectId, 'M1'))]);
    await store.conversations.save({
      aadObjectId: MANAGER.aadObjectId,
      reference: { channelId: 'msteams', serviceUrl, conversation: { id: 'a:manager-chat', conversationType: 'personal' }, bot: { id: '28:bot' }, user: { id: MANAGER.id, aadObjectId: MANAGER.aadObjectId } },
      updatedAt: new Date().toISOString()
    });
    await store.close();
  });
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    if (bot) await stopped(bot.child);
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every acknowledged submission and sends its notification, refusing new work meanwhile', async () => {
    bot = await startBotProcess({ DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '100000', SHUTDOWN_TIMEOUT_SECONDS: '30' });
    const running = bot;
    assert.equal((await ready(running)).status, 200, 'ready before the signal');
    const exited = new Promise<number | null>((resolve) => running.child.once('exit', resolve));
    // The signal is handled a moment after it is sent: the bot logs when it begins to drain.
    const draining = new Promise<void>((resolve) => running.child.stdout!.on('data', (chunk: Buffer) => /"event":"stopping"/.test(chunk.toString()) && resolve()));
    // A slow connector: notifications are still going out when the signal comes.
    connector.delayMs = 150;

    const cards = Array.from({ length: STAFF }, (_, i) => teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), occurredOn: today() }, staffMember(i + 1)));
    const acknowledged: string[] = [];
    const refused: number[] = [];
    let signalled: Promise<void> | undefined;
    let duringDrain: Awaited<ReturnType<typeof ready>> | undefined;
    let lateSubmission: number | undefined;
    await Promise.all(
      cards.map(async (card, i) => {
        // Spread out, so that some arrive after the signal.
        await new Promise((resolve) => setTimeout(resolve, i * 15));
        try {
          const { status, body } = await postActivity(running.url, card);
          const reference = REFERENCE.exec(body)?.[0];
          if (status === 200 && reference) acknowledged.push(reference);
          else refused.push(status);
        } catch {
          refused.push(0);
        }
        if (acknowledged.length === 20 && !signalled) {
          running.child.kill('SIGTERM');
          signalled = (async () => {
            await draining;
            // Asked at once: the drain is waiting on the slow notifications.
            duringDrain = await ready(running);
            lateSubmission = (await postActivity(running.url, teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), occurredOn: today() }, staffMember(1)))).status;
          })();
        }
      })
    );
    await signalled;
    assert.equal(await exited, 0, 'the bot exits by itself, cleanly');

    assert.equal(duringDrain?.status, 503, '/readyz answers 503 while draining');
    assert.deepEqual(duringDrain?.body, { status: 'not-ready', checks: { store: 'not-checked', draining: true } });
    assert.equal(lateSubmission, 503, 'a message that arrives while draining is refused');
    assert.ok(acknowledged.length >= 20 && acknowledged.length < STAFF, `acknowledged ${acknowledged.length} of ${STAFF}`);
    assert.ok(refused.length > 0, 'the burst went on past the signal');

    const store = await openLowdbStore(dir);
    const stored = new Set((await store.reports.list()).map((report) => report.id));
    await store.close();
    for (const reference of acknowledged) assert.ok(stored.has(reference), `${reference} was acknowledged, so it is stored`);

    const manager = connector.requests.filter((request) => /^\/v3\/conversations\/a:manager-chat\/activities/.test(request.path));
    const sentFor = new Set(manager.map((request) => REFERENCE.exec(JSON.stringify(request.body.attachments))?.[0]));
    for (const reference of acknowledged) assert.ok(sentFor.has(reference), `${reference}'s manager was notified before the bot exited`);
  });
});
