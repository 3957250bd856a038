import assert from 'node:assert/strict';
import { AppManifestUtils } from '@microsoft/app-manifest';
import sinon from 'sinon';
import { bundledSchemaFor, parseSchemaError, validateAgainstBundledSchema } from '../../../src/features/manifest/schema.js';
import { filledManifest } from './fixtures.js';

describe('manifest schema validation (offline, bundled schema)', () => {
  let fetchSchema: sinon.SinonStub;
  beforeEach(() => {
    // Validation must never download a schema: make any attempt fail loudly.
    fetchSchema = sinon.stub(AppManifestUtils, 'fetchSchema').rejects(new Error('network used'));
  });
  afterEach(() => sinon.restore());

  it('accepts the committed template filled with env/.env.local, on a v1.19-or-newer schema', async () => {
    const manifest = await filledManifest();
    const result = await validateAgainstBundledSchema(manifest);
    assert.deepEqual(result.problems, []);
    assert.equal(result.version, manifest.manifestVersion);
    assert.ok(Number(result.version?.split('.')[1]) >= 19, `schema v${result.version} is older than 1.19`);
    assert.equal(fetchSchema.called, false);
  });

  it('names a missing required field by its path', async () => {
    const manifest = await filledManifest();
    delete manifest.developer.privacyUrl;
    delete manifest.description;
    const { problems } = await validateAgainstBundledSchema(manifest);
    assert.deepEqual(problems.map((p) => p.path).sort(), ['/description', '/developer/privacyUrl']);
    assert.ok(problems.every((p) => p.message === 'is required'));
  });

  it('names a bad accent colour and a bad bot scope by their paths', async () => {
    const manifest = await filledManifest();
    manifest.accentColor = 'council blue';
    manifest.bots[0].scopes = ['personal', 'meeting'];
    const { problems } = await validateAgainstBundledSchema(manifest);
    assert.deepEqual(problems, [
      { path: '/accentColor', message: 'must be a colour written like #1D4F91' },
      { path: '/bots/0/scopes/1', message: 'must be one of "team", "personal", "groupChat", "copilot"' }
    ]);
  });

  it('names a property the schema does not know', async () => {
    const manifest = await filledManifest();
    manifest.bots[0].supportFiles = true;
    const { problems } = await validateAgainstBundledSchema(manifest);
    assert.deepEqual(problems.map((p) => p.path), ['/bots/0/supportFiles']);
  });

  it('refuses a manifestVersion that differs from the $schema version', async () => {
    const manifest = await filledManifest();
    manifest.manifestVersion = '1.17';
    const found = bundledSchemaFor(manifest);
    assert.ok(!('schema' in found));
    assert.equal(found.path, '/manifestVersion');
  });

  it('refuses a schema the package does not bundle, or one from elsewhere, without fetching it', async () => {
    const manifest = await filledManifest();
    manifest.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.99/MicrosoftTeams.schema.json';
    manifest.manifestVersion = '1.99';
    const unbundled = await validateAgainstBundledSchema(manifest);
    assert.equal(unbundled.problems[0].path, '/$schema');
    assert.match(unbundled.problems[0].message, /v1\.99 is not bundled/);
    manifest.$schema = 'https://schemas.example/teams.json';
    const elsewhere = await validateAgainstBundledSchema(manifest);
    assert.equal(elsewhere.problems[0].path, '/$schema');
    assert.equal(fetchSchema.called, false);
  });

  it('reads the library error lines into a path and a message', () => {
    assert.deepEqual(parseSchemaError(' must have required property \'id\'. Details: {"missingProperty":"id"}'), { path: '/id', message: 'is required' });
    assert.deepEqual(parseSchemaError('/version must match pattern "x". Details: {"pattern":"x"}'), { path: '/version', message: 'must match pattern "x"' });
    assert.deepEqual(parseSchemaError('/id must match pattern "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$". Details: {"pattern":"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"}'), {
      path: '/id',
      message: 'must be a GUID such as 6d0c7a2e-5b1f-4c3a-9e8d-2f4b6a1c0e57'
    });
  });
});
