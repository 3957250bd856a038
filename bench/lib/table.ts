/** The benchmark table: rows, the machine they ran on, and the Markdown both print as. */
import os from 'node:os';

export interface Row {
  area: string;
  case: string;
  perSecond?: number;
  p50?: number;
  p99?: number;
  /** Wall time in milliseconds. */
  timeMs?: number;
  /** Memory in bytes (resident or peak heap, as the note says). */
  memory?: number;
  note?: string;
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean | undefined;
  /** What stands in the way, shown when the goal is not met. */
  why?: string;
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined ? '' : value.toFixed(digits));
const megabytes = (bytes: number | undefined) => (bytes === undefined ? '' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

/** The machine: CPU count and model, memory, Node version, and how busy it was (other work skews figures). */
export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  return `${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown model'}), ${megabytes(os.totalmem())} RAM, Node ${process.version} on ${os.platform()} ${os.arch()}; load average ${load}`;
}

/** The results as a Markdown table, then the goals. */
export function markdown(rows: Row[], goals: Goal[]): string {
  const lines = [
    '| area | case | per second | p50 ms | p99 ms | time ms | memory | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.area} | ${r.case} | ${fixed(r.perSecond, 0)} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.timeMs)} | ${megabytes(r.memory)} | ${r.note ?? ''} |`),
    '',
    '| goal | measured | met | if not, why |',
    '| --- | --- | --- | --- |',
    ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met === undefined ? 'not measured' : g.met ? 'yes' : 'no'} | ${g.met === false ? (g.why ?? '') : ''} |`)
  ];
  return lines.join('\n');
}
