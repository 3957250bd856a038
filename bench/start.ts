/**
 * Start: time from spawning `node dist/src/index.js` to `/healthz` answering and to `/readyz`
 * saying ready (the policy's meanings read from the kept file), and RSS then.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/paths.js';
import { median } from './lib/stats.js';
import type { Row } from './lib/table.js';

const RUNS = 5;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident memory of a process from /proc (Linux), in bytes. */
async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function startOnce(): Promise<{ ms: number; readyMs: number; rss?: number }> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-start-'));
  const began = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(projectRoot, 'dist/src/index.js')], {
    env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: 'ignore'
  });
  const answers = async (route: string) => {
    try {
      return (await fetch(`http://127.0.0.1:${port}${route}`)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  const until = async (route: string) => {
    while (!(await answers(route))) {
      if (child.exitCode !== null) throw new Error(`bench: the bot exited with code ${child.exitCode} while starting`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (performance.now() - began > 60_000) throw new Error(`bench: the bot did not answer ${route} within 60 s`);
    }
    return performance.now() - began;
  };
  try {
    const ms = await until('/healthz');
    const readyMs = await until('/readyz');
    return { ms, readyMs, rss: child.pid ? await residentBytes(child.pid) : undefined };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Starts the bot {@link RUNS} times on an empty data folder and reports the medians. */
export async function benchStart(): Promise<Row[]> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await startOnce());
  const rss = runs.map((r) => r.rss).filter((r): r is number => r !== undefined);
  return [
    {
      area: 'Start',
      case: 'process start to /healthz, empty data folder',
      timeMs: median(runs.map((r) => r.ms)),
      memory: rss.length ? median(rss) : undefined,
      note: `median of ${RUNS}`
    },
    {
      area: 'Start',
      case: 'process start to /readyz ready, empty data folder',
      timeMs: median(runs.map((r) => r.readyMs)),
      memory: rss.length ? median(rss) : undefined,
      note: `median of ${RUNS}; the policy's meanings read from the kept file; memory is resident (RSS) once ready`
    }
  ];
}
