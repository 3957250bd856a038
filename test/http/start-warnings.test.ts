/**
 * An authenticated start warns while the policy, its web address or the ICT contact are still
 * the samples, naming each; a start with the council's own says nothing of them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/config/paths.js';

const AUTHENTICATED = { BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: 'tenant-1' };

/** The log entries the built bot writes up to its "started" line; then it is stopped. */
async function startLog(env: NodeJS.ProcessEnv): Promise<Array<{ event?: string; variables?: string[] }>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'start-warnings-'));
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(projectRoot, 'dist', 'src', 'index.js')], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const entries: Array<{ event?: string; variables?: string[] }> = [];
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bot exited (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { event?: string };
        entries.push(entry);
        if (entry.event === 'started') resolve();
      });
    });
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    await rm(dir, { recursive: true, force: true });
  }
  return entries;
}

describe('start-up warnings', function () {
  this.timeout(30000);

  it('names POLICY_FILE, POLICY_URL and ICT_CONTACT while they are the samples', async () => {
    const warning = (await startLog(AUTHENTICATED)).find((entry) => entry.event === 'config.sample');
    assert.deepEqual(warning?.variables, ['POLICY_FILE', 'POLICY_URL', 'ICT_CONTACT']);
  });

  it('says nothing of them once the council has set its own', async () => {
    const entries = await startLog({
      ...AUTHENTICATED,
      POLICY_FILE: 'policy/acceptable-use.md',
      POLICY_URL: 'https://intranet.council.example/ict-policy',
      ICT_CONTACT: 'the ICT desk on extension 4000'
    });
    assert.ok(entries.some((entry) => entry.event === 'started'));
    assert.equal(entries.find((entry) => entry.event === 'config.sample'), undefined);
  });
});
