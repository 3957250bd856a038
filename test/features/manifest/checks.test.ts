import assert from 'node:assert/strict';
import { formatProblems, commandListProblems, iconFiles } from '../../../src/features/manifest/checks.js';
import { COMMANDS, matchCommand } from '../../../src/shared/commands.js';
import { filledManifest, type Json } from './fixtures.js';

describe('manifest command lists stay in step with the bot', () => {
  it('lists only commands the bot understands, each under its own title and description', async () => {
    const manifest = await filledManifest();
    const lists = manifest.bots[0].commandLists as Json[];
    for (const list of lists) {
      assert.ok(list.commands.length <= 10, 'Teams allows at most 10 commands per list');
      for (const listed of list.commands as Json[]) {
        const command = matchCommand(listed.title)?.command;
        assert.ok(command, `"${listed.title}" is not understood by matchCommand`);
        assert.equal(listed.title, command.title);
        assert.equal(listed.description, command.description);
        assert.ok(listed.title.length <= 32 && listed.description.length <= 128);
      }
    }
    assert.deepEqual(commandListProblems(manifest, COMMANDS), []);
  });

  it('offers every command in the personal list, staff commands included', async () => {
    const manifest = await filledManifest();
    const personal = (manifest.bots[0].commandLists as Json[]).find((list) => list.scopes.includes('personal'));
    const titles = (personal?.commands as Json[]).map((c) => c.title);
    for (const staff of ['help', 'profile', 'report device problem', 'report number sharing', 'my reports']) {
      assert.ok(titles.includes(staff), `personal list lacks "${staff}"`);
    }
    assert.deepEqual([...titles].sort(), COMMANDS.map((c) => c.title).sort());
  });

  it('reports a command the bot does not know, a changed description and an unlisted command', async () => {
    const manifest = await filledManifest();
    const personal = manifest.bots[0].commandLists[0];
    personal.commands[0] = { title: 'delete my data', description: 'Gone' };
    personal.commands[1].description = 'Something else';
    const problems = commandListProblems(manifest, COMMANDS);
    assert.deepEqual(problems, [
      { path: '/bots/0/commandLists/0/commands/0/title', message: '"delete my data" is not a command the bot understands (see src/shared/commands.ts)' },
      { path: '/bots/0/commandLists/0/commands/1/description', message: `must be the description in src/shared/commands.ts: "${COMMANDS[1].description}"` },
      { path: '/bots/0/commandLists/0/commands', message: 'does not list the "help" command' }
    ]);
  });

  it('holds titles and descriptions to what Teams shows', async () => {
    const manifest = await filledManifest();
    const long = { ...COMMANDS[0], title: 'help '.repeat(8).trim(), variants: ['help '.repeat(8).trim()] };
    manifest.bots[0].commandLists[0].commands[0].title = long.title;
    const problems = commandListProblems(manifest, [long, ...COMMANDS.slice(1)]);
    assert.ok(problems.some((p) => p.path === '/bots/0/commandLists/0/commands/0/title' && /32 characters/.test(p.message)));
  });

  it('needs a personal command list', async () => {
    const manifest = await filledManifest();
    manifest.bots[0].commandLists = manifest.bots[0].commandLists.slice(1);
    assert.deepEqual(commandListProblems(manifest, COMMANDS), [
      { path: '/bots/0/commandLists', message: 'needs a list for the personal scope, where staff use the bot' }
    ]);
  });
});

describe('manifest addresses and icon names', () => {
  it('accepts the local values', async () => {
    const manifest = await filledManifest();
    assert.deepEqual(formatProblems(manifest), []);
    assert.deepEqual(iconFiles(manifest), { color: 'color.png', outline: 'outline.png', problems: [] });
  });

  it('wants https links and bare host names', async () => {
    const manifest = await filledManifest();
    manifest.developer.termsOfUseUrl = 'http://council.example/terms';
    manifest.validDomains = ['https://bot.council.example/api/messages', 'bot.council.example', '*.council.example'];
    assert.deepEqual(
      formatProblems(manifest).map((p) => p.path),
      ['/developer/termsOfUseUrl', '/validDomains/0']
    );
  });

  it('wants icons as file names beside the manifest', async () => {
    const manifest = await filledManifest();
    manifest.icons = { color: '../secrets/color.png', outline: 'outline.png' };
    assert.deepEqual(iconFiles(manifest).problems.map((p) => p.path), ['/icons/color']);
  });
});
