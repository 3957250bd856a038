/**
 * An erasure and its audit entry are one unit: when the audit entry cannot be written, the
 * person's data is left as it was, in memory and in what is stored, in both stores.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TextFile } from 'lowdb/node';
import sinon from 'sinon';
import { runSubjectErase } from '../../../src/features/data-protection/tasks.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import type { Store } from '../../../src/store/store.js';
import { allStored } from '../../helpers/all-stored.js';
import { freshSchema, type TestSchema } from '../../helpers/postgres.js';
import { complaintRecord } from './fixtures.js';

const JO = '00000000-0000-0000-0000-0000000000c1';
const NOW = () => new Date('2026-03-03T00:00:00.000Z');

async function storeJo(store: Store): Promise<void> {
  const { id: _id, ...report } = complaintRecord('x', '2026-01-01T00:00:00.000Z', JO);
  await store.reports.add(report);
  await store.people.saveProfile({ aadObjectId: JO, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: '2026-01-01T00:00:00.000Z' });
}

/** Jo is still there, reported and profiled, and no erasure was audited. */
async function assertNothingErased(store: Store): Promise<void> {
  assert.equal((await store.people.getProfile(JO))?.devices[0], 'laptop');
  assert.deepEqual((await store.reports.list()).map((r) => r.reporterId), [JO]);
  assert.deepEqual((await allStored(store, 'audit')).map((a) => a.action), []);
}

describe('subject erasure as one unit', () => {
  afterEach(() => sinon.restore());

  describe('lowdb store', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'erasure-unit-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('erases nothing when the audit file cannot be written', async () => {
      const store = await openLowdbStore(dir);
      await storeJo(store);
      const write = sinon.stub(TextFile.prototype, 'write');
      write.callsFake(async function (this: TextFile, text: string) {
        if (text.includes('"subject.erase"')) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return write.wrappedMethod.call(this, text);
      });
      await assert.rejects(runSubjectErase({ store, now: NOW, actor: 'cli:test' }, JO), /EIO/);
      await assertNothingErased(store);
      sinon.restore();
      await store.close();
      await assertNothingErased(await openLowdbStore(dir));
    });

    it('keeps the erasure and its audit entry together when both are written', async () => {
      const store = await openLowdbStore(dir);
      await storeJo(store);
      const { pseudonym } = await runSubjectErase({ store, now: NOW, actor: 'cli:test' }, JO);
      await store.close();
      const reopened = await openLowdbStore(dir);
      assert.equal(await reopened.people.getProfile(JO), undefined);
      assert.deepEqual((await allStored(reopened, 'audit')).map((a) => [a.action, a.target]), [['subject.erase', pseudonym]]);
    });
  });

  describe('PostgreSQL store', () => {
    let schema: TestSchema;
    beforeEach(async () => {
      schema = await freshSchema();
    });
    afterEach(() => schema.drop());

    it('erases nothing when the audit entry cannot be inserted', async () => {
      const store = await schema.open();
      await storeJo(store);
      await schema.query(`CREATE FUNCTION refuse_erasure_audit() RETURNS trigger AS $$
        BEGIN IF NEW.data->>'action' = 'subject.erase' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await schema.query('CREATE TRIGGER refuse_erasure_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION refuse_erasure_audit()');
      await assert.rejects(runSubjectErase({ store, now: NOW, actor: 'cli:test' }, JO), /audit refused/);
      await assertNothingErased(store);
    });
  });
});
