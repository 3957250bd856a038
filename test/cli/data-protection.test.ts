import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { lockDataDir } from '../../src/store/lowdb/lock.js';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import { projectRoot } from '../../src/config/paths.js';
import { complaintRecord, sharingRecord } from '../features/data-protection/fixtures.js';
import { allStored } from '../helpers/all-stored.js';

const run = promisify(execFile);
const JO = '00000000-0000-0000-0000-0000000000c1';
const OTHER = '00000000-0000-0000-0000-0000000000c2';

/** Runs a CLI from dist/ with `DATA_DIR` set; resolves with its exit code and output. */
async function cli(name: string, args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'dist', 'src', 'cli', `${name}.js`), ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('data-protection CLIs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dp-cli-'));
    const store = await openLowdbStore(dir);
    const { id: _a, ...old } = complaintRecord('x', '2020-01-01T00:00:00.000Z', JO);
    const { id: _b, ...recent } = complaintRecord('y', new Date().toISOString(), JO);
    const { id: _c, ...aboutJo } = sharingRecord('z', OTHER, JO);
    for (const report of [old, recent, { ...aboutJo, submittedAt: new Date().toISOString() }]) await store.reports.add(report);
    await store.people.saveProfile({ aadObjectId: JO, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: new Date().toISOString() });
    await store.close();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('subject export prints everything held as JSON and is audited', async () => {
    const { code, stdout } = await cli('subject', ['export', JO], dir);
    assert.equal(code, 0);
    const held = JSON.parse(stdout);
    assert.equal(held.reportsMade.length, 2);
    assert.equal(held.reportsNamingThem.length, 1);
    assert.equal(held.profile[0].aadObjectId, JO);
    const audit = await allStored(await openLowdbStore(dir), 'audit');
    assert.deepEqual(audit.map((a) => [a.action, a.target]), [['subject.export', JO]]);
  });

  it('subject erase removes the person, keeps the reports under a pseudonym, and is audited', async () => {
    const { code, stdout } = await cli('subject', ['erase', JO], dir);
    assert.equal(code, 0);
    const { pseudonym } = JSON.parse(stdout);
    assert.match(pseudonym, /^erased-/);
    const store = await openLowdbStore(dir);
    const data = await store.snapshot();
    assert.equal(data.reports.length, 3);
    assert.doesNotMatch(JSON.stringify(data), new RegExp(JO));
    assert.equal(data.profiles.length, 0);
    const audit = data.audit.find((a) => a.action === 'subject.erase');
    assert.equal(audit?.target, pseudonym);
    assert.equal((await cli('subject', ['erase', JO], dir)).code, 1, 'a second erasure finds nothing');
  });

  it('retention --dry-run counts; retention purges what is past the period', async () => {
    const dry = await cli('retention', ['--dry-run'], dir);
    assert.equal(dry.code, 0);
    assert.equal(JSON.parse(dry.stdout).counts.reports, 1);
    assert.equal((await (await openLowdbStore(dir)).reports.list()).length, 3);
    const real = await cli('retention', [], dir);
    assert.equal(JSON.parse(real.stdout).counts.reports, 1);
    assert.equal((await (await openLowdbStore(dir)).reports.list()).length, 2);
  });

  it('refuses to change data while the bot holds the data directory, and says why', async () => {
    const release = await lockDataDir(dir, 'the bot');
    try {
      for (const args of [['erase', JO], ['export', JO]]) {
        const result = await cli('subject', args, dir);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /in use by the bot/);
      }
      assert.equal((await cli('retention', [], dir)).code, 1);
      assert.equal((await cli('retention', ['--dry-run'], dir)).code, 0, 'a dry run only reads');
      assert.equal((await (await openLowdbStore(dir)).reports.list()).length, 3);
    } finally {
      await release();
    }
  });

  it('backup writes a timestamped copy that opens as a store', async () => {
    const { code, stdout } = await cli('backup', ['--to', path.join(dir, 'copies')], dir);
    assert.equal(code, 0);
    const folder = stdout.trim();
    assert.match(path.basename(folder), /^backup-\d{4}-\d{2}-\d{2}T/);
    assert.ok((await readdir(path.join(folder, 'reports'))).includes('000001.json'));
    assert.equal((await (await openLowdbStore(folder)).reports.list()).length, 3);
  });

  it('answers a usage mistake with exit code 2', async () => {
    assert.equal((await cli('subject', ['delete', JO], dir)).code, 2);
    assert.equal((await cli('retention', ['--now'], dir)).code, 2);
  });
});
