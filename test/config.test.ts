import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, PLACEHOLDER_BOT_ID, readEnvFiles } from '../src/config.js';
import { projectRoot } from '../src/config/paths.js';
import { variablesSchema } from '../src/config/variables.js';

describe('config', () => {
  it('starts on embedded defaults: local mode on loopback, port 3978, ./data', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.bot, undefined);
    assert.match(config.dataDir, /data$/);
    assert.equal(config.timeZone, 'Europe/London');
    assert.equal(config.retentionMonths, 24);
    assert.equal(config.foiSuppressionThreshold, 5);
    assert.match(config.organisationFile, /env\/organisation\.json$/);
  });

  it('reads the FOI settings; a threshold of 0 turns suppression off', () => {
    const config = loadConfig({ FOI_SUPPRESSION_THRESHOLD: '0', ORGANISATION_FILE: '/etc/council/organisation.json' });
    assert.equal(config.foiSuppressionThreshold, 0);
    assert.equal(config.organisationFile, '/etc/council/organisation.json');
  });

  it('listens on every interface with credentials, unless HOST says otherwise', () => {
    const env = { BOT_ID: 'id', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 'tenant' };
    assert.equal(loadConfig(env).host, '0.0.0.0');
    assert.equal(loadConfig({ ...env, HOST: '10.0.0.5' }).host, '10.0.0.5');
    assert.deepEqual(loadConfig(env).bot, { appId: 'id', password: 'pw', tenantId: 'tenant', type: 'SingleTenant' });
  });

  it('points policy answers at the sample and a placeholder link until set; a model only with keys', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.policy.file, undefined);
    assert.match(defaults.policy.url, /^https:\/\/.*set-POLICY_URL/);
    assert.equal(defaults.llm, undefined);
    assert.deepEqual(loadConfig({ OPENAI_API_KEY: 'sk-test' }).llm, { kind: 'openai', apiKey: 'sk-test', model: 'gpt-4o-mini' });
    const azure = { AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt' };
    assert.equal(loadConfig({ ...azure, OPENAI_API_KEY: 'sk-test' }).llm?.kind, 'azure-openai');
    assert.equal(loadConfig({ POLICY_URL: 'https://intranet.example/aup' }).policy.url, 'https://intranet.example/aup');
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ POLICY_URL: 'not a link' }, /POLICY_URL/],
    [{ AZURE_OPENAI_API_KEY: 'k' }, /AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT are required/],
    [{ AZURE_OPENAI_ENDPOINT: 'nope' }, /AZURE_OPENAI_ENDPOINT/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE/],
    [{ RETENTION_MONTHS: '6' }, /RETENTION_MONTHS/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE/],
    [{ RETENTION_PURGE_CRON: 'every day' }, /RETENTION_PURGE_CRON/],
    [{ ALLOWED_TENANT_IDS: 'a tenant with spaces' }, /ALLOWED_TENANT_IDS/],
    [{ BOT_TYPE: 'Anyone' }, /BOT_TYPE/],
    [{ BOT_PASSWORD: 'pw' }, /BOT_PASSWORD is set but BOT_ID is not/],
    [{ BOT_ID: 'id' }, /BOT_TENANT_ID is required/],
    [{ APP_ENV: 'nowhere' }, /env\/\.env\.nowhere/],
    [{ SUMMARY_CRON: 'every monday' }, /SUMMARY_CRON/],
    [{ SUMMARY_TIME_ZONE: 'London' }, /SUMMARY_TIME_ZONE/],
    [{ NOTIFY_MANAGERS: 'sometimes' }, /NOTIFY_MANAGERS/],
    [{ FOI_SUPPRESSION_THRESHOLD: 'five' }, /FOI_SUPPRESSION_THRESHOLD/],
    [{ FOI_SUPPRESSION_THRESHOLD: '-1' }, /FOI_SUPPRESSION_THRESHOLD/]
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message));
    });
  }
});

