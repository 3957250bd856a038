/**
 * A second council's policy, from Word: the .docx is built here from
 * test/fixtures/council-policy.ts, imported, and must match test/fixtures/council-policy.md
 * (what `npm run eval` reads), which passes the policy check. Retrieval on it uses the
 * sample's code, thresholds and synonyms unchanged; `npm run eval` prints the figures.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../src/config/paths.js';
import { evaluate, evaluationFixtureSchema, prepareSet } from '../../../src/features/policy/evaluation.js';
import { importReport, importWordPolicy } from '../../../src/features/policy/import/import-policy.js';
import { CHECK_MARGIN } from '../../../src/features/policy/import/suggested-questions.js';
import { combine } from '../../../src/features/policy/verdict.js';
import { checkPolicyText } from '../../../src/features/policy/policy-check.js';
import { parsePolicy } from '../../../src/features/policy/policy-document.js';
import { loadPolicyIndex } from '../../../src/features/policy/policy-source.js';
import { COUNCIL_POLICY_DOCUMENT } from '../../fixtures/council-policy.js';
import { THIRD_POLICY_DOCUMENT } from '../../fixtures/council-policy-3.js';
import { FOURTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-4.js';
import { FIFTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-5.js';
import { SIXTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-6.js';
import { SEVENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-7.js';
import { EIGHTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-8.js';
import { NINTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-9.js';
import { TENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-10.js';
import { ELEVENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-11.js';
import { TWELFTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-12.js';
import { THIRTEENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-13.js';
import { FOURTEENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-14.js';
import { FIFTEENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-15.js';
import { SIXTEENTH_POLICY_DOCUMENT } from '../../fixtures/council-policy-16.js';
import { wordDocument } from '../../helpers/word-document.js';
import { cardOf, cardText, createTestBot } from '../../helpers/bot.js';
import { SAMPLE_POLICY_FILE } from '../../../src/features/policy/policy-source.js';

const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);

describe('a second policy, imported from Word', () => {
  it('imports to the committed Markdown, which passes the policy check', async () => {
    const result = await importWordPolicy(await wordDocument(COUNCIL_POLICY_DOCUMENT), { sourceName: 'council-policy.docx', questionsFrom: { index: loadPolicyIndex(), name: 'the sample policy' } });
    assert.equal(result.markdown, readFileSync(fixture('council-policy.md'), 'utf8'), 'test/fixtures/council-policy.md is the import of test/fixtures/council-policy.ts; import it again when the document changes');
    assert.deepEqual(checkPolicyText(result.markdown).problems, []);
    const report = importReport(result, 'council-policy.docx', 'policy/council.md');
    assert.match(report, /^18 sections at heading level 2 \(chosen; level 1 would give 6\):$/m);
    assert.match(report, /1 image left out/);
    assert.match(report, /1 comment left out/);
    assert.doesNotMatch(result.markdown, /Add the IG phone number/);
    // The sample's questions go to the sections that cover the same ground, each question lent once.
    assert.match(report, /^Example questions suggested from the sample policy for 18 sections /m);
    assert.match(report, /^ {2}private-use-outside-working-hours +<- "Personal use in non-working time" \(\d+\)(,|;|$)/m);
    assert.match(report, /^ {2}help-and-advice +<- "Where to get help" \(\d+\)(,|;|$)/m);
    assert.match(report, /^ {2}connecting-a-laptop-through-a-mobile-phone +<- "Tethering and mobile hotspots" \(\d+\)(,|;|$)/m);
    const lent = result.suggested.flatMap((s) => s.questions);
    assert.equal(new Set(lent).size, lent.length);
    // The sample keeps social media in one section, this policy splits it: its official accounts get the questions about them.
    const socialMedia = (id: string) => result.suggested.find((s) => s.sectionId === id)!;
    assert.equal(socialMedia('official-council-accounts').from[0].title, 'Social media');
    assert.equal(socialMedia('personal-social-media-accounts').from[0].title, 'Social media');
    assert.ok(socialMedia('official-council-accounts').questions.includes('how do i get access to run our teams official instagram page'));
    assert.ok(socialMedia('personal-social-media-accounts').questions.includes('can i have a moan about my job on fb'));
    // A lent question another section's own text answers clearly better is marked for the policy owner, with that section.
    const marked = [...result.markdown.matchAll(/^- (.+) <!-- check: #(\S+) may answer this better -->$/gm)].map(([, question, better]) => ({ question, better }));
    const toCheck = result.suggested.reduce((n, s) => n + s.toCheck.size, 0);
    assert.ok(marked.length > 0 && marked.length === toCheck, `${marked.length} marked, ${toCheck} to check`);
    assert.match(report, new RegExp(`^ {2}${toCheck} of them are marked "check" in the file, each naming the section whose own text answers it better`, 'm'));
    const owner = (question: string) => result.suggested.find((s) => s.questions.includes(question))!.sectionId;
    const ownText = await loadPolicyIndex().textIndex({ title: '', sections: result.sections });
    for (const { question, better } of marked.slice(0, 5)) {
      const score = new Map((await ownText.signals(question)).map((label) => [label.id, combine(label.signals)]));
      assert.ok((score.get(better) ?? 0) - (score.get(owner(question)) ?? 0) > CHECK_MARGIN, `${question}: #${better} against #${owner(question)}`);
    }
    assert.ok(parsePolicy(result.markdown).sections.every((s) => s.questions.every((q) => !q.includes('<!--'))), 'the marks are not part of the questions');
    // Imported again before the review is done, every question stays with its notes, so the review goes on where it stopped.
    const again = await importWordPolicy(await wordDocument(COUNCIL_POLICY_DOCUMENT), { sourceName: 'council-policy.docx', questionsFrom: { index: loadPolicyIndex(), name: 'the sample policy' }, previousMarkdown: result.markdown });
    assert.deepEqual(again.suggested, []);
    assert.equal(again.changes?.keptQuestions, lent.length);
    assert.equal(again.markdown, result.markdown);
    assert.match(importReport(again, 'council-policy.docx', 'policy/council.md'), new RegExp(`^ {2}${lent.length} example questions kept from the previous file, ${toCheck} of them still marked "check"$`, 'm'));
  });

  it('every question of its set has its section among the three closest, and few are answered from the wrong one', async () => {
    const index = loadPolicyIndex({ policyFile: fixture('council-policy.md') });
    const questions = evaluationFixtureSchema.parse(JSON.parse(readFileSync(fixture('council-policy-eval.json'), 'utf8')));
    const sectionIds = new Set(index.document.sections.map((s) => s.id));
    for (const q of questions.inScope) assert.ok(sectionIds.has(q.sectionId), `${q.sectionId} is a section`);
    const result = evaluate(await prepareSet(index, questions));
    assert.ok(result.top3 >= 0.99, `top-3 ${result.top3}`);
    assert.ok(result.top1 >= 0.93, `top-1 ${result.top1}: questions suggested from the sample, and sections without any standing their own text in for them`);
    assert.ok(result.wrongSection <= 0.05, `wrong ${result.wrongSection}`);
    assert.equal(result.rejected, 1, 'every out-of-scope question declined');
  });

  it('goes into a running bot with "policy reload" and answers from it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'council-policy-'));
    try {
      const file = path.join(dir, 'policy.md');
      await copyFile(SAMPLE_POLICY_FILE, file);
      const admin = { id: '29:admin', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-0000000000ad' };
      const bot = await createTestBot({ env: { POLICY_FILE: file, ADMIN_IDS: admin.aadObjectId, POLICY_URL: 'https://intranet.example/ict-policy' } });
      const question = 'can I use my phone as a hotspot for my work laptop';
      assert.doesNotMatch(cardText(cardOf((await bot.say(question)).replies[0])), /Council-issued mobile phone/);
      await copyFile(fixture('council-policy.md'), file);
      const { replies } = await bot.say('policy reload', { from: admin });
      assert.match(String(replies[0].text), /^Policy reloaded: 18 sections/);
      const answer = cardOf((await bot.say(question)).replies[0]);
      assert.match(cardText(answer), /personal hotspot \(tethering\) of a Council-issued mobile phone/);
      assert.match(JSON.stringify(answer), /https:\/\/intranet\.example\/ict-policy#connecting-a-laptop-through-a-mobile-phone/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Twelve more councils' policies, each with its questions written from the headings and the
 * source documents before any change was judged on it: a staff code with fewer, broader
 * sections, a plain-English policy whose headings are put as staff think of them, a
 * district council's policy of eleven wide sections with numbered clauses, a
 * metropolitan council's policy in lettered parts with twenty narrow sections, a county
 * council's standard of eighteen numbered sections, some split by numbered sub-headings, a
 * unitary council's policy in five parts, each opening with a line on what it covers, and a
 * district council's staff code of nineteen sections headed in its own voice, without numbers,
 * a Welsh county council's policy in ten numbered parts of numbered clauses, a London
 * borough's in eight themes of sub-headings written as plain statements, a Scottish
 * council's in eleven broad sections, each taking in several of the sample's subjects, an
 * English county council's in seventeen numbered sections, three split by sub-headings, a
 * metropolitan borough's in lettered sections after a long introduction naming every subject, a
 * district council's in ten numbered parts close to the sample's subjects, and a unitary
 * council's arranged by whom its rules are for, its rules for everyone headed as staff's questions.
 */
