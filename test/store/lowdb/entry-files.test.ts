import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../../src/store/layout.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import { StoreError } from '../../../src/store/store.js';
import type { AuditEntry, PolicyFeedback } from '../../../src/store/types.js';
import { allStored } from '../../helpers/all-stored.js';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; items: unknown[] };
const modified = async (file: string) => (await stat(file)).mtimeMs;
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

function question(i: number, answered = true): PolicyFeedback {
  return { id: `q-${i}`, at: `2026-0${1 + (i % 9)}-01T10:00:00.000Z`, askerId: `aad-${i % 3}`, question: `question ${i}`, answered };
}

function audit(i: number, actorId = `aad-${i % 3}`): AuditEntry {
  return { at: `2026-0${1 + (i % 9)}-02T10:00:00.000Z`, actorId, action: 'role.add', target: `aad-x${i}`, outcome: 'done' };
}

describe('lowdb store: feedback and audit files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'entry-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds each question and audit entry to the newest numbered file only, and reads them all back in order', async () => {
    const store = await openLowdbStore(dir, { entriesPerFile: 3 });
    for (let i = 0; i < 6; i++) await store.feedback.add(question(i));
    for (let i = 0; i < 4; i++) await store.audit.add(audit(i));
    const first = path.join(dir, 'feedback', '000001.json');
    const before = await modified(first);
    await pause();
    await store.feedback.add(question(6));
    await store.close();
    assert.equal(await modified(first), before, 'a full file is not written again');
    assert.deepEqual(await readdir(path.join(dir, 'feedback')), ['000001.json', '000002.json', '000003.json']);
    assert.deepEqual((await readJson(path.join(dir, 'feedback', '000003.json'))).items, [question(6)]);
    assert.deepEqual(await readdir(path.join(dir, 'audit')), ['000001.json', '000002.json']);
    assert.equal(existsSync(path.join(dir, 'feedback.json')), false);

    const reopened = await openLowdbStore(dir, { entriesPerFile: 3 });
    assert.deepEqual((await allStored(reopened, 'feedback')).map((f) => f.id), ['q-0', 'q-1', 'q-2', 'q-3', 'q-4', 'q-5', 'q-6']);
    assert.deepEqual(await allStored(reopened, 'audit'), [0, 1, 2, 3].map((i) => audit(i)));
    assert.equal((await reopened.status()).counts.feedback, 7);
    assert.equal((await reopened.status()).counts.audit, 4);
  });

  it('records a vote in the file holding its question and nowhere else', async () => {
    const store = await openLowdbStore(dir, { entriesPerFile: 2 });
    for (let i = 0; i < 4; i++) await store.feedback.add(question(i));
    const newest = path.join(dir, 'feedback', '000002.json');
    const before = await modified(newest);
    await pause();
    assert.equal((await store.feedback.setHelpful('q-1', false))?.helpful, false);
    assert.equal(await store.feedback.setHelpful('q-9', true), undefined, 'no such question');
    await store.close();
    assert.equal(await modified(newest), before);
    assert.deepEqual((await readJson(path.join(dir, 'feedback', '000001.json'))).items, [question(0), { ...question(1), helpful: false }]);
    const reopened = await openLowdbStore(dir, { entriesPerFile: 2 });
    assert.deepEqual((await reopened.feedback.listGaps()).map((f) => f.id), ['q-1']);
    assert.equal((await reopened.feedback.get('q-3'))?.question, 'question 3');
  });

  it('moves a single feedback.json and audit.json into numbered files, keeping each as a backup', async () => {
    const feedback = JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: [question(0, false), question(1), question(2, false), question(3), question(4)] }, null, 2);
    const trail = JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: [audit(0), audit(1), audit(2)] }, null, 2);
    await writeFile(path.join(dir, 'feedback.json'), feedback);
    await writeFile(path.join(dir, 'audit.json'), trail);
    const store = await openLowdbStore(dir, { entriesPerFile: 2 });
    assert.deepEqual((await store.feedback.listGaps()).map((f) => f.id), ['q-0', 'q-2'], 'policy gaps see the moved questions');
    await store.feedback.setHelpful('q-3', false);
    await store.feedback.add(question(5));
    await store.audit.add(audit(3));
    assert.equal((await store.subjectData('aad-0')).feedback.length, 2, 'subject access sees the moved questions');
    await store.close();

    assert.equal(existsSync(path.join(dir, 'feedback.json')), false);
    assert.equal(await readFile(path.join(dir, 'feedback.json.migrated'), 'utf8'), feedback);
    assert.equal(await readFile(path.join(dir, 'audit.json.migrated'), 'utf8'), trail);
    assert.deepEqual(await readdir(path.join(dir, 'feedback')), ['000001.json', '000002.json', '000003.json']);
    assert.deepEqual(await readdir(path.join(dir, 'audit')), ['000001.json', '000002.json']);
    const reopened = await openLowdbStore(dir, { entriesPerFile: 2 });
    assert.deepEqual((await reopened.feedback.listGaps()).map((f) => f.id), ['q-0', 'q-2', 'q-3']);
    assert.deepEqual(await allStored(reopened, 'audit'), [0, 1, 2, 3].map((i) => audit(i)));
  });

  it('refuses an unreadable single audit.json, moving and writing nothing', async () => {
    const corrupt = '{"schemaVersion":1,"items":[{"at":';
    await writeFile(path.join(dir, 'audit.json'), corrupt);
    await assert.rejects(openLowdbStore(dir), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, /audit\.json/);
      assert.match(error.message, /has not been changed/);
      return true;
    });
    assert.equal(await readFile(path.join(dir, 'audit.json'), 'utf8'), corrupt);
    assert.equal(existsSync(path.join(dir, 'audit')), false);
  });

  it('refuses a corrupt feedback file, naming it, and leaves every file untouched', async () => {
    const store = await openLowdbStore(dir, { entriesPerFile: 2 });
    for (let i = 0; i < 3; i++) await store.feedback.add(question(i));
    await store.close();
    const broken = path.join(dir, 'feedback', '000001.json');
    await writeFile(broken, '{"schemaVersion":1,"items":[');
    const intact = await readFile(path.join(dir, 'feedback', '000002.json'), 'utf8');
    await assert.rejects(openLowdbStore(dir, { entriesPerFile: 2 }), /feedback\/000001\.json.*has not been changed/);
    assert.equal(await readFile(broken, 'utf8'), '{"schemaVersion":1,"items":[');
    assert.equal(await readFile(path.join(dir, 'feedback', '000002.json'), 'utf8'), intact);
  });

  it('keeps each entry in its own file through a purge and an erasure', async () => {
    const store = await openLowdbStore(dir, { entriesPerFile: 3 });
    for (let i = 0; i < 6; i++) await store.audit.add(audit(i, i === 4 ? 'aad-gone' : 'aad-kept'));
    for (let i = 0; i < 6; i++) await store.feedback.add(question(i));
    // Anonymise one entry in the second file and add one at the end, as an erasure does.
    await store.rewrite((data) => ({
      audit: [...data.audit.map((a) => (a.actorId === 'aad-gone' ? { ...a, actorId: 'erased-1' } : a)), audit(8, 'admin')],
      feedback: data.feedback.filter((f) => f.id !== 'q-1')
    }));
    await store.close();
    const items = async (name: string, file: string) => (await readJson(path.join(dir, name, file))).items as Array<Record<string, string>>;
    assert.deepEqual((await items('audit', '000001.json')).map((a) => a.actorId), ['aad-kept', 'aad-kept', 'aad-kept']);
    assert.deepEqual((await items('audit', '000002.json')).map((a) => a.actorId), ['aad-kept', 'erased-1', 'aad-kept', 'admin']);
    assert.deepEqual((await items('feedback', '000001.json')).map((f) => f.id), ['q-0', 'q-2']);
    assert.deepEqual((await items('feedback', '000002.json')).map((f) => f.id), ['q-3', 'q-4', 'q-5']);

    const reopened = await openLowdbStore(dir, { entriesPerFile: 3 });
    const counts = await reopened.purgeBefore('2026-04-01T00:00:00.000Z');
    assert.deepEqual([counts.feedback, counts.audit], [2, 3]);
    assert.deepEqual((await allStored(reopened, 'feedback')).map((f) => f.id), ['q-3', 'q-4', 'q-5']);
    await reopened.close();
    assert.deepEqual((await items('feedback', '000001.json')).map((f) => f.id), []);
    assert.deepEqual((await items('feedback', '000002.json')).map((f) => f.id), ['q-3', 'q-4', 'q-5']);
  });

  it('writes a backup in numbered files that opens with the same entries', async () => {
    const store = await openLowdbStore(dir, { entriesPerFile: 2 });
    for (let i = 0; i < 3; i++) await store.feedback.add(question(i));
    await store.audit.add(audit(0));
    const files = await store.backupTo(path.join(dir, 'backups', 'one'));
    assert.ok(files.some((f) => f.endsWith(path.join('feedback', '000002.json'))));
    assert.ok(files.some((f) => f.endsWith(path.join('audit', '000001.json'))));
    const restored = await openLowdbStore(path.join(dir, 'backups', 'one'));
    assert.deepEqual(await restored.snapshot(), await store.snapshot());
  });
});
