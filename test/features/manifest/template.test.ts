import assert from 'node:assert/strict';
import { fillPlaceholders } from '../../../src/features/manifest/template.js';

describe('manifest template placeholders', () => {
  it('fills ${{NAME}} inside strings, at any depth, keeping the rest of the string', () => {
    const template = { id: '${{TEAMS_APP_ID}}', name: { short: 'Helper ${{ SUFFIX }}' }, bots: [{ botId: '${{BOT_ID}}' }], n: 3 };
    const { manifest, missing, filledFrom } = fillPlaceholders(template, { TEAMS_APP_ID: 'app', SUFFIX: 'dev', BOT_ID: 'bot' });
    assert.deepEqual(manifest, { id: 'app', name: { short: 'Helper dev' }, bots: [{ botId: 'bot' }], n: 3 });
    assert.deepEqual(missing, []);
    assert.deepEqual([...filledFrom], [['/id', ['TEAMS_APP_ID']], ['/name/short', ['SUFFIX']], ['/bots/0/botId', ['BOT_ID']]]);
  });

  it('names each unset or blank value with every place it is used', () => {
    const template = { id: '${{TEAMS_APP_ID}}', bots: [{ botId: '${{BOT_ID}}' }], validDomains: ['${{BOT_ID}}'] };
    const { manifest, missing } = fillPlaceholders(template, { TEAMS_APP_ID: '  ' });
    assert.deepEqual(missing, [
      { name: 'TEAMS_APP_ID', paths: ['/id'] },
      { name: 'BOT_ID', paths: ['/bots/0/botId', '/validDomains/0'] }
    ]);
    assert.equal((manifest as { id: string }).id, '${{TEAMS_APP_ID}}');
  });

  it('puts a value with quotes and braces in as text, so it cannot change the JSON', () => {
    const { manifest } = fillPlaceholders({ developer: { name: '${{COUNCIL_NAME}}' } }, { COUNCIL_NAME: 'A "quoted" }, council' });
    assert.deepEqual(JSON.parse(JSON.stringify(manifest)), { developer: { name: 'A "quoted" }, council' } });
  });
});