const MORE_POLICIES = [
  {
    name: 'third', document: THIRD_POLICY_DOCUMENT, file: 'council-policy-3', level: /^13 sections at heading level 1 \(chosen; level 2 would give 14\):$/m, lent: 13,
    // Its section on personal use takes the sample's, though the sample's is also the closest to another of its sections.
    pairing: /^ {2}personal-use-of-council-technology +<- "Personal use in non-working time" \(\d+\)(,|;|$)/m,
    floors: { top1: 0.86, top3: 0.96, onCard: 0.9, wrong: 0.1, rejected: 1 }
  },
  {
    name: 'fourth', document: FOURTH_POLICY_DOCUMENT, file: 'council-policy-4', level: /^15 sections at heading level 2 \(chosen; level 1 would give 6\):$/m, lent: 15,
    pairing: /^ {2}online-banking-and-shopping +<- "Online banking, shopping and personal losses" \(\d+\)(,|;|$)/m,
    floors: { top1: 0.81, top3: 0.98, onCard: 0.93, wrong: 0.17, rejected: 1 }
  },
  {
    name: 'fifth', document: FIFTH_POLICY_DOCUMENT, file: 'council-policy-5', level: /^11 sections at heading level 1 \(chosen; level 2 would give 12\):$/m, lent: 11,
    pairing: /^ {2}email-and-webmail +<- "Webmail \(Gmail, Hotmail, Yahoo\)" \(\d+\)(,|;|$)/m,
    floors: { top1: 0.85, top3: 0.96, onCard: 0.96, wrong: 0.15, rejected: 1 }
  },
  {
    name: 'sixth', document: SIXTH_POLICY_DOCUMENT, file: 'council-policy-6', level: /^20 sections at heading level 2 \(chosen; level 1 would give 5\):$/m, lent: 20,
    // Its section on staff's own phones takes the sample's on personal numbers, though the sample's on council devices is closer to it: another section needs that one more.
    pairing: /^ {2}your-own-phone-your-own-number +<- "Sharing your personal phone number for work" \(\d+\)(,|;|$)/m,
    floors: { top1: 0.82, top3: 0.95, onCard: 0.92, wrong: 0.18, rejected: 1 }
  },
  {
    name: 'seventh', document: SEVENTH_POLICY_DOCUMENT, file: 'council-policy-7', level: /^23 sections at heading level 2 \(chosen; level 1 would give 18\):$/m, lent: 23,
    // Its sections split at level 2 where a numbered section has sub-headings, so social media in your own name takes the sample's social media questions.
    pairing: /^ {2}posting-in-a-private-capacity +<- "Social media" \(\d+\)(,|;|$)/m,
    // Well short of the others.
    floors: { top1: 0.69, top3: 0.82, onCard: 0.77, wrong: 0.26, rejected: 0.93 }
  },
  {
    name: 'eighth', document: EIGHTH_POLICY_DOCUMENT, file: 'council-policy-8', level: /^23 sections at heading level 2 \(chosen; level 1 would give 5\):$/m, lent: 23,
    pairing: /^ {2}private-email-services-on-council-equipment +<- "Webmail \(Gmail, Hotmail, Yahoo\)" \(\d+\)(,|;|$)/m,
    // Measured once with nothing changed (60.5% top-1, 34.6% wrong), then to judge leaving out its parts' opening lines and how lent questions are paired (72.8%, 23.5%).
    floors: { top1: 0.72, top3: 0.9, onCard: 0.86, wrong: 0.24, rejected: 1 }
  },
  {
    name: 'ninth', document: NINTH_POLICY_DOCUMENT, file: 'council-policy-9', level: /^19 sections at heading level 1 \(chosen; level 2 would give 25\):$/m, lent: 19,
    pairing: /^ {2}who-does-this-code-cover +<- "Purpose and who this policy applies to" \(\d+\)(,|;|$)/m,
    // Measured once, with nothing changed for it; then again, not judged on, after each change to the label classifier and to lending.
    floors: { top1: 0.74, top3: 0.89, onCard: 0.87, wrong: 0.26, rejected: 1 }
  },
  {
    name: 'tenth', document: TENTH_POLICY_DOCUMENT, file: 'council-policy-10', level: /^28 sections at heading level 2 \(chosen; level 1 would give 11\):$/m, lent: 28,
    // Its clause on reporting a data breach has no sample section of its own: it shares the sample's data protection questions with the clause on governance.
    pairing: /^ {2}reporting-a-data-breach-or-security-incident +<- "Information governance and GDPR" \(\d+\)(,|;|$)/m,
    // Measured once with nothing changed (65.0% top-1, 30.0% wrong), then to judge sharing a sample section's questions (72.5%, 21.3%).
    floors: { top1: 0.72, top3: 0.84, onCard: 0.82, wrong: 0.23, rejected: 1 }
  },
  {
    name: 'eleventh', document: ELEVENTH_POLICY_DOCUMENT, file: 'council-policy-11', level: /^28 sections at heading level 2 \(chosen; level 1 would give 8\):$/m, lent: 28,
    // Webmail and online shopping under one heading: it takes the sample's on shopping, and its questions-colleagues-ask section the sample's on webmail.
    pairing: /^ {2}personal-accounts-on-council-kit +<- "Online banking, shopping and personal losses" \(\d+\)(,|;|$)/m,
    // Measured once with nothing changed (70.0% top-1, 30.0% wrong); 67.5% and 32.5% since the sample's fifth batch of example questions.
    floors: { top1: 0.67, top3: 0.92, onCard: 0.91, wrong: 0.33, rejected: 1 }
  },
  {
    name: 'twelfth', document: TWELFTH_POLICY_DOCUMENT, file: 'council-policy-12', level: /^11 sections at heading level 1 \(chosen\):$/m, lent: 11,
    // E-mail, the internet and staff's own accounts in one section: it takes the sample's on the council address, then those on webmail, blocked sites and security warnings that its text answers best.
    pairing: /^ {2}email-the-internet-and-your-own-accounts +<- "Your council e-mail address" \(\d+\), "Blocked websites and web reputation" \(\d+\), "Security warnings" \(\d+\), "Webmail \(Gmail, Hotmail, Yahoo\)" \(\d+\)/m,
    // Measured once with nothing changed (60.5% top-1, 32.9% wrong), then to judge lending the questions of sample sections no section took (67.1%, 28.9%).
    floors: { top1: 0.65, top3: 0.92, onCard: 0.81, wrong: 0.29, rejected: 0.93 }
  },
  {
    name: 'thirteenth', document: THIRTEENTH_POLICY_DOCUMENT, file: 'council-policy-13', level: /^21 sections at heading level 2 \(chosen; level 1 would give 17\):$/m, lent: 21,
    pairing: /^ {2}scope +<- "Purpose and who this policy applies to" \(\d+\)(,|;|$)/m,
    // Measured once with nothing changed (53.8% top-1, 41.3% wrong); 61.3% and 33.8% since pairs count the questions each section's own text answers best; 57.5% and 37.5% since the sample's fifth batch of example questions.
    floors: { top1: 0.57, top3: 0.79, onCard: 0.74, wrong: 0.38, rejected: 1 }
  },
  {
    name: 'fourteenth', document: FOURTEENTH_POLICY_DOCUMENT, file: 'council-policy-14', level: /^21 sections at heading level 2 \(chosen; level 1 would give 19\):$/m, lent: 21,
    pairing: /^ {2}who-this-policy-applies-to +<- "Purpose and who this policy applies to" \(\d+\)(,|;|$)/m,
    // Measured once with nothing changed (60.0% top-1, 33.8% wrong), then to judge pairs counting the questions each section's own text answers best (66.3%, 27.5%).
    floors: { top1: 0.67, top3: 0.84, onCard: 0.78, wrong: 0.28, rejected: 1 }
  },
  {
    name: 'fifteenth', document: FIFTEENTH_POLICY_DOCUMENT, file: 'council-policy-15', level: /^19 sections at heading level 2 \(chosen; level 1 would give 10\):$/m, lent: 19,
    // Webmail and the council address under one heading with no sub-headings: it takes the sample's on both.
    pairing: /^ {2}email +<- "Webmail \(Gmail, Hotmail, Yahoo\)" \(\d+\), "Your council e-mail address" \(\d+\)(;|$)/m,
    // Measured once with nothing changed (85.2% top-1, 12.3% wrong); 86.4% and 11.1% since the sample's fifth batch of example questions.
    floors: { top1: 0.86, top3: 0.95, onCard: 0.92, wrong: 0.12, rejected: 0.93 }
  },
  {
    name: 'sixteenth', document: SIXTEENTH_POLICY_DOCUMENT, file: 'council-policy-16', level: /^28 sections at heading level 2 \(chosen; level 1 would give 8\):$/m, lent: 28,
    // Grouped by whom the rules are for; the rules for everyone are headed as the questions staff ask.
    pairing: /^ {2}can-i-read-my-gmail-at-work +<- "Webmail \(Gmail, Hotmail, Yahoo\)" \(\d+\)(,|;|$)/m,
    // Measured once with nothing changed, then to judge a second sample section for a section (left out).
    floors: { top1: 0.73, top3: 0.9, onCard: 0.86, wrong: 0.22, rejected: 1 }
  }
];

