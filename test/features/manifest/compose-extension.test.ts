import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import sinon from 'sinon';
import { buildAppPackage } from '../../../src/features/manifest/build.js';
import { POLICY_SEARCH_COMMAND, POLICY_SEARCH_PARAMETER } from '../../../src/features/policy/compose-extension.js';
import { manifestDir } from '../../../src/config/paths.js';
import { localValues } from './fixtures.js';

describe('app package: the policy search extension and link unfurling', () => {
  let outDir: string;

  beforeEach(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'app-package-'));
    // Validation must not reach the network.
    sinon.stub(AppManifestUtils, 'fetchSchema').rejects(new Error('network used'));
  });
  afterEach(async () => {
    sinon.restore();
    await rm(outDir, { recursive: true, force: true });
  });

  async function build(values: Record<string, string | undefined>) {
    const result = await buildAppPackage({ envName: 'local', values, appVersion: '1.2.3', manifestDir, outDir });
    if (!result.ok) return { result, manifest: undefined };
    const manifest = JSON.parse(await (await JSZip.loadAsync(await readFile(result.zipPath))).file('manifest.json')!.async('string'));
    return { result, manifest };
  }

  it('registers the search command the bot handles, for the bot, and still validates offline', async () => {
    const { result, manifest } = await build(localValues());
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    const [extension] = manifest.composeExtensions;
    assert.equal(extension.botId, localValues().BOT_ID);
    const [command] = extension.commands;
    assert.equal(command.id, POLICY_SEARCH_COMMAND, 'the id the bot routes on');
    assert.equal(command.type, 'query');
    assert.equal(command.parameters[0].name, POLICY_SEARCH_PARAMETER);
    assert.ok(command.parameters[0].title && command.parameters[0].description, 'the parameter says what to type');
    assert.equal(extension.messageHandlers, undefined, 'no link handler without POLICY_URL');
  });

  it('adds a link handler for the policy\u2019s host when POLICY_URL is set', async () => {
    const { result, manifest } = await build({ ...localValues(), POLICY_URL: 'https://intranet.council.example/policies/acceptable-use' });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.deepEqual(manifest.composeExtensions[0].messageHandlers, [{ type: 'link', value: { domains: ['intranet.council.example'] } }]);
  });

  it('refuses a POLICY_URL Teams cannot preview, and writes nothing', async () => {
    const { result } = await build({ ...localValues(), POLICY_URL: 'http://intranet.council.example/aup' });
    assert.ok(!result.ok);
    assert.match(result.problems.map((p) => p.message).join('\n'), /POLICY_URL must be an https:\/\/ address/);
  });
});
