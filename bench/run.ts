/**
 * `npm run bench`: every benchmark in turn, on loopback only, then the table printed and
 * written to docs/BENCHMARKS.md with the machine it ran on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { machine, markdown, type Goal, type Row } from './lib/table.js';
import { benchFoi } from './foi.js';
import { benchPolicy } from './policy.js';
import { benchPostgres } from './postgres.js';
import { benchRetrieval } from './retrieval.js';
import { benchStart } from './start.js';
import { benchStore } from './store.js';
import { benchSubmissions } from './submissions.js';
import { benchTelemetry } from './telemetry.js';
import { benchTurns } from './turns.js';

type Section = () => Promise<{ rows: Row[]; goals: Goal[] }>;

const SECTIONS: Record<string, Section> = {
  turns: benchTurns,
  retrieval: benchRetrieval,
  policy: async () => ({ rows: await benchPolicy(), goals: [] }),
  submissions: benchSubmissions,
  store: async () => ({ rows: await benchStore(), goals: [] }),
  foi: benchFoi,
  postgres: benchPostgres,
  start: async () => ({ rows: await benchStart(), goals: [] }),
  telemetry: benchTelemetry
};

// `npm run bench -- submissions start` runs only those sections and prints without writing the file.
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in SECTIONS));
if (unknown.length) throw new Error(`bench: no section ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);

const rows: Row[] = [];
const goals: Goal[] = [];
const began = Date.now();
for (const [name, section] of Object.entries(SECTIONS)) {
  if (chosen.length && !chosen.includes(name)) continue;
  const result = await section();
  rows.push(...result.rows);
  goals.push(...result.goals);
}

const table = markdown(rows, goals);
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const document = `# Benchmarks

Measured by \`npm run bench\` on ${when} UTC, on ${machine()}. The whole run took ${Math.round((Date.now() - began) / 1000)} s.
Everything runs on loopback; the bot under test runs in its own process. Figures vary between machines and runs:
compare rows of one run, not runs of different machines.

${table}
`;
if (!chosen.length) {
  await mkdir(path.join(projectRoot, 'docs'), { recursive: true });
  await writeFile(path.join(projectRoot, 'docs', 'BENCHMARKS.md'), document);
}
process.stdout.write(`${document}\n`);