for (const policy of MORE_POLICIES) {
  describe(`${/^[aeiou]/.test(policy.name) ? 'an' : 'a'} ${policy.name} policy, imported from Word`, () => {
    it('imports to the committed Markdown, which passes the policy check, with the sample\'s questions lent', async () => {
      const result = await importWordPolicy(await wordDocument(policy.document), { sourceName: `${policy.file}.docx`, questionsFrom: { index: loadPolicyIndex(), name: 'the sample policy' } });
      assert.equal(result.markdown, readFileSync(fixture(`${policy.file}.md`), 'utf8'), `test/fixtures/${policy.file}.md is the import of test/fixtures/${policy.file}.ts; import it again when the document changes`);
      assert.deepEqual(checkPolicyText(result.markdown).problems, []);
      const report = importReport(result, `${policy.file}.docx`, 'policy/council.md');
      assert.match(report, policy.level);
      assert.match(report, new RegExp(`^Example questions suggested from the sample policy for ${policy.lent} sections `, 'm'));
      assert.match(report, policy.pairing);
    });

    it('answers its own question set with the sample\'s retrieval unchanged', async () => {
      const index = loadPolicyIndex({ policyFile: fixture(`${policy.file}.md`) });
      const questions = evaluationFixtureSchema.parse(JSON.parse(readFileSync(fixture(`${policy.file}-eval.json`), 'utf8')));
      const result = evaluate(await prepareSet(index, questions));
      assert.ok(result.top1 >= policy.floors.top1, `top-1 ${result.top1}`);
      assert.ok(result.top3 >= policy.floors.top3, `top-3 ${result.top3}`);
      assert.ok(result.onCard >= policy.floors.onCard, `on the card ${result.onCard}`);
      assert.ok(result.wrongSection <= policy.floors.wrong, `wrong ${result.wrongSection}`);
      assert.ok(result.rejected >= policy.floors.rejected, `out of scope declined ${result.rejected}`);
    });
  });
}

