/**
 * A second council's policy, from Word: the .docx is built here from
 * test/fixtures/council-policy.ts, imported, and must match test/fixtures/council-policy.md
 * (what `npm run eval` reads), which passes the policy check. Retrieval on it uses the
 * sample's code, thresholds and synonyms unchanged; `npm run eval` prints the figures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/config/paths.js';
import { evaluate, evaluationFixtureSchema, prepareSet } from '../../../src/features/policy/evaluation.js';
import { importReport, importWordPolicy } from '../../../src/features/policy/import/import-policy.js';
import { checkPolicyText } from '../../../src/features/policy/policy-check.js';
import { loadPolicyIndex } from '../../../src/features/policy/policy-source.js';
import { COUNCIL_POLICY_DOCUMENT } from '../../fixtures/council-policy.js';
import { wordDocument } from '../../helpers/word-document.js';

const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);

describe('a second policy, imported from Word', () => {
  it('imports to the committed Markdown, which passes the policy check', async () => {
    const result = await importWordPolicy(await wordDocument(COUNCIL_POLICY_DOCUMENT), { sourceName: 'council-policy.docx' });
    assert.equal(result.markdown, readFileSync(fixture('council-policy.md'), 'utf8'), 'test/fixtures/council-policy.md is the import of test/fixtures/council-policy.ts; import it again when the document changes');
    assert.deepEqual(checkPolicyText(result.markdown).problems, []);
    const report = importReport(result, 'council-policy.docx', 'policy/council.md');
    assert.match(report, /^18 sections at heading level 2 \(chosen; level 1 would give 6\):$/m);
    assert.match(report, /1 image left out/);
    assert.match(report, /1 comment left out/);
    assert.doesNotMatch(result.markdown, /Add the IG phone number/);
  });

  it('every question of its set has its section among the three closest, and few are answered from the wrong one', () => {
    const index = loadPolicyIndex({ policyFile: fixture('council-policy.md') });
    const questions = evaluationFixtureSchema.parse(JSON.parse(readFileSync(fixture('council-policy-eval.json'), 'utf8')));
    const sectionIds = new Set(index.document.sections.map((s) => s.id));
    for (const q of questions.inScope) assert.ok(sectionIds.has(q.sectionId), `${q.sectionId} is a section`);
    const result = evaluate(prepareSet(index, questions));
    assert.ok(result.top3 >= 0.9, `top-3 ${result.top3}`);
    assert.ok(result.wrongSection <= 0.05, `wrong ${result.wrongSection}`);
    assert.equal(result.rejected, 1, 'every out-of-scope question declined');
  });
});
