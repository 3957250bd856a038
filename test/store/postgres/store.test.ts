/**
 * What only the PostgreSQL store does, beyond the shared store contract: versioned
 * migrations, several stores (bot instances) on one schema at once, connections handed
 * back, and refusals that never show the password. (The conversation state's eTag rules are
 * in the contract, for every store.)
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import { StoreError } from '../../../src/store/store.js';
import { knownMigrations, MIGRATIONS_TABLE } from '../../../src/store/postgres/migrations.js';
import { openPostgresStore } from '../../../src/store/postgres/open.js';
import { PostgresStore } from '../../../src/store/postgres/store.js';
import { freshSchema, type TestSchema } from '../../helpers/postgres.js';
import { complaint } from '../../helpers/reports.js';

const UNREACHABLE = 'postgres://u:secret@127.0.0.1:1/x';

/** The reference of the `n`th device complaint of 2026, as the store numbers them. */
const reference = (n: number) => `DC-2026-${String(n).padStart(6, '0')}`;

describe('PostgreSQL store', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await freshSchema();
  });
  afterEach(async () => {
    await schema.drop();
  });

  const tables = async () =>
    (await schema.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')).map((row) => row.tablename);
  const applied = () => schema.query<{ name: string; run_on: Date }>(`SELECT name, run_on FROM ${MIGRATIONS_TABLE} ORDER BY id`);

  it('applies its migrations once and records them in schema_migrations', async () => {
    const opening = async () => {
      const messages: string[] = [];
      await (await openPostgresStore({ url: schema.url, schema: schema.schema, log: (message) => messages.push(message) })).close();
      return messages.some((message) => /MIGRATION .* \(UP\)/.test(message));
    };
    assert.equal(await opening(), true, 'the first opening migrates');
    const first = await applied();
    assert.deepEqual(first.map((row) => row.name), await knownMigrations());
    assert.ok((await tables()).includes('reports'));

    assert.equal(await opening(), false, 'the next one does not');
    assert.deepEqual(await applied(), first, 'nothing applied a second time');
  });

  it('lets several stores open an empty schema at once: each succeeds and the tables are made once', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => schema.open()));
    assert.deepEqual((await applied()).map((row) => row.name), await knownMigrations());
    const ids = await Promise.all(stores.map((store, i) => store.reports.add(complaint(`sub-${i}`)).then((result) => result.report.id)));
    assert.deepEqual(ids.sort(), [1, 2, 3, 4].map(reference));
  });

  it('refuses a schema a newer bot has migrated, naming the migration, and changes nothing', async () => {
    const store = await schema.open();
    await store.reports.add(complaint('sub-1'));
    await store.close();
    await schema.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, run_on) VALUES ('9999_from-a-newer-bot', now())`);
    const before = { tables: await tables(), applied: await applied(), reports: await schema.query('SELECT * FROM reports') };

    await assert.rejects(openPostgresStore({ url: schema.url, schema: schema.schema }), (error: Error) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, /schema migrations this bot does not know \(9999_from-a-newer-bot\)/);
      assert.match(error.message, /Upgrade the bot; nothing has been changed/);
      return true;
    });
    assert.deepEqual({ tables: await tables(), applied: await applied(), reports: await schema.query('SELECT * FROM reports') }, before);
  });

  it('says where an unreachable or refusing database is, never its password', async () => {
    const wrongPassword = new URL(schema.url);
    wrongPassword.password = 'not-the-password-8c41';
    for (const [url, secret, where] of [
      [UNREACHABLE, 'secret', /127\.0\.0\.1:1\/x/],
      [wrongPassword.href, 'not-the-password-8c41', new RegExp(`${wrongPassword.host}${wrongPassword.pathname}`)]
    ] as const) {
      await assert.rejects(openPostgresStore({ url, schema: schema.schema }), (error: Error) => {
        assert.ok(error instanceof StoreError, String(error));
        assert.match(error.message, /cannot use the database at postgres:\/\//);
        assert.match(error.message, where);
        assert.ok(!error.message.includes(secret), error.message);
        return true;
      });
    }
  });

  it('stores one submission sent to two stores at once once, using up no reference number (20 rounds)', async () => {
    const [first, second] = await Promise.all([schema.open(), schema.open()]);
    for (let round = 1; round <= 20; round++) {
      const draft = complaint(`same-${round}`);
      const results = await Promise.all([first, second, first, second].map((store) => store.reports.add(draft)));
      assert.equal(results.filter((result) => result.created).length, 1, `round ${round}: created once`);
      assert.deepEqual(new Set(results.map((result) => result.report.id)), new Set([reference(round)]), `round ${round}: one reference`);
    }
    assert.equal((await schema.query('SELECT id FROM reports')).length, 20);
    assert.equal((await second.reports.add(complaint('next'))).report.id, reference(21), 'the next reference follows on');
  });

  it('gives 100 concurrent submissions over two stores 100 distinct references in sequence', async () => {
    const stores = await Promise.all([schema.open(), schema.open()]);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => stores[i % 2].reports.add(complaint(`sub-${i}`))));
    assert.ok(results.every((result) => result.created));
    assert.deepEqual(results.map((result) => result.report.id).sort(), Array.from({ length: 100 }, (_, i) => reference(i + 1)));
  });

  it('makes one of a withdrawal and a resolution sent to two stores at once, over 20 reports', async () => {
    const [first, second] = await Promise.all([schema.open(), schema.open()]);
    for (let round = 1; round <= 20; round++) {
      const { report } = await first.reports.add(complaint(`sub-${round}`));
      const withdraw = { from: 'open', to: 'withdrawn', by: 'aad-1', at: '2026-03-03T00:00:00.000Z' } as const;
      const resolve = { from: 'open', to: 'resolved', by: 'aad-m', at: '2026-03-03T00:00:00.000Z' } as const;
      const outcomes = await Promise.all([first.reports.setStatus(report.id, withdraw), second.reports.setStatus(report.id, resolve)]);
      assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['changed', 'conflict'], `round ${round}`);
      const [row] = await schema.query<{ status: string; data: { status: string; history: unknown[] } }>('SELECT status, data FROM reports WHERE id = $1', [report.id]);
      assert.equal(row.data.history.length, 1, `round ${round}: one change recorded`);
      assert.equal(row.status, row.data.status, `round ${round}: the column and the record agree`);
    }
  });

  it('hands its connection back when a stream of reports is left early', async () => {
    await schema.open().then((store) => Promise.all([1, 2, 3].map((n) => store.reports.add(complaint(`sub-${n}`)))));
    const store = await openPostgresStore({ url: schema.url, schema: schema.schema, poolSize: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        for await (const report of store.reports.stream()) {
          assert.equal(report.id, reference(1));
          break;
        }
        assert.equal(store.pool.totalCount - store.pool.idleCount, 0, 'no connection held after leaving the stream');
      }
      await assert.rejects(async () => {
        for await (const _report of store.reports.stream()) throw new Error('stopped reading');
      }, /stopped reading/);
      assert.equal(store.pool.totalCount - store.pool.idleCount, 0, 'none held after a failure either');
      // With a pool of one, this would wait for ever if the stream still held the connection.
      assert.equal((await store.reports.list()).length, 3);
    } finally {
      await store.close();
    }
  });

  it('tells /healthz it is not ok once closed, or when the database cannot be reached', async () => {
    const store = await openPostgresStore({ url: schema.url, schema: schema.schema });
    assert.equal((await store.status()).ok, true);
    await store.close();
    const closed = await store.status();
    assert.equal(closed.kind, 'postgres');
    assert.equal(closed.ok, false);

    const unreachable = new PostgresStore(new pg.Pool({ connectionString: UNREACHABLE }), 'postgres://127.0.0.1:1/x');
    try {
      const status = await unreachable.status();
      assert.equal(status.ok, false);
      assert.doesNotMatch(JSON.stringify(status), /secret/);
    } finally {
      await unreachable.close();
    }
  });
});
