import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../../src/config/paths.js';

const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'package.js');

/** Runs the package CLI; resolves with its exit code and output whatever the code. */
async function runPackage(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const options = { cwd: projectRoot, env: { ...process.env, ...env } };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run package', () => {
  let outDir: string;
  beforeEach(async () => (outDir = await mkdtemp(path.join(tmpdir(), 'package-cli-'))));
  afterEach(async () => rm(outDir, { recursive: true, force: true }));

  it('--env local prints where the zip is and that it validated', async () => {
    const run = await runPackage(['--env', 'local', '--out', outDir]);
    assert.equal(run.code, 0, run.stderr);
    const zip = path.join(outDir, 'appPackage.local.zip');
    assert.ok(existsSync(zip));
    assert.ok(run.stdout.includes(zip), run.stdout);
    assert.match(run.stdout, /validated offline against the Teams app manifest schema v1\.\d+/);
  });

  it('fails on a bad or missing value, listing each with its path, and writes no zip', async () => {
    // Values set in the shell win over env/.env.local, as they do for the bot.
    const run = await runPackage(['--env', 'local', '--out', outDir], { TEAMS_APP_ID: '', COUNCIL_PRIVACY_URL: 'privacy page' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /NOT built: 2 problems/);
    assert.match(run.stderr, /\/id: needs TEAMS_APP_ID, which is not set in env\/\.env\.local/);
    assert.match(run.stderr, /\/developer\/privacyUrl: /);
    assert.equal(existsSync(path.join(outDir, 'appPackage.local.zip')), false);
  });

  it('fails naming the env file when the environment does not exist', async () => {
    const run = await runPackage(['--env', 'nowhere', '--out', outDir]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /env\/\.env\.nowhere does not exist/);
  });

  it('asks which environment when --env is missing', async () => {
    const run = await runPackage(['--out', outDir]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /usage: npm run package -- --env <name>/);
  });
});
