import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import sinon from 'sinon';
import { buildAppPackage, type PackageOptions } from '../../../src/features/manifest/build.js';
import { validateAgainstBundledSchema } from '../../../src/features/manifest/schema.js';
import { manifestDir } from '../../../src/config/paths.js';
import { localValues, manifestCopy } from './fixtures.js';

describe('app package build', () => {
  let outDir: string;
  const made: string[] = [];
  const options = (overrides: Partial<PackageOptions> = {}): PackageOptions => ({
    envName: 'local',
    values: localValues(),
    appVersion: '1.2.3',
    manifestDir,
    outDir,
    ...overrides
  });

  beforeEach(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'app-package-'));
    made.push(outDir);
    sinon.stub(AppManifestUtils, 'fetchSchema').rejects(new Error('network used'));
  });
  afterEach(async () => {
    sinon.restore();
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('builds appPackage.<env>.zip holding exactly manifest.json and the two icons', async () => {
    const result = await buildAppPackage(options());
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.equal(result.zipPath, path.join(outDir, 'appPackage.local.zip'));
    const zip = await JSZip.loadAsync(await readFile(result.zipPath));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    for (const icon of ['color.png', 'outline.png']) {
      assert.deepEqual(await zip.file(icon)!.async('nodebuffer'), await readFile(path.join(manifestDir, icon)));
    }
  });

  it('fills the manifest from the environment and it validates as packaged', async () => {
    const result = await buildAppPackage(options());
    assert.ok(result.ok);
    const zip = await JSZip.loadAsync(await readFile(result.zipPath));
    const text = await zip.file('manifest.json')!.async('string');
    assert.doesNotMatch(text, /\$\{\{/);
    const manifest = JSON.parse(text);
    const values = localValues();
    assert.equal(manifest.id, values.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, values.BOT_ID);
    assert.equal(manifest.developer.name, values.COUNCIL_NAME);
    assert.deepEqual(manifest.validDomains, [values.BOT_DOMAIN]);
    assert.equal(manifest.version, '1.2.3');
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    assert.equal(manifest.bots[0].supportsFiles, true);
    assert.deepEqual((await validateAgainstBundledSchema(manifest)).problems, []);
  });

  it('takes the version from package.json unless APP_VERSION is set, and checks it', async () => {
    const blank = await buildAppPackage(options({ values: { ...localValues(), APP_VERSION: ' ' } }));
    assert.ok(blank.ok);
    const packed = async (zipPath: string) => JSON.parse(await (await JSZip.loadAsync(await readFile(zipPath))).file('manifest.json')!.async('string'));
    assert.equal((await packed(blank.zipPath)).version, '1.2.3');
    const set = await buildAppPackage(options({ values: { ...localValues(), APP_VERSION: '2.0.1' } }));
    assert.ok(set.ok);
    assert.equal((await packed(set.zipPath)).version, '2.0.1');
    const bad = await buildAppPackage(options({ values: { ...localValues(), APP_VERSION: 'v2' } }));
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems, [{ path: '/version', message: 'must be a version such as 1.0.0, not "v2" (check APP_VERSION in env/.env.local)' }]);
  });

  it('gives the same bytes for the same inputs', async () => {
    const first = await buildAppPackage(options());
    assert.ok(first.ok);
    const bytes = await readFile(first.zipPath);
    const second = await buildAppPackage(options());
    assert.ok(second.ok);
    assert.deepEqual(await readFile(second.zipPath), bytes);
  });

  it('fails on a broken manifest, naming each path, and writes nothing', async () => {
    const dir = await manifestCopy((manifest) => {
      delete manifest.developer;
      manifest.accentColor = '#12345';
    });
    made.push(dir);
    const result = await buildAppPackage(options({ manifestDir: dir }));
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(result.problems.map((p) => p.path).sort(), ['/accentColor', '/developer']);
    assert.deepEqual(await readdir(outDir), []);
  });

  it('names a missing env value and where it goes, without a second error for the same field', async () => {
    const values = { ...localValues(), BOT_ID: undefined, COUNCIL_TERMS_URL: '' };
    const result = await buildAppPackage(options({ values, envName: 'dev' }));
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [
      { path: '/developer/termsOfUseUrl', message: 'needs COUNCIL_TERMS_URL, which is not set in env/.env.dev (or its .user file)' },
      { path: '/bots/0/botId, /composeExtensions/0/botId', message: 'needs BOT_ID, which is not set in env/.env.dev (or its .user file)' }
    ]);
    assert.equal(existsSync(path.join(outDir, 'appPackage.dev.zip')), false);
  });

  it('checks the icons it packs and the command lists', async () => {
    const dir = await manifestCopy((manifest) => {
      manifest.icons.outline = 'color.png';
      manifest.bots[0].commandLists[1].commands.push({ title: 'export everything', description: 'x' });
    });
    made.push(dir);
    const result = await buildAppPackage(options({ manifestDir: dir }));
    assert.ok(!result.ok);
    const paths = result.problems.map((p) => p.path);
    assert.ok(paths.includes('/icons/outline'), paths.join());
    assert.ok(paths.includes('/bots/0/commandLists/1/commands/4/title'), paths.join());
  });

  it('names a template that is not JSON', async () => {
    const result = await buildAppPackage(options({ manifestDir: outDir }));
    assert.ok(!result.ok);
    assert.match(result.problems[0].message, /cannot be read as JSON/);
  });
});