describe('the seventh policy after its policy owner reviewed the example questions', () => {
  it('keeps the imported text, has questions for every section, and answers its question set better than as imported', async () => {
    const markdown = readFileSync(fixture('council-policy-7-reviewed.md'), 'utf8');
    assert.deepEqual(checkPolicyText(markdown).problems, []);
    const text = (file: string) => parsePolicy(readFileSync(fixture(file), 'utf8')).sections.map(({ id, title, paragraphs }) => ({ id, title, paragraphs }));
    assert.deepEqual(text('council-policy-7-reviewed.md'), text('council-policy-7.md'), 'only the example questions changed');
    assert.ok(parsePolicy(markdown).sections.every((s) => s.questions.length >= 10), 'every section has questions of its own');
    const questions = evaluationFixtureSchema.parse(JSON.parse(readFileSync(fixture('council-policy-7-eval.json'), 'utf8')));
    const result = evaluate(await prepareSet(loadPolicyIndex({ policyFile: fixture('council-policy-7-reviewed.md') }), questions));
    // Measured once the review was done (the question set was not shown to the reviewer): 77.1%, 92.9%, 85.7%, 14.3%, 93.3%;
    // 71.4% and 15.7% wrong since the other topics gained questions; 84.3% and 10.0% with the label classifier.
    assert.ok(result.top1 >= 0.84, `top-1 ${result.top1}`);
    assert.ok(result.top3 >= 0.94, `top-3 ${result.top3}`);
    assert.ok(result.onCard >= 0.88, `on the card ${result.onCard}`);
    assert.ok(result.wrongSection <= 0.11, `wrong ${result.wrongSection}`);
    assert.ok(result.rejected >= 0.93, `out of scope declined ${result.rejected}`);
  });
});
