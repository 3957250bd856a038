/**
 * `Action.Execute` submissions through the real server onto the default lowdb store, with
 * 0, 10,000 and 100,000 reports already in the data folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { teamsExecute } from '../test/helpers/server.js';
import { PROFILE_VERBS } from '../src/features/profile/profile.js';
import { startChildBot } from './lib/child.js';
import { runLoad } from './lib/load.js';
import { makeReports } from './lib/reports.js';
import type { Goal, Row } from './lib/table.js';
import { CONNECTIONS } from './turns.js';

const SECONDS = 5;
const WARM_UP_SECONDS = 1;
export const STORED = [0, 10_000, 100_000];
const GOAL_MS = 50;

/** The card submitted: a profile save from one of 500 people, each press its own. */
function profileSave(serviceUrl: string) {
  let n = 0;
  return () => {
    n++;
    const from = { id: `29:staff-${n % 500}`, name: 'Staff', aadObjectId: `00000000-0000-0000-0000-${String(n % 500).padStart(12, '0')}` };
    return teamsExecute(serviceUrl, PROFILE_VERBS.save, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: n % 2 ? 'yes' : 'no', devices: 'laptop,smartphone' }, from);
  };
}

/** Writes `count` reports into a new data folder as the single-file layout holds them. */
async function seededDataDir(count: number): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-submit-'));
  if (count > 0) await writeFile(path.join(dataDir, 'reports.json'), JSON.stringify({ schemaVersion: 1, items: makeReports(count) }));
  return dataDir;
}

/** One row per stored-report count. */
export async function benchSubmissions(): Promise<{ rows: Row[]; goals: Goal[] }> {
  const rows: Row[] = [];
  let atMost: number | undefined;
  for (const stored of STORED) {
    const dataDir = await seededDataDir(stored);
    const bot = await startChildBot('bot', dataDir);
    try {
      const body = profileSave('http://127.0.0.1:9/');
      const options = { url: `${bot.url}/api/messages`, body, connections: CONNECTIONS };
      await runLoad({ ...options, seconds: WARM_UP_SECONDS });
      const figures = await runLoad({ ...options, seconds: SECONDS });
      rows.push({
        area: 'Submissions',
        case: `profile save, ${stored.toLocaleString('en-GB')} reports stored`,
        perSecond: figures.perSecond,
        p50: figures.p50,
        p99: figures.p99,
        note: `${CONNECTIONS} connections, ${figures.ok} saved, ${figures.failed} failed`
      });
      atMost = figures.p99;
    } finally {
      await bot.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return {
    rows,
    goals: [{ goal: `submission p99 < ${GOAL_MS} ms with 100,000 reports stored`, measured: `${atMost?.toFixed(1)} ms (profile saves)`, met: atMost !== undefined && atMost < GOAL_MS }]
  };
}
