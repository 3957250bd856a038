import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFoiInputs } from '../../../src/store/lowdb/foi-reader.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import type { FoiCountQuery } from '../../../src/store/report-counts.js';
import { complaint } from '../../helpers/reports.js';

const QUERY: FoiCountQuery = { statuses: ['open', 'acknowledged', 'resolved'], submittedBefore: '2027-01-01T00:00:00.000Z', complaintsFrom: '2026-01-01T00:00:00.000Z' };
const yes = { worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'yes' as const };

describe('lowdb: FOI inputs read from the files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'foi-reader-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the reports of every numbered file', async () => {
    const store = await openLowdbStore(dir, { reportsPerFile: 2 });
    for (let i = 0; i < 5; i++) await store.reports.add({ ...complaint(`s${i}`), reporterId: `aad-${i % 2}`, cohort: yes });
    await store.close();
    const inputs = await readFoiInputs(dir, QUERY);
    assert.equal(inputs?.counts.complaints, 5);
    assert.equal(inputs?.counts.complainants.length, 2);
  });

  it('refuses a report that does not fit, naming the file and the record, and changes nothing', async () => {
    const store = await openLowdbStore(dir, { reportsPerFile: 2 });
    for (let i = 0; i < 3; i++) await store.reports.add({ ...complaint(`s${i}`), cohort: yes });
    await store.close();
    const file = path.join(dir, 'reports', '000002.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.items[0].cause = 'gremlins';
    const bad = JSON.stringify(data);
    await writeFile(file, bad);
    await assert.rejects(readFoiInputs(dir, QUERY), /000002\.json item 0 \(DC-2026-000003\) is not a valid reports record: cause: not one of the values the bot writes/);
    assert.equal(await readFile(file, 'utf8'), bad);
  });

  it('leaves the earlier single-file layout to the store, which moves it', async () => {
    await writeFile(path.join(dir, 'reports.json'), JSON.stringify({ schemaVersion: 1, items: [] }));
    assert.equal(await readFoiInputs(dir, QUERY), undefined);
  });
});
