/**
 * The PostgreSQL store when the database misbehaves or is set up unusually: a server that ends
 * connections in the middle of work (failover, restart) fails that work and nothing else, and
 * connection settings in the URL do not move the store out of its schema.
 */
import assert from 'node:assert/strict';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import { type PostgresStore } from '../../../src/store/postgres/store.js';
import { CATCH_UP_SEQUENCES, TABLES } from '../../../src/store/postgres/tables.js';
import { StoreError } from '../../../src/store/store.js';
import type { DeviceComplaint, NewReport, Report } from '../../../src/store/types.js';
import { freshSchema, type TestSchema } from '../../helpers/postgres.js';
import { complaint } from '../../helpers/reports.js';
import { allStored } from '../../helpers/all-stored.js';

const APP = 'ictbot-faults-test';

function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

describe('PostgreSQL store: faults and settings', () => {
  let schema: TestSchema;
  let store: PostgresStore;
  /** Ends every connection the store has open, as a server restart would. */
  const dropConnections = () => schema.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [APP]);

  beforeEach(async () => {
    schema = await freshSchema();
    store = await openPostgresStore({ url: withParams(schema.url, { application_name: APP }), schema: schema.schema, poolSize: 2 });
    const reports = Array.from({ length: 600 }, (_, i) => ({ ...complaint(`sub-${i}`), id: `DC-2026-${String(i + 1).padStart(6, '0')}` }) as Report);
    await schema.query(TABLES.reports.insert('')[0], [JSON.stringify(reports)]);
    await schema.query(CATCH_UP_SEQUENCES);
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await schema.drop();
  });

  /** The error a query gets when the server ends its connection (pg_terminate_backend), not any other. */
  const connectionEnded = (error: Error & { code?: string }) => {
    // The server's own notice (57P01), or the socket failing under a query still being sent.
    assert.ok(['57P01', 'EPIPE', 'ECONNRESET'].includes(error.code ?? '') || /Connection terminated/.test(error.message), `expected the connection to have been ended, got ${error.code ?? ''} ${error.message}`);
    return true;
  };

  it('fails a report stream whose connection the server ends, and carries on', async () => {
    const stream = store.reports.stream()[Symbol.asyncIterator]();
    assert.equal((await stream.next()).value?.submissionId, 'sub-0');
    await dropConnections();
    await assert.rejects(async () => {
      while (!(await stream.next()).done);
    }, connectionEnded);
    assert.equal((await store.reports.list()).length, 600, 'the next request gets a new connection');
  });

  it('fails a transaction whose connection the server ends, and carries on', async () => {
    await assert.rejects(
      store.transaction(async (client) => {
        await client.query('SELECT 1');
        await dropConnections();
        await client.query('SELECT 1');
      }),
      connectionEnded
    );
    assert.equal((await store.reports.add(complaint('after'))).report.id, 'DC-2026-000601');
    assert.equal((await store.status()).ok, true);
  });

  it('stays in its schema when the URL carries connection options of its own', async () => {
    const other = await openPostgresStore({ url: withParams(schema.url, { options: '-c statement_timeout=5000' }), schema: schema.schema, poolSize: 1 });
    try {
      assert.equal((await other.reports.list()).length, 600);
      const [settings] = (await other.pool.query<{ timeout: string; zone: string }>("SELECT current_setting('statement_timeout') AS timeout, current_setting('TimeZone') AS zone")).rows;
      assert.deepEqual(settings, { timeout: '5s', zone: 'UTC' });
    } finally {
      await other.close();
    }
  });

  it('stores text jsonb cannot hold: NUL dropped, half an emoji replaced', async () => {
    const question = `Can I use ${'\u{1F4F1}'.slice(0, 1)}\u0000 my phone?`;
    await store.feedback.add({ id: 'f1', at: '2026-11-01T09:00:00.000Z', question, answered: false });
    await store.reports.add({ ...complaint('odd-text'), description: 'VPN\u0000 down \uDC00' } as NewReport);
    assert.equal((await allStored(store, 'feedback'))[0].question, 'Can I use \uFFFD my phone?');
    assert.equal(((await store.reports.getBySubmission('odd-text')) as DeviceComplaint).description, 'VPN down \uFFFD');
  });

  it('refuses a schema name that is not a plain name, before connecting', async () => {
    await assert.rejects(openPostgresStore({ url: schema.url, schema: 'public -c work_mem=1' }), (error: Error) => error instanceof StoreError && /not a plain name/.test(error.message));
  });
});