describe('config: every problem at once', () => {
  it('names every wrong variable in one error: bad values and variables that need each other', () => {
    const env = { PORT: 'eighty', RETENTION_PURGE_CRON: 'every day', BOT_PASSWORD: 'pw', STORE: 'postgres', AZURE_OPENAI_API_KEY: 'k', ADMIN_IDS: 'jo@council.example' };
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const lines = error.message.split('\n').slice(1).map((line) => line.trim().split(/[: ]/)[0]);
        assert.deepEqual(lines.sort(), ['ADMIN_IDS', 'AZURE_OPENAI_API_KEY', 'BOT_PASSWORD', 'DATABASE_URL', 'PORT', 'RETENTION_PURGE_CRON']);
        return true;
      }
    );
  });

  it('leaves out a check between variables when one of them is itself wrong', () => {
    assert.throws(
      () => loadConfig({ AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'nope', AZURE_OPENAI_DEPLOYMENT: 'gpt' }),
      (error: unknown) => error instanceof ConfigError && /AZURE_OPENAI_ENDPOINT: must be the resource URL/.test(error.message) && !/are required too/.test(error.message)
    );
  });

  it('lets a tool override a variable over the environment', () => {
    assert.equal(loadConfig({ STORE: 'lowdb', DATABASE_URL: 'postgres://db/ictbot' }, { STORE: 'postgres' }).store.kind, 'postgres');
  });
});

describe('config: the documented variables', () => {
  const variables = Object.keys(variablesSchema.shape);

  it('lists every variable in the README\u2019s table', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    assert.deepEqual(variables.filter((name) => !readme.includes(`| \`${name}\` |`)), []);
  });

  it('lists every variable in env/.env.example, but APP_ENV, which chooses the file', () => {
    const example = readFileSync(path.join(projectRoot, 'env', '.env.example'), 'utf8');
    assert.deepEqual(variables.filter((name) => name !== 'APP_ENV' && !new RegExp(`^(# )?${name}=`, 'm').test(example)), []);
  });
});

describe('config: paths', () => {
  const cwd = process.cwd();
  let elsewhere: string;
  beforeEach(() => {
    elsewhere = mkdtempSync(path.join(tmpdir(), 'started-here-'));
    process.chdir(elsewhere);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('reads every relative path against the project folder, wherever the bot was started', () => {
    const config = loadConfig({ DATA_DIR: './data', POLICY_FILE: 'policy/acceptable-use.md', POLICY_SYNONYMS_FILE: 'policy/synonyms.json', ORGANISATION_FILE: 'env/organisation.json' });
    assert.equal(config.dataDir, path.join(projectRoot, 'data'));
    assert.equal(config.policy.file, path.join(projectRoot, 'policy', 'acceptable-use.md'));
    assert.equal(config.policy.synonymsFile, path.join(projectRoot, 'policy', 'synonyms.json'));
    assert.equal(config.organisationFile, path.join(projectRoot, 'env', 'organisation.json'));
    assert.equal(loadConfig({}).dataDir, path.join(projectRoot, 'data'), 'the default ./data too');
  });

  it('keeps absolute paths as they are', () => {
    const config = loadConfig({ DATA_DIR: '/srv/ictbot/data', ORGANISATION_FILE: '/etc/council/organisation.json' });
    assert.deepEqual([config.dataDir, config.organisationFile], ['/srv/ictbot/data', '/etc/council/organisation.json']);
  });
});

describe('config: where the data is kept', () => {
  const url = 'postgres://ictbot:s3cret-Pa55@db.council.example:5432/ictbot';

  it('keeps the lowdb files by default', () => {
    assert.deepEqual(loadConfig({}).store, { kind: 'lowdb' });
    assert.deepEqual(loadConfig({ STORE: '' }).store, { kind: 'lowdb' });
    assert.deepEqual(loadConfig({ STORE: 'lowdb' }).store, { kind: 'lowdb' });
    assert.deepEqual(loadConfig({ DATABASE_URL: url }).store, { kind: 'lowdb', databaseUrlIgnored: true }, 'a DATABASE_URL alone does not switch, but the start log says so');
  });

  it('uses PostgreSQL with STORE=postgres: schema public and 10 connections unless set', () => {
    assert.deepEqual(loadConfig({ STORE: 'postgres', DATABASE_URL: url }).store, { kind: 'postgres', url, schema: 'public', poolSize: 10 });
    assert.deepEqual(loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgresql://db/ictbot', DATABASE_SCHEMA: 'ictbot_prod', DATABASE_POOL_SIZE: '25' }).store, {
      kind: 'postgres',
      url: 'postgresql://db/ictbot',
      schema: 'ictbot_prod',
      poolSize: 25
    });
  });

  it('needs DATABASE_URL with STORE=postgres', () => {
    assert.throws(() => loadConfig({ STORE: 'postgres' }), (error: unknown) => error instanceof ConfigError && /DATABASE_URL is required when STORE=postgres/.test(error.message));
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ STORE: 'mysql' }, /STORE: must be lowdb \(the default\) or postgres/],
    [{ STORE: 'postgres', DATABASE_URL: 'mysql://u:s3cret-Pa55@db/ictbot' }, /DATABASE_URL: must be a connection string such as postgres:\/\//],
    [{ DATABASE_SCHEMA: 'ICTBot' }, /DATABASE_SCHEMA: must be a plain schema name/],
    [{ DATABASE_SCHEMA: 'ict bot' }, /DATABASE_SCHEMA: must be a plain schema name/],
    [{ DATABASE_SCHEMA: 'public; DROP SCHEMA public' }, /DATABASE_SCHEMA: must be a plain schema name/],
    [{ DATABASE_SCHEMA: '1bot' }, /DATABASE_SCHEMA: must be a plain schema name/],
    [{ DATABASE_SCHEMA: 'a'.repeat(64) }, /DATABASE_SCHEMA: must be a plain schema name/],
    [{ DATABASE_SCHEMA: 'pg_bot' }, /DATABASE_SCHEMA: must not start with pg_/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE: must be a whole number from 1 to 100/],
    [{ DATABASE_POOL_SIZE: '-3' }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_POOL_SIZE: '2.5' }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_POOL_SIZE: 'ten' }, /DATABASE_POOL_SIZE/]
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('s3cret-Pa55')
      );
    });
  }

  it('accepts a schema name of 63 characters, PostgreSQL\u2019s longest', () => {
    const schema = `b${'a'.repeat(62)}`;
    assert.deepEqual(loadConfig({ STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema }).store, { kind: 'postgres', url, schema, poolSize: 10 });
  });
});

