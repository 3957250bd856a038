/**
 * `Action.Execute` submissions through the real server onto the default lowdb store, with
 * 0, 10,000 and 100,000 reports already in the data folder: as fast as 16 connections can
 * go (throughput, and the latency of a saturated bot), then at a steady rate well above any
 * council's (the latency one person sees while others submit too).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { teamsExecute } from '../test/helpers/server.js';
import { COMPLAINT_VERBS } from '../src/features/complaints/complaint.js';
import { startChildBot } from './lib/child.js';
import { CountingConnector } from './lib/connector.js';
import { runLoad, type LoadFigures } from './lib/load.js';
import { makeConversations, makeEmployees, makeProfiles, makeReports, REPORTERS, staffMember, writeCollections } from './lib/seed.js';
import type { Goal, Row } from './lib/table.js';
import { CONNECTIONS } from './turns.js';

const SECONDS = 5;
const WARM_UP_SECONDS = 1;
export const STORED = [0, 10_000, 100_000];
/** Submissions per second for the steady run: far above a council's busiest hour. */
const STEADY_RATE = 50;
const GOAL_MS = 50;

interface Submission {
  name: string;
  /** Makes the next request body; each is a separate press of a separate card. */
  next: () => unknown;
}

/** A device complaint from one of the staff who have a profile, each from a fresh form. */
function deviceComplaints(serviceUrl: string): Submission {
  let n = 0;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return {
    name: 'device complaint',
    next: () => {
      const person = staffMember(n++ % REPORTERS);
      const data = {
        submissionId: randomUUID(),
        device: 'laptop',
        cause: 'device-problem',
        blockedTasks: 'a,d',
        occurredOn: yesterday,
        description: 'The VPN would not connect from home, so I could not open the case record before the visit.'
      };
      return teamsExecute(serviceUrl, COMPLAINT_VERBS.submit, data, { id: `29:${person}`, name: 'Staff', aadObjectId: person });
    }
  };
}

/**
 * A data folder as a council's looks after a while: staff with profiles, a roster and
 * conversation references, and `count` reports, those as the single `reports.json` of
 * earlier versions held them (the store moves them into its report files on opening).
 */
async function seededDataDir(count: number, serviceUrl: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-submit-'));
  await writeCollections(dataDir, {
    profiles: makeProfiles(),
    employees: makeEmployees(),
    conversations: makeConversations(serviceUrl),
    ...(count > 0 ? { reports: makeReports(count) } : {})
  });
  return dataDir;
}

function submissionRow(submission: Submission, stored: number, how: string, figures: LoadFigures, sent: number): Row {
  return {
    area: 'Submissions',
    case: `${submission.name}, ${stored.toLocaleString('en-GB')} reports stored, ${how}`,
    perSecond: figures.perSecond,
    p50: figures.p50,
    p99: figures.p99,
    note: `${figures.ok} saved, ${figures.failed} failed; ${sent} messages to managers and reporters sent`
  };
}

/** Two rows per stored-report count, and the goal at 100,000. */
export async function benchSubmissions(): Promise<{ rows: Row[]; goals: Goal[] }> {
  const rows: Row[] = [];
  let saturated: LoadFigures | undefined;
  let steady: LoadFigures | undefined;
  // Each new complaint is announced to the reporter's manager: those cards go out here.
  const connector = new CountingConnector();
  const serviceUrl = await connector.start();
  let submission = deviceComplaints(serviceUrl);
  for (const stored of STORED) {
    const dataDir = await seededDataDir(stored, serviceUrl);
    const bot = await startChildBot('bot', dataDir);
    try {
      submission = deviceComplaints(serviceUrl);
      const url = `${bot.url}/api/messages`;
      await runLoad({ url, body: submission.next, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
      connector.reset();
      saturated = await runLoad({ url, body: submission.next, connections: CONNECTIONS, seconds: SECONDS });
      rows.push(submissionRow(submission, stored, `${CONNECTIONS} connections`, saturated, connector.replies));
      connector.reset();
      steady = await runLoad({ url, body: submission.next, connections: CONNECTIONS, seconds: SECONDS, rate: STEADY_RATE });
      rows.push(submissionRow(submission, stored, `steady ${STEADY_RATE}/s`, steady, connector.replies));
    } finally {
      await bot.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  await connector.stop();
  const measured = `${steady?.p99.toFixed(1)} ms at a steady ${STEADY_RATE}/s, ${saturated?.p99.toFixed(1)} ms with ${CONNECTIONS} connections flat out (${submission.name}s)`;
  return {
    rows,
    goals: [
      {
        goal: `submission p99 < ${GOAL_MS} ms with 100,000 reports stored`,
        measured,
        met: steady !== undefined && steady.p99 < GOAL_MS,
        why: 'the slowest 1% is not explained yet: the median is half the goal, and the tail moves from run to run on two cores shared by the load, the bot and the stand-in Teams service'
      }
    ]
  };
}
