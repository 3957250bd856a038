/**
 * A write the disk refuses changes nothing: not the file, not what the store holds in
 * memory, and not a later write, which must not carry the failed change out after all.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TextFile } from 'lowdb/node';
import sinon from 'sinon';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import { complaint } from '../../helpers/reports.js';

const AT = '2026-03-03T00:00:00.000Z';

describe('lowdb store: a failed write', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'failed-writes-'));
  });
  afterEach(async () => {
    sinon.restore();
    await rm(dir, { recursive: true, force: true });
  });

  /** Makes the next write of any file fail, as a full disk would. */
  function failNextWrite(): sinon.SinonStub {
    const write = sinon.stub(TextFile.prototype, 'write');
    write.onFirstCall().rejects(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    write.callThrough();
    return write;
  }

  const reportFile = async () => JSON.parse(await readFile(path.join(dir, 'reports', '000001.json'), 'utf8')) as { items: Array<{ status: string }> };

  it('leaves a status unchanged in memory and on disk, and the next write does not carry it out', async () => {
    const store = await openLowdbStore(dir);
    const { report } = await store.reports.add(complaint('sub-1'));
    failNextWrite();
    await assert.rejects(store.reports.setStatus(report.id, { from: 'open', to: 'withdrawn', by: 'aad-1', at: AT }), /ENOSPC/);
    assert.equal((await store.reports.get(report.id))?.status, 'open', 'memory unchanged');
    assert.deepEqual((await store.reports.get(report.id))?.history, []);

    await store.reports.add(complaint('sub-2'));
    await store.close();
    const file = await reportFile();
    assert.deepEqual(file.items.map((r) => r.status), ['open', 'open'], 'the next write holds only what succeeded');
    const reopened = await openLowdbStore(dir);
    assert.equal((await reopened.reports.get(report.id))?.status, 'open');
  });

  it('lets the status change once the disk takes writes again', async () => {
    const store = await openLowdbStore(dir);
    const { report } = await store.reports.add(complaint('sub-1'));
    failNextWrite();
    const change = { from: 'open', to: 'withdrawn', by: 'aad-1', at: AT } as const;
    await assert.rejects(store.reports.setStatus(report.id, change), /ENOSPC/);
    assert.equal((await store.reports.setStatus(report.id, change)).outcome, 'changed');
    await store.close();
    assert.deepEqual((await reportFile()).items.map((r) => r.status), ['withdrawn']);
  });

  it('stores no report whose write failed, and gives its reference to the next', async () => {
    const store = await openLowdbStore(dir);
    await store.reports.add(complaint('sub-1'));
    failNextWrite();
    await assert.rejects(store.reports.add(complaint('sub-2')), /ENOSPC/);
    assert.equal(await store.reports.getBySubmission('sub-2'), undefined);
    assert.deepEqual((await store.reports.list()).map((r) => r.submissionId), ['sub-1']);
    const next = await store.reports.add(complaint('sub-3'));
    assert.equal(next.report.id, 'DC-2026-000002');
    await store.close();
    assert.equal((await reportFile()).items.length, 2);
  });

  it('leaves a profile as it was', async () => {
    const store = await openLowdbStore(dir);
    const profile = { aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: ['tablet'], updatedAt: AT } as const;
    await store.people.saveProfile({ ...profile, devices: [...profile.devices] });
    failNextWrite();
    await assert.rejects(store.people.saveProfile({ ...profile, remoteOrFlexible: 'yes', devices: [] }), /ENOSPC/);
    assert.equal((await store.people.getProfile('aad-1'))?.remoteOrFlexible, 'no');
    await store.audit.add({ at: AT, actorId: 'aad-1', action: 'x', outcome: 'done' });
    await store.close();
    const reopened = await openLowdbStore(dir);
    assert.equal((await reopened.people.getProfile('aad-1'))?.remoteOrFlexible, 'no');
  });
});
