/**
 * The two real processes an end-to-end run needs: the bot (`dist/src/index.js`, exactly what
 * `npm start` runs) on a fresh temporary data directory, and Microsoft 365 Agents Playground
 * pointed at it. Both are started on port 0 and report the port they really took in their
 * output, which is read here rather than assumed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

export interface BotOptions {
  /** Settings beyond the defaults, e.g. `ADMIN_IDS`. */
  env?: Record<string, string>;
  /** Fills the new data directory before the bot starts (a roster, for instance). */
  seed?: (dataDir: string) => Promise<void>;
}

/**
 * Starts the built bot on a free loopback port with a new data directory. Only the
 * variables it needs are passed, so nothing from the caller's shell (`BOT_ID`, `APP_ENV`)
 * changes what is tested.
 */
export async function startBotProcess(options: BotOptions = {}): Promise<RunningBot> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ict-bot-e2e-data-'));
  await options.seed?.(dataDir);
  const env = { ...options.env, PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
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

/** Who uses a Playground: its signed-in person, as Teams would name them. */
export interface PlaygroundUser {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

/** The tenant every Playground in a run claims, so two people share one organisation. */
export const PLAYGROUND_TENANT = '7d1f0a52-0a0c-4c41-9a67-1d2f5b3e8a10';

/** A person as the Playground's configuration file lists them. */
function personYaml(person: PlaygroundUser, indent: string): string[] {
  const [givenName, ...rest] = person.name.split(' ');
  return [
    ['id', person.id],
    ['name', person.name],
    ['userPrincipleName', person.email],
    ['aadObjectId', person.aadObjectId],
    ['givenName', givenName],
    ['surname', rest.join(' ')],
    ['email', person.email]
  ]
    // Quoted, so YAML reads "5" as text and not as a number.
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`).map((line, i) => (i === 0 && indent.endsWith('- ') ? indent : indent.replace('- ', '  ')) + line);
}

/** The colleagues the Playground's schema asks for (at least five) besides the signed-in person. */
const COLLEAGUES: PlaygroundUser[] = [1, 2, 3, 4, 5].map((n) => ({
  id: `user-colleague-${n}`,
  name: `Colleague ${n}`,
  email: `colleague${n}@council.example`,
  aadObjectId: `c0ffee00-0000-4000-8000-00000000000${n}`
}));

/** The Playground's configuration file, naming the person signed in to it. */
function playgroundConfig(user: PlaygroundUser): string {
  return [
    'version: "0.1.1"',
    `tenantId: ${PLAYGROUND_TENANT}`,
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    '  name: ICT policy bot',
    'currentUser:',
    ...personYaml(user, '  '),
    'users:',
    ...COLLEAGUES.flatMap((person) => personYaml(person, '  - ')),
    'personalChat:',
    `  id: personal-chat-${user.id}`,
    'groupChat:',
    '  id: group-chat',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: My Team',
    '  aadGroupId: 5a8e2c17-3b6f-4d90-8e21-7c4b9f0d6a38',
    '  channels:',
    '    - id: channel-general-id',
    '      name: General',
    ''
  ].join('\n');
}

/**
 * Starts Microsoft 365 Agents Playground as a Teams client for `endpoint`, offline and
 * without telemetry, signed in as `user` (the Playground's own sample person without one).
 * It prints "Listening on <port>"; when the port asked for is busy it silently takes
 * another, so the printed one is the one used.
 */
export async function startPlayground(endpoint: string, user?: PlaygroundUser): Promise<RunningPlayground> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  // Its own folder, so it never picks up a configuration file from the project or the caller.
  const cwd = await mkdtemp(path.join(tmpdir(), 'ict-bot-e2e-playground-'));
  if (user) await writeFile(path.join(cwd, '.m365agentsplayground.yml'), playgroundConfig(user));
  const env = { PATH: process.env.PATH, HOME: cwd, TEAMSAPPTESTER_BROWSER: 'none' };
  const { process: playground, match } = await startProcess(
    'Microsoft 365 Agents Playground',
    process.execPath,
    [cli, '--app-endpoint', endpoint, '--channel-id', 'msteams', '--port', '0', '--disable-telemetry'],
    { cwd, env, ready: /Listening on (\d+)/ }
  );
  const url = `http://localhost:${match[1]}`;
  // It says "Listening" before it reads its configuration file, and stops if that is wrong:
  // ask for the configuration it took, and give its own reason when it has none.
  const answer = await fetch(`${url}/_internal/v1/config`).catch(() => undefined);
  if (!answer?.ok) {
    const log = await readFile(path.join(cwd, 'devTools', 'm365agentsplayground.log'), 'utf8').catch(() => '');
    await playground.stop();
    await rm(cwd, { recursive: true, force: true });
    throw new Error(`Microsoft 365 Agents Playground did not start:\n${log.split('\n').filter((line) => line.startsWith('error')).join('\n') || playground.output()}`);
  }
  return {
    ...playground,
    url,
    async stop() {
      await playground.stop();
      await rm(cwd, { recursive: true, force: true });
    }
  };
}
