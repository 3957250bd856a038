import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config/paths.js';

const SCRIPT = path.join(projectRoot, 'scripts', 'playground.mjs');

/** Runs `npm run playground`'s script with `env`, in a folder of its own (Playground writes its log there). */
function playground(cwd: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [SCRIPT], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output };
}

describe('npm run playground', function () {
  this.timeout(60_000);
  let cwd: string;
  let bot: Server;
  let started: ChildProcess | undefined;

  beforeEach(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ict-bot-playground-'));
  });
  afterEach(async () => {
    if (started && started.exitCode === null && started.signalCode === null) {
      started.kill('SIGTERM');
      await once(started, 'exit');
    }
    started = undefined;
    bot?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('reaches the bot on the port PORT names, not only on 3978', async () => {
    const asked: string[] = [];
    bot = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.writeHead(200);
      res.end();
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    const { port } = bot.address() as AddressInfo;
    const run = playground(cwd, { PORT: String(port), PLAYGROUND_PORT: '0' });
    started = run.child;
    while (!/Listening on (\d+)/.test(run.output())) await once(run.child.stdout!, 'data');
    const playgroundPort = /Listening on (\d+)/.exec(run.output())![1];
    // A browser opening Playground asks for its configuration; Playground then waits for the bot.
    const config = await fetch(`http://127.0.0.1:${playgroundPort}/_internal/v1/config`);
    assert.equal(config.status, 200);
    assert.ok(asked.length > 0, 'Playground never reached the bot');
    assert.ok(asked.every((request) => request.endsWith(' /api/messages')), asked.join(', '));
    assert.match(run.output(), new RegExp(`the bot at http://localhost:${port}/api/messages`));
  });

  it('refuses a PORT that is not a port number, saying which', async () => {
    const run = playground(cwd, { PORT: '39xx' });
    const [code] = await once(run.child, 'exit');
    assert.equal(code, 2);
    assert.match(run.output(), /PORT must be a port number \(0 to 65535\), not "39xx"/);
  });
});
