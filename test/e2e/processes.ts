/**
 * The two real processes an end-to-end run needs: the bot (`dist/src/index.js`, exactly what
 * `npm start` runs) on a fresh temporary data directory, and Microsoft 365 Agents Playground
 * pointed at it. Both are started on port 0 and report the port they really took in their
 * output, which is read here rather than assumed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/paths.js';

/** How long a process may take to say it is listening. */
const START_TIMEOUT_MS = 30_000;

/** A started child process with everything it has printed so far, for failure messages. */
export interface RunningProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a process and resolves once a line of its output matches `ready`, with the match.
 * Rejects (and stops the process) if it exits or stays silent past the timeout.
 */
function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp }
): Promise<{ process: RunningProcess; match: RegExpMatchArray }> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const running: RunningProcess = {
    name,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        // A process that ignores SIGTERM must not keep the test run alive.
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      })
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void running.stop();
      reject(new Error(`${name} ${why}. Its output:\n${output || '(nothing)'}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = output.match(options.ready);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => (output += more.toString('utf8')));
        resolve({ process: running, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) => fail(`could not be started (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

export interface RunningBot extends RunningProcess {
  /** The bot's messaging endpoint, on the port it really took. */
  endpoint: string;
  /** The temporary data directory the bot writes its files to. */
  dataDir: string;
}

/**
 * Starts the built bot on a free loopback port with a new empty data directory. Only the
 * variables it needs are passed, so nothing from the caller's shell (`BOT_ID`, `APP_ENV`)
 * changes what is tested.
 */
export async function startBotProcess(): Promise<RunningBot> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ict-bot-e2e-data-'));
  const env = { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  const { process: bot, match } = await startProcess(
    'the bot',
    process.execPath,
    ['--disable-warning=DEP0111', path.join(projectRoot, 'dist', 'src', 'index.js')],
    // The "started" log line carries the port the server really took.
    { cwd: projectRoot, env, ready: /"event":"started".*?"port":(\d+)/ }
  );
  return {
    ...bot,
    endpoint: `http://127.0.0.1:${match[1]}/api/messages`,
    dataDir,
    async stop() {
      await bot.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}

export interface RunningPlayground extends RunningProcess {
  /** The Playground's web page, on the port it really took. */
  url: string;
}

/**
 * Starts Microsoft 365 Agents Playground as a Teams client for `endpoint`, offline and
 * without telemetry. It prints "Listening on <port>"; when the port asked for is busy it
 * silently takes another, so the printed one is the one used.
 */
export async function startPlayground(endpoint: string): Promise<RunningPlayground> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  // Its own folder, so it never picks up a configuration file from the project or the caller.
  const cwd = await mkdtemp(path.join(tmpdir(), 'ict-bot-e2e-playground-'));
  const env = { PATH: process.env.PATH, HOME: cwd, TEAMSAPPTESTER_BROWSER: 'none' };
  const { process: playground, match } = await startProcess(
    'Microsoft 365 Agents Playground',
    process.execPath,
    [cli, '--app-endpoint', endpoint, '--channel-id', 'msteams', '--port', '0', '--disable-telemetry'],
    { cwd, env, ready: /Listening on (\d+)/ }
  );
  return {
    ...playground,
    url: `http://localhost:${match[1]}`,
    async stop() {
      await playground.stop();
      await rm(cwd, { recursive: true, force: true });
    }
  };
}
