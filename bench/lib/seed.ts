/**
 * Seed data shaped like a council's: staff with profiles, a roster and conversation
 * references, and reports: about seven device complaints to three
 * number-sharing reports, from a pool of staff, spread over the last two years, with
 * descriptions of typical length and some status history. Deterministic for a given count.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMPLAINT_CAUSES, DEVICES, REPORT_STATUSES, SHARED_WITH, SHARING_REASONS, TASK_CODES, TOLD_NOT_TO } from '../../src/store/types.js';
import { chunk, ENTRIES_PER_FILE, PARTITIONED_COLLECTIONS, reportFileName, REPORTS_PER_FILE, SCHEMA_VERSION } from '../../src/store/layout.js';
import type { CohortAnswer, ConversationRecord, Employee, Profile, Report } from '../../src/store/types.js';

const DAY = 86_400_000;
/** How many staff report: ids `staffMember(0)` to `staffMember(REPORTERS - 1)`. */
export const REPORTERS = 4000;

/** The Teams (Entra ID) object id of the n-th member of staff. */
export function staffMember(n: number): string {
  return `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
}

/** A profile for every member of staff, cohort answers known, as most have after their first report. */
export function makeProfiles(): Profile[] {
  return Array.from({ length: REPORTERS }, (_, n) => ({
    aadObjectId: staffMember(n),
    worksWithChildrenOrVulnerable: n % 3 ? 'yes' : 'no',
    remoteOrFlexible: n % 4 ? 'yes' : 'no',
    devices: ['laptop', 'smartphone'],
    updatedAt: '2026-01-05T09:00:00.000Z'
  }));
}
const WORDS = 'laptop vpn would not connect from home so I could not open the case record or send the visit notes before the meeting and had to use paper instead'.split(' ');

/** A small fixed-seed generator, so every run seeds the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Makes `count` reports submitted over the two years before `until`, oldest first. */
export function makeReports(count: number, until?: Date): Report[] {
  return [...generateReports(count, until)];
}

/** The reports {@link makeReports} makes, one at a time, so a large seed need not hold them all at once. */
export function* generateReports(count: number, until = new Date('2026-11-01T00:00:00Z')): Generator<Report> {
  const next = random(count + 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const cohortAnswer = (): CohortAnswer => (next() < 0.6 ? 'yes' : next() < 0.8 ? 'no' : 'unknown');
  const sequences = new Map<string, number>();
  const start = until.getTime() - 730 * DAY;
  for (let i = 0; i < count; i++) {
    const submitted = new Date(start + Math.floor((i / count) * 730 * DAY) + Math.floor(next() * 3_600_000));
    const submittedAt = submitted.toISOString();
    const occurredOn = new Date(submitted.getTime() - Math.floor(next() * 5) * DAY).toISOString().slice(0, 10);
    const complaint = next() < 0.7;
    const series = `${complaint ? 'DC' : 'NS'}-${submittedAt.slice(0, 4)}`;
    const sequence = (sequences.get(series) ?? 0) + 1;
    sequences.set(series, sequence);
    const reporterId = staffMember(Math.floor(next() * REPORTERS));
    const status = next() < 0.5 ? 'open' : pick(REPORT_STATUSES);
    const base = {
      id: `${series}-${String(sequence).padStart(6, '0')}`,
      submissionId: `seed-${i}`,
      submittedAt,
      reporterId,
      status,
      history: status === 'open' ? [] : [{ status, at: submittedAt, by: reporterId }],
      source: 'teams' as const,
      occurredOn,
      cohort: { worksWithChildrenOrVulnerable: cohortAnswer(), remoteOrFlexible: cohortAnswer() }
    };
    const text = Array.from({ length: 10 + Math.floor(next() * 25) }, () => pick(WORDS)).join(' ');
    if (complaint) {
      const blockedTasks = TASK_CODES.filter(() => next() < 0.3);
      yield { ...base, kind: 'device-complaint', device: pick(DEVICES), cause: pick(COMPLAINT_CAUSES), blockedTasks: blockedTasks.length ? blockedTasks : ['a'], description: text };
    } else {
      const self = next() < 0.6;
      yield {
        ...base,
        kind: 'number-sharing',
        subject: self ? 'self' : 'colleague',
        sharerId: self ? reporterId : undefined,
        sharedWith: pick(SHARED_WITH),
        toldNotTo: pick(TOLD_NOT_TO),
        reason: pick(SHARING_REASONS),
        note: next() < 0.5 ? text : ''
      };
    }
  }
}

/** The staff roster an FOI officer imports: everyone who reports, linked to their Teams id, with a manager. */
export function makeEmployees(): Employee[] {
  return Array.from({ length: REPORTERS }, (_, n) => ({
    employeeId: `E${String(n).padStart(6, '0')}`,
    name: `Member of staff ${n}`,
    email: `staff${n}@council.example`,
    aadObjectId: staffMember(n),
    worksWithChildrenOrVulnerable: n % 3 ? 'yes' : 'no',
    remoteOrFlexible: n % 4 ? 'yes' : 'no',
    managerId: `E${String(n - (n % 20)).padStart(6, '0')}`,
    devices: ['laptop', 'smartphone'],
    updatedAt: '2026-01-05T09:00:00.000Z'
  }));
}

/**
 * Conversation references for every member of staff, as the bot keeps them once each has
 * used it, for activities like `test/helpers/server.ts` makes with this `serviceUrl`.
 */
export function makeConversations(serviceUrl: string): ConversationRecord[] {
  return Array.from({ length: REPORTERS }, (_, n) => {
    const id = staffMember(n);
    return {
      aadObjectId: id,
      reference: {
        bot: { id: '28:bot', name: 'ICT policy helper' },
        conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
        channelId: 'msteams',
        locale: 'en-GB',
        serviceUrl,
        user: { id: `29:${id}`, name: 'Staff', aadObjectId: id }
      },
      updatedAt: '2026-01-05T09:00:00.000Z'
    };
  });
}

/** Writes collection files (`{ schemaVersion, items }`) into `dataDir`, as the bot keeps them. */
export async function writeCollections(dataDir: string, collections: Record<string, unknown[]>): Promise<void> {
  for (const [name, items] of Object.entries(collections)) {
    if (!(PARTITIONED_COLLECTIONS as readonly string[]).includes(name)) {
      await writeFile(path.join(dataDir, `${name}.json`), JSON.stringify({ schemaVersion: SCHEMA_VERSION, items }));
      continue;
    }
    // The layout the store keeps: numbered files of bounded size (one file of a million reports would not fit in a string).
    await mkdir(path.join(dataDir, name), { recursive: true });
    const files = chunk(items, name === 'reports' ? REPORTS_PER_FILE : ENTRIES_PER_FILE);
    for (const [index, part] of files.entries()) {
      await writeFile(path.join(dataDir, name, reportFileName(index + 1)), JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: part }));
    }
  }
}
