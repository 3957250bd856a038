/**
 * The built bot (`node dist/src/index.js`, as `npm start` runs it) as a child process, for
 * tests that need a real process: killed mid-burst, several instances side by side, or a
 * start that must fail. The child gets only the variables a test gives it (and `PATH`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/config/paths.js';

export interface BotProcess {
  child: ChildProcess;
  /** Its `/api/messages` address. */
  url: string;
  port: number;
}

/** Starts the bot on a free loopback port with `env` over the test defaults; nothing is awaited. */
function spawnBot(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--disable-warning=DEP0111', path.join(projectRoot, 'dist', 'src', 'index.js')], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
}

/**
 * Starts the bot; resolves once it logs that it is listening, with the port it really took.
 * @throws when it exits or has not started within 15 seconds (it is then killed), with what it wrote to stderr.
 */
export async function startBotProcess(env: NodeJS.ProcessEnv): Promise<BotProcess> {
  const child = spawnBot(env);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the failed test.
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start: ${stderr}`));
    }, 15000);
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { event?: string; port?: number };
        if (entry.event === 'started' && entry.port) {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        // not a log line
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}/api/messages`, port };
}

/** Runs the bot until it exits by itself (a start that must fail); everything it wrote. */
export async function runBotUntilExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnBot(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

/** Resolves once the process has exited (at once if it already has). */
export function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** POSTs an activity as the Teams connector would; the answer's status and raw body. */
export async function postActivity(url: string, activity: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: response.status, body: await response.text() };
}
