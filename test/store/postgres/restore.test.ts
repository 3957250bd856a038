/**
 * The PostgreSQL backup route the operator's guide gives: `pg_dump --format=custom`, the data
 * lost, `pg_restore --no-owner`, and the bot opening what was restored with every record, its
 * migrations already recorded, and report numbering carrying on where it stopped.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import type { Store } from '../../../src/store/store.js';
import { freshSchema, type TestSchema } from '../../helpers/postgres.js';
import { complaint } from '../../helpers/reports.js';

const run = promisify(execFile);

/** Runs a PostgreSQL client program, saying plainly when it is not installed. */
async function client(program: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await run(program, args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${program} is not installed: the restore test needs PostgreSQL's client programs (Debian's postgresql-client)`);
    throw error;
  }
}

async function seed(store: Store): Promise<void> {
  await store.people.upsertEmployees([{ employeeId: 'E1', aadObjectId: 'aad-1', name: 'n', email: 'e@council.example', managerId: 'M1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 't' }]);
  await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: ['laptop'], updatedAt: 't' });
  for (const id of ['s1', 's2', 's3']) await store.reports.add(complaint(id));
  const { report } = await store.reports.add(complaint('s4'));
  await store.reports.setStatus(report.id, { from: 'open', to: 'withdrawn', by: 'aad-1', at: '2026-03-03T10:00:00.000Z' });
  await store.feedback.add({ id: 'f1', at: 't', askerId: 'aad-1', question: 'q', answered: true });
  await store.audit.add({ at: 't', actorId: 'aad-admin', action: 'role.add', target: 'aad-1', outcome: 'done' });
  await store.roles.add({ aadObjectId: 'aad-1', role: 'foi-officer', grantedBy: 'aad-admin', grantedAt: 't' });
  await store.conversations.save({ aadObjectId: 'aad-1', reference: { conversation: { id: 'a:1' } }, updatedAt: 't' });
  await store.summaryRuns.start('run-1', 't');
  await store.policyLinks.save({ id: 'l1', question: 'q1', target: 'webmail', linkedBy: 'aad-admin', linkedAt: 't' });
}

describe('PostgreSQL store: restore from pg_dump', function () {
  this.timeout(60_000);
  let schema: TestSchema;
  let dir: string;
  beforeEach(async () => {
    schema = await freshSchema();
    dir = await mkdtemp(path.join(tmpdir(), 'pg-restore-'));
  });
  afterEach(async () => {
    await schema.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens what pg_restore put back with every record, no migration to run, and the next reference in sequence', async () => {
    const store = await schema.open();
    await seed(store);
    const before = await store.snapshot();
    await store.close();
    const dump = path.join(dir, 'ictbot.dump');
    // Only this test's schema: the test database holds other tests' schemas too.
    await client('pg_dump', ['--format=custom', `--schema=${schema.schema}`, `--file=${dump}`, schema.url]);
    await schema.query(`DROP SCHEMA ${schema.schema} CASCADE`);
    await client('pg_restore', ['--no-owner', `--dbname=${schema.url}`, dump]);

    const said: string[] = [];
    const restored = await openPostgresStore({ url: schema.url, schema: schema.schema, log: (message) => said.push(message) });
    try {
      assert.deepEqual(await restored.snapshot(), before);
      assert.equal((await restored.status()).ok, true);
      assert.ok(!said.some((message) => /MIGRATION .* \(UP\)/.test(message)), 'the restored schema_migrations says every migration has run');
      const { report } = await restored.reports.add(complaint('after-restore'));
      assert.equal(report.id, 'DC-2026-000005', 'numbering carries on after the restored reports');
    } finally {
      await restored.close();
    }
  });
});
