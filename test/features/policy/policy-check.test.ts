/**
 * The policy check: the problems it names, and the bot refusing at start a policy that
 * fails it, with the messages `policy:check` prints.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPolicyFiles, checkPolicyText, checkSynonymsText } from '../../../src/features/policy/policy-check.js';
import { loadPolicyIndex, SAMPLE_POLICY_FILE, SAMPLE_SYNONYMS_FILE } from '../../../src/features/policy/policy-source.js';
import { runBotUntilExit } from '../../helpers/bot-process.js';

const BROKEN = ['# Policy', '## Webmail {#webmail}', 'Webmail is blocked.', '## Hotspots {#webmail}', 'No hotspots.', '## Later'].join('\n');

describe('policy check', () => {
  it('passes the sample policy and its synonyms', () => {
    assert.deepEqual(checkPolicyFiles(SAMPLE_POLICY_FILE, SAMPLE_SYNONYMS_FILE).problems, []);
  });

  it('names each problem at its line, in the order of the file', () => {
    const { problems } = checkPolicyText(BROKEN);
    assert.deepEqual(problems, [
      { line: 4, message: 'the id "webmail" is already used on line 2: give each section its own {#id}' },
      { line: 6, message: 'the heading "Later" has no id: add {#later} after it, so links and stored feedback keep pointing at it if the title changes' },
      { line: 6, message: 'the section "Later" has no text: write it or remove the heading' }
    ]);
    assert.deepEqual(checkPolicyText('just text').problems, [{ message: 'has no sections: start each one with a "## Title {#id}" heading' }]);
  });

  it('names a note on an example question that is not closed, which would be read as part of the question', () => {
    const text = ['## Webmail {#webmail}', 'Webmail is blocked.', '### Questions staff ask', '- can i use gmail <!-- check: #help may answer this better', '- why is hotmail blocked <!-- JB -->'].join('\n');
    assert.deepEqual(checkPolicyText(text).problems, [
      { line: 4, message: 'a note on this line is not written as one "<!-- note -->" on the line, so it would be read as part of the question: close it, or delete it' }
    ]);
  });

  it('names the line where a synonym file stops being JSON', () => {
    const { problems } = checkSynonymsText('{\n  "groups": [\n    { "term": "webmail" "words": [] }\n  ]\n}');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /^is not valid JSON/);
  });

  describe('at start', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'policy-check-'));
      await writeFile(path.join(dir, 'broken.md'), BROKEN);
    });
    after(async () => rm(dir, { recursive: true, force: true }));

    it('loading the policy fails with every problem policy:check finds', () => {
      const file = path.join(dir, 'broken.md');
      const expected = checkPolicyFiles(file, SAMPLE_SYNONYMS_FILE).problems;
      assert.equal(expected.length, 3);
      assert.throws(() => loadPolicyIndex({ policyFile: file }), (error: Error) => expected.every((line) => error.message.includes(line)) && /found 3 problems/.test(error.message));
    });

    it('the built bot will not start on a broken policy, and says why', async function () {
      this.timeout(20000);
      const result = await runBotUntilExit({ POLICY_FILE: path.join(dir, 'broken.md'), DATA_DIR: path.join(dir, 'data') });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^Cannot start: policy: the policy check found 3 problems:\n {2}.*broken\.md line 4: the id "webmail" is already used on line 2/m);
      assert.match(result.stderr, /broken\.md line 6: the section "Later" has no text/);
    });
  });
});
