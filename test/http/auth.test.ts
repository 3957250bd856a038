/**
 * Token checks with credentials configured, without the network: the Bot Framework OpenID
 * metadata and signing keys are served by nock from a key pair made here, and every other
 * outbound connection is refused while these tests run.
 */
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import nock from 'nock';
import sinon from 'sinon';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../helpers/server.js';

// Importing nock switches interception on for every test file; only these tests want it.
nock.restore();

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'council-tenant';
/** What botframework-connector fetches (AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl). */
const METADATA_HOST = 'https://login.botframework.com';
const METADATA_PATH = '/v1/.well-known/openidconfiguration';
const KEYS_PATH = '/v1/.well-known/keys';
const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'test-signing-key';

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A signed RS256 JWT, as the Bot Connector service sends in `Authorization`. */
function token(claims: Record<string, unknown>, key: KeyObject = signingKey.privateKey): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KEY_ID }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key);
  return `${header}.${payload}.${base64url(signature)}`;
}

function claims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

const PROFILE = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: 'laptop' };

describe('authentication with BOT_ID set (Bot Framework tokens)', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;
  let metadataFetches = 0;

  let consoleError: sinon.SinonStub;

  before(() => {
    // botbuilder's adapter prints every refused token to the console; keep the test output readable.
    consoleError = sinon.stub(console, 'error');
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    const jwk = signingKey.publicKey.export({ format: 'jwk' });
    nock(METADATA_HOST)
      .persist()
      .get(METADATA_PATH)
      .reply(() => {
        metadataFetches++;
        return [200, { issuer: ISSUER, jwks_uri: `${METADATA_HOST}${KEYS_PATH}`, id_token_signing_alg_values_supported: ['RS256'] }];
      })
      .get(KEYS_PATH)
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
  });
  after(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
    consoleError.restore();
  });

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startBot({ env: { BOT_ID: APP_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: TENANT } });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  /** A profile save from the council's tenant, with the given Authorization header. */
  function saveProfile(authorization?: string) {
    const activity = { ...teamsExecute(serviceUrl, 'profile.save', PROFILE), channelData: { tenant: { id: TENANT } } };
    return bot.post(activity, authorization === undefined ? {} : { authorization });
  }

  async function assertRefused(response: { status: number; body: unknown }) {
    assert.equal(response.status, 401);
    assert.doesNotMatch(JSON.stringify(response.body ?? ''), /at .*\.js|Invalid AppId|jwt/i, 'the reason stays in the server');
    assert.equal((await bot.store.status()).counts.profiles, 0, 'nothing stored');
    assert.equal(connector.requests.length, 0, 'nothing sent');
  }

  it('accepts a valid token: 200 and the profile is stored', async () => {
    const response = await saveProfile(`Bearer ${token(claims(serviceUrl))}`);
    assert.equal(response.status, 200);
    assert.equal((await bot.store.status()).counts.profiles, 1);
    assert.ok(metadataFetches >= 1, 'the keys came from the intercepted metadata');
  });

  it('refuses a request with no token', async () => {
    await assertRefused(await saveProfile());
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await assertRefused(await saveProfile(`Bearer ${token(claims(serviceUrl, { nbf: past - 3600, iat: past - 3600, exp: past }))}`));
  });

  it('refuses a token signed with another key', async () => {
    await assertRefused(await saveProfile(`Bearer ${token(claims(serviceUrl), otherKey.privateKey)}`));
  });

  it('refuses a header that is not a token at all', async () => {
    await assertRefused(await saveProfile('Bearer not-a-token'));
    await assertRefused(await saveProfile(`Bearer ${token(claims(serviceUrl)).split('.').slice(0, 2).join('.')}.`));
  });

  it('refuses a token for another bot (wrong audience)', async () => {
    await assertRefused(await saveProfile(`Bearer ${token(claims(serviceUrl, { aud: '99999999-2222-3333-4444-555555555555' }))}`));
  });

  it('refuses a token from another issuer', async () => {
    await assertRefused(await saveProfile(`Bearer ${token(claims(serviceUrl, { iss: 'https://evil.example' }))}`));
  });

  it('refuses a token replayed against another service URL', async () => {
    await assertRefused(await saveProfile(`Bearer ${token(claims('https://smba.trafficmanager.net/emea/'))}`));
  });

  it('refuses a message with a bad token and sends nothing back', async () => {
    const message = { ...teamsMessage(serviceUrl, 'hello'), channelData: { tenant: { id: TENANT } } };
    const response = await bot.post(message, { authorization: `Bearer ${token(claims(serviceUrl), otherKey.privateKey)}` });
    assert.equal(response.status, 401);
    assert.equal(connector.requests.length, 0);
  });
});
