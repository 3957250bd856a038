/**
 * Stored data is parsed, not cast: a record that does not fit its collection's schema stops
 * the store from opening (lowdb) or the read (PostgreSQL), naming the file or table and the
 * record, and nothing is changed.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import { parseStoredItem, STORED_ITEM_SCHEMAS } from '../../src/store/schemas.js';
import { runBotUntilExit } from '../helpers/bot-process.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';
import { complaint } from '../helpers/reports.js';

const PRIVATE_QUESTION = 'can I ring my sister from the office phone';

/** Every file in `dir` (and `reports/`) with its text, to compare before and after. */
async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    if (name.endsWith('.json')) out[name] = await readFile(path.join(dir, name), 'utf8');
  }
  return out;
}

const feedbackFile = (items: unknown[]) => JSON.stringify({ schemaVersion: 1, items });
const goodFeedback = { id: 'fb-1', at: '2026-03-02T10:00:00.000Z', question: 'webmail', answered: true };

describe('stored data is parsed, not cast', () => {
  describe('the lowdb files', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'stored-data-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses to open a file holding a malformed record, naming the file and the record, and changes nothing', async () => {
      await writeFile(path.join(dir, 'feedback.json'), feedbackFile([goodFeedback, { ...goodFeedback, id: 'fb-2', question: PRIVATE_QUESTION, answered: 'yes' }]));
      const before = await contents(dir);
      await assert.rejects(openLowdbStore(dir), (error: Error) => {
        assert.equal(error.name, 'StoreError');
        assert.match(error.message, /feedback\.json item 1 \(fb-2\) is not a valid feedback record: answered: Expected boolean, received string/);
        assert.doesNotMatch(error.message, /sister/, 'the stored text stays out of the message');
        return true;
      });
      assert.deepEqual(await contents(dir), before);
    });

    it('refuses a report file with a report of no known kind, naming its reference', async () => {
      const store = await openLowdbStore(dir);
      await store.reports.add(complaint('sub-1'));
      await store.reports.add(complaint('sub-2'));
      await store.close();
      const file = path.join(dir, 'reports', '000001.json');
      const data = JSON.parse(await readFile(file, 'utf8'));
      data.items[1].kind = 'parking-complaint';
      await writeFile(file, JSON.stringify(data));
      const before = await contents(dir);
      await assert.rejects(openLowdbStore(dir), /reports\/000001\.json item 1 \(DC-\d{4}-000002\) is not a valid reports record: kind: Invalid discriminator value/);
      assert.deepEqual(await contents(dir), before);
    });

    it('refuses a report whose submission time is not a time, since the FOI figures count from it', async () => {
      const store = await openLowdbStore(dir);
      await store.reports.add(complaint('sub-1', 'last Tuesday'));
      await store.close();
      await assert.rejects(openLowdbStore(dir), /item 0 \(DC-[^)]+\) is not a valid reports record: submittedAt: Expected a date and time/);
    });

    it('names a record by its place alone when its only id is a person', async () => {
      await writeFile(path.join(dir, 'profiles.json'), feedbackFile([{ aadObjectId: '00000000-0000-0000-0000-0000000000a1', worksWithChildrenOrVulnerable: 'maybe', remoteOrFlexible: 'yes', devices: [], updatedAt: 't' }]));
      await assert.rejects(openLowdbStore(dir), (error: Error) => {
        assert.match(error.message, /profiles\.json item 0 is not a valid profiles record: worksWithChildrenOrVulnerable: not one of the values the bot writes/);
        assert.doesNotMatch(error.message, /0000000000a1|maybe/);
        return true;
      });
    });

    it('stops the bot at start, naming the file and the record, and leaves the file as it was', async function () {
      this.timeout(30000);
      const bad = feedbackFile([goodFeedback, { ...goodFeedback, id: 'fb-2', answered: 'yes' }]);
      await writeFile(path.join(dir, 'feedback.json'), bad);
      const { code, stderr } = await runBotUntilExit({ DATA_DIR: dir });
      assert.notEqual(code, 0);
      assert.match(stderr, /Cannot start: store: .*feedback\.json item 1 \(fb-2\) is not a valid feedback record/);
      assert.equal(await readFile(path.join(dir, 'feedback.json'), 'utf8'), bad);
    });

    it('keeps fields it does not know, so a later version’s records survive a rewrite', async () => {
      // Questions are kept in numbered files (see lowdb/report-files.ts).
      await mkdir(path.join(dir, 'feedback'));
      await writeFile(path.join(dir, 'feedback', '000001.json'), feedbackFile([{ ...goodFeedback, channel: 'teams' }]));
      const store = await openLowdbStore(dir);
      await store.feedback.setHelpful('fb-1', true);
      await store.close();
      const kept = JSON.parse(await readFile(path.join(dir, 'feedback', '000001.json'), 'utf8')).items[0];
      assert.equal(kept.channel, 'teams');
      assert.equal(kept.helpful, true);
    });
  });

  describe('PostgreSQL rows', () => {
    let schema: TestSchema;
    beforeEach(async () => {
      schema = await freshSchema();
    });
    afterEach(async () => {
      await schema.drop();
    });

    it('refuses a row whose jsonb does not fit, naming the table and the report, on every read', async () => {
      const store = await schema.open();
      const { report } = await store.reports.add(complaint('sub-1'));
      await store.reports.add(complaint('sub-2'));
      await schema.query(`UPDATE reports SET data = data - 'cohort' WHERE id = $1`, [report.id]);
      const refused = new RegExp(`PostgreSQL's reports \\(${report.id}\\) is not a valid reports record: cohort: Required`);
      await assert.rejects(store.reports.get(report.id), refused);
      await assert.rejects(store.reports.list(), refused);
      await assert.rejects(
        (async () => {
          for await (const _ of store.reports.stream()) void _;
        })(),
        refused
      );
      const [row] = await schema.query<{ data: Record<string, unknown> }>('SELECT data FROM reports WHERE id = $1', [report.id]);
      assert.equal(row.data.cohort, undefined, 'the row is left as it was');
    });

    it('refuses a feedback row changed by hand', async () => {
      const store = await schema.open();
      await store.feedback.add({ ...goodFeedback });
      await schema.query(`UPDATE feedback SET data = jsonb_set(data, '{answered}', '"perhaps"')`);
      await assert.rejects(store.feedback.get('fb-1'), /PostgreSQL's feedback \(fb-1\) is not a valid feedback record: answered: Expected boolean/);
    });
  });

  it('has one schema for every collection, and each accepts what the bot writes', () => {
    assert.deepEqual(Object.keys(STORED_ITEM_SCHEMAS).sort(), ['audit', 'conversations', 'employees', 'feedback', 'policyLinks', 'profiles', 'reports', 'roles', 'summaryRuns']);
    const { id: _id, ...fields } = { ...complaint('sub-1'), id: 'DC-2026-000001' };
    assert.deepEqual(parseStoredItem('reports', { ...fields, id: 'DC-2026-000001' }, 'here'), { ...fields, id: 'DC-2026-000001' });
    assert.throws(() => parseStoredItem('audit', { at: 't', actorId: 'a', action: 'x', outcome: 'maybe' }, 'audit.jsonl line 3'), /audit\.jsonl line 3 is not a valid audit record: outcome/);
  });
});
