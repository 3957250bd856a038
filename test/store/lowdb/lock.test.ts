import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../../src/store/layout.js';
import { LOCK_FILE, lockDataDir } from '../../../src/store/lowdb/lock.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import { openStore } from '../../../src/store/open.js';
import type { Report } from '../../../src/store/types.js';
import { complaint } from '../../helpers/reports.js';

/** A lock as a running process (this test's parent, which is alive and not this process) holds it. */
const heldByAnother = JSON.stringify({ pid: process.ppid, holder: 'the bot', at: '2026-05-01T09:00:00.000Z' });

describe('lowdb data directory lock', () => {
  let dir: string;
  let single: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'data-lock-'));
    single = JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: [{ ...complaint('old-1'), id: 'DC-2026-000001' } as Report] });
    await writeFile(path.join(dir, 'reports.json'), single);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const untouched = async () => {
    assert.equal(await readFile(path.join(dir, 'reports.json'), 'utf8'), single, 'the single reports file is as it was');
    assert.equal(existsSync(path.join(dir, 'reports')), false, 'no report files were made');
    assert.equal(existsSync(path.join(dir, 'reports.migrating')), false);
  };

  it('moves the earlier layout only once the writer holds the lock: another running writer keeps it as it is', async () => {
    await writeFile(path.join(dir, LOCK_FILE), heldByAnother);
    await assert.rejects(openStore({ kind: 'lowdb', dataDir: dir }, { writer: 'npm run retention' }), /in use by the bot \(process \d+\)/);
    await untouched();
    assert.equal(await readFile(path.join(dir, LOCK_FILE), 'utf8'), heldByAnother, 'the other lock stays');
  });

  it('takes the lock for the move when a reader opens the earlier layout, and refuses while another process holds it', async () => {
    await writeFile(path.join(dir, LOCK_FILE), heldByAnother);
    await assert.rejects(openLowdbStore(dir), /in use by the bot/);
    await untouched();

    await rm(path.join(dir, LOCK_FILE));
    const store = await openLowdbStore(dir);
    assert.equal((await store.reports.list()).length, 1);
    await store.close();
    assert.equal(existsSync(path.join(dir, LOCK_FILE)), false, 'the lock taken for the move is released');
    assert.equal(existsSync(path.join(dir, 'reports.json')), false);
  });

  it('holds the writer lock through the move and releases it on close', async () => {
    const opened = await openStore({ kind: 'lowdb', dataDir: dir }, { writer: 'the bot' });
    assert.equal(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
    assert.equal((await opened.store.reports.list()).length, 1);
    await opened.close();
    assert.equal(existsSync(path.join(dir, LOCK_FILE)), false);
  });

  it('releases the lock when the data cannot be opened', async () => {
    await writeFile(path.join(dir, 'profiles.json'), '{"schemaVersion":1,"items":[');
    await assert.rejects(openStore({ kind: 'lowdb', dataDir: dir }, { writer: 'the bot' }), /profiles\.json/);
    assert.equal(existsSync(path.join(dir, LOCK_FILE)), false);
  });

  for (const [what, text] of [
    ['not JSON', 'pid=4242'],
    ['JSON naming no process', '{"holder":"the bot"}'],
    ['empty', '']
  ] as const) {
    it(`does not take a lock file that is ${what} for a stale one`, async () => {
      await writeFile(path.join(dir, LOCK_FILE), text);
      await assert.rejects(lockDataDir(dir, 'the bot'), (error: Error) => {
        assert.match(error.message, /the lock .*\.lock cannot be read .*delete the file/);
        return true;
      });
      assert.equal(await readFile(path.join(dir, LOCK_FILE), 'utf8'), text, 'the lock file is left as it was');
    });
  }

  it('still takes over a lock whose process is no longer running', async () => {
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 7, holder: 'the bot' }));
    const release = await lockDataDir(dir, 'npm run retention');
    assert.equal(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).holder, 'npm run retention');
    await release();
  });
});