describe('config: manager summaries', () => {
  it('defaults to Mondays at 09:00 in TIME_ZONE, with notifications on', () => {
    const config = loadConfig({ TIME_ZONE: 'Europe/Dublin' });
    assert.deepEqual([config.summaryCron, config.summaryTimeZone, config.notifyManagers], ['0 9 * * 1', 'Europe/Dublin', true]);
    const set = loadConfig({ SUMMARY_CRON: '30 8 * * 5', SUMMARY_TIME_ZONE: 'Europe/London', NOTIFY_MANAGERS: 'off' });
    assert.deepEqual([set.summaryCron, set.summaryTimeZone, set.notifyManagers], ['30 8 * * 5', 'Europe/London', false]);
  });
});

describe('config: role lists', () => {
  it('reads admin and FOI officer ids, lower-cased', () => {
    const config = loadConfig({ ADMIN_IDS: 'AAAAAAAA-0000-0000-0000-000000000001', FOI_OFFICER_IDS: ' aaaaaaaa-0000-0000-0000-000000000002 , aaaaaaaa-0000-0000-0000-000000000003' });
    assert.deepEqual(config.adminIds, ['aaaaaaaa-0000-0000-0000-000000000001']);
    assert.equal(config.foiOfficerIds.length, 2);
  });

  it('refuses something that is not an object id, naming the variable', () => {
    assert.throws(() => loadConfig({ FOI_OFFICER_IDS: 'jo@council.example' }), /FOI_OFFICER_IDS/);
  });
});

describe('config: env files', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'env-files-'));
    mkdirSync(path.join(root, 'env'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads env/.env.<name> with its .user file winning', () => {
    writeFileSync(path.join(root, 'env', '.env.dev'), 'BOT_ID=from-file\nBOT_DOMAIN=bot.council.example\n');
    writeFileSync(path.join(root, 'env', '.env.dev.user'), 'BOT_ID=from-user-file\nBOT_PASSWORD=secret\n');
    assert.deepEqual(readEnvFiles('dev', root), { BOT_ID: 'from-user-file', BOT_DOMAIN: 'bot.council.example', BOT_PASSWORD: 'secret' });
  });

  it('names the missing file and refuses a name that is not a simple word', () => {
    assert.throws(() => readEnvFiles('prod', root), (error: unknown) => error instanceof ConfigError && /env\/\.env\.prod does not exist/.test(error.message));
    assert.throws(() => readEnvFiles('../secrets', root), /simple name/);
  });

  it('refuses to start with the placeholder BOT_ID of env/.env.local', () => {
    assert.throws(
      () => loadConfig({ BOT_ID: PLACEHOLDER_BOT_ID, BOT_TENANT_ID: 'tenant' }),
      (error: unknown) => error instanceof ConfigError && /BOT_ID is the placeholder/.test(error.message)
    );
  });
});
