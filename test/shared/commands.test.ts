import assert from 'node:assert/strict';
import { readFoiDate, readRoleCommand, readSummaryPeriod } from '../../src/shared/command-arguments.js';
import { matchCommand } from '../../src/shared/commands.js';

const OBJECT_ID = '00000000-0000-0000-0000-0000000000e1';

describe('command matching: the whole message is the command', () => {
  const cases: Array<[string, string | undefined]> = [
    ['report device problem', 'report-device-problem'],
    ['Device complaint', 'report-device-problem'],
    ['report devise problem', 'report-device-problem'],
    ['report number sharing', 'report-number-sharing'],
    ['My reports', 'my-reports'],
    ['profle', 'profile'],
    ['policy gaps', 'policy-gaps'],
    ['summary', 'summary'],
    ['summary month', 'summary'],
    ['summary 30 days', 'summary'],
    ['summary 6 weeks', 'summary'],
    ['Summary for the last 6 weeks.', 'summary'],
    ['weekly summary', 'summary'],
    ['foi', 'foi'],
    ['foi 2020-02-11', 'foi'],
    ['foi figures 2020-02-11', 'foi'],
    ['role', 'role'],
    ['role list', 'role'],
    ['list roles', 'role'],
    [`role add foi-officer ${OBJECT_ID}`, 'role'],
    // Questions that start with a command's words are questions.
    ['summary of the social media rules', undefined],
    ['foi rules for my team', undefined],
    ['help me understand tethering', undefined],
    ['role of my manager in approving software', undefined],
    ['profile pictures on social media', undefined],
    ['can I use my work laptop at home?', undefined],
    ['is hotmail allowed', undefined],
    ['hi there, can I use facebook at work?', undefined]
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" -> ${expected ?? 'a question'}`, () => {
      assert.equal(matchCommand(text)?.command.name, expected);
    });
  }

  it('gives the handler what the command\u2019s grammar read', () => {
    assert.deepEqual(matchCommand('foi 2020-02-11')?.argument, { kind: 'date', date: '2020-02-11' });
    assert.deepEqual(matchCommand('foi figures 2020-02-11')?.argument, { kind: 'date', date: '2020-02-11' });
    assert.deepEqual(matchCommand('summary 6 weeks')?.argument, { kind: 'days', days: 42 });
    assert.deepEqual(matchCommand('sumary')?.argument, { kind: 'days', days: 7 }, 'a typo of the bare command gets its default');
    assert.deepEqual(matchCommand(`Role remove FOI officer ${OBJECT_ID.toUpperCase()}`)?.argument, { action: 'remove', role: 'foi-officer', aadObjectId: OBJECT_ID });
    assert.equal(matchCommand('my reports')?.argument, undefined);
  });

  it('keeps a command whose argument is in its shape but wrong, so the person is told what it takes', () => {
    assert.deepEqual(matchCommand('summary 500 days')?.argument, { kind: 'out-of-range' });
    assert.deepEqual(matchCommand('foi 11/02/2020')?.argument, { kind: 'not-a-date' });
    assert.deepEqual(matchCommand('foi 2020-02-30')?.argument, { kind: 'not-a-date' });
    assert.deepEqual(matchCommand('role add boss someone')?.argument, { action: 'usage' });
  });

  it('takes no argument after a command that has none', () => {
    assert.equal(matchCommand('my reports please'), undefined);
    assert.equal(matchCommand('policy gaps in the social media section'), undefined);
  });
});

describe('command arguments', () => {
  it('summary: nothing, a named period or N days, weeks, months or years', () => {
    assert.deepEqual(readSummaryPeriod(''), { kind: 'days', days: 7 });
    assert.deepEqual(readSummaryPeriod('month'), { kind: 'days', days: 30 });
    assert.deepEqual(readSummaryPeriod('30 days'), { kind: 'days', days: 30 });
    assert.deepEqual(readSummaryPeriod('the last 6 weeks'), { kind: 'days', days: 42 });
    assert.deepEqual(readSummaryPeriod('quarter'), { kind: 'days', days: 91 });
    assert.deepEqual(readSummaryPeriod('1 year'), { kind: 'days', days: 365 });
    assert.deepEqual(readSummaryPeriod('500 days'), { kind: 'out-of-range' });
    assert.deepEqual(readSummaryPeriod('0 days'), { kind: 'out-of-range' });
    assert.equal(readSummaryPeriod('banana'), undefined);
    assert.equal(readSummaryPeriod('of the social media rules'), undefined);
  });

  it('foi: nothing, a calendar date, or something written like a date', () => {
    assert.deepEqual(readFoiDate(''), { kind: 'today' });
    assert.deepEqual(readFoiDate(' 2020-02-11 '), { kind: 'date', date: '2020-02-11' });
    assert.deepEqual(readFoiDate('2019-02-29'), { kind: 'not-a-date' });
    assert.deepEqual(readFoiDate('11.02.2020'), { kind: 'not-a-date' });
    assert.equal(readFoiDate('rules for my team'), undefined);
    assert.equal(readFoiDate('2020'), undefined);
  });

  it('role: list, add or remove with a role and an object id', () => {
    assert.deepEqual(readRoleCommand(''), { action: 'list' });
    assert.deepEqual(readRoleCommand('list'), { action: 'list' });
    assert.deepEqual(readRoleCommand(`add foi-officer ${OBJECT_ID}`), { action: 'add', role: 'foi-officer', aadObjectId: OBJECT_ID });
    assert.deepEqual(readRoleCommand(`remove admin ${OBJECT_ID}`), { action: 'remove', role: 'admin', aadObjectId: OBJECT_ID });
    assert.deepEqual(readRoleCommand('add boss 123'), { action: 'usage' });
    assert.deepEqual(readRoleCommand('add'), { action: 'usage' });
    assert.equal(readRoleCommand('of managers in the ICT policy'), undefined);
  });
});
