import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate, evaluationFixtureSchema, fitVerdict, prepareSet } from '../../../src/features/policy/evaluation.js';
import { readMessage } from '../../../src/features/policy/message.js';
import { loadOtherTopics } from '../../../src/features/policy/other-topics.js';
import { parsePolicy, PolicyFileError, scanPolicy } from '../../../src/features/policy/policy-document.js';
import { loadPolicyIndex, loadSynonyms, SAMPLE_SYNONYMS_FILE } from '../../../src/features/policy/policy-source.js';
import { isDeviceProblem, OUT_OF_SCOPE, PolicyIndex } from '../../../src/features/policy/retrieval.js';
import { ALSO_CLOSE_RATIO, ANSWER_THRESHOLD, judge, offered, RELATED_SCORE, SIGNAL_WEIGHTS } from '../../../src/features/policy/verdict.js';
import { cosine, SentenceMeaning } from '../../../src/features/policy/sentence-meaning.js';
import { projectRoot } from '../../../src/config/paths.js';

const index = loadPolicyIndex();

describe('policy document', () => {
  it('reads sections with {#id}, an id comment, or an id made from the title', async () => {
    const doc = parsePolicy(
      [
        '# Our policy',
        'Intro text that is not a section.',
        '## Webmail {#webmail}',
        'First **paragraph** with a [link](https://x.example).',
        '',
        '- a list item',
        '## Skype & virtual meetings',
        '<!-- id: meetings -->',
        'Meet online.',
        '## Where to get help',
        'Ask ICT.'
      ].join('\n')
    );
    assert.equal(doc.title, 'Our policy');
    assert.deepEqual(
      doc.sections.map((s) => s.id),
      ['webmail', 'meetings', 'where-to-get-help']
    );
    assert.deepEqual(doc.sections[0].paragraphs, ['First paragraph with a link.', 'a list item']);
    assert.equal(doc.sections[1].title, 'Skype & virtual meetings');
  });

  it('reads a section\'s "Questions staff ask" as its example questions, not as policy text nor notes to the policy owner', async () => {
    const lines = [
      '## Webmail {#webmail}', 'Webmail is blocked. <!-- JB: check with IG -->', '<!-- an owner\'s note on a line of its own -->', '', '### Questions staff ask', '',
      '<!-- Suggested from the sample -->', '- can i use **gmail** at lunch', '* why is hotmail blocked <!-- check: #help may answer this better --> <!-- JB -->', '<!-- - a question left out -->', '',
      '## Help {#help}', 'Ask ICT.'
    ];
    const doc = parsePolicy(lines.join('\n'));
    assert.deepEqual(doc.sections[0].paragraphs, ['Webmail is blocked.']);
    assert.deepEqual(doc.sections[0].questions, ['can i use gmail at lunch', 'why is hotmail blocked']);
    assert.deepEqual(doc.sections[1].questions, []);
    // Kept as written, for a re-import.
    assert.deepEqual(scanPolicy(lines.join('\n')).sections[0].questionBlock, lines.slice(6, 10));
    assert.throws(() => parsePolicy('## A {#a}\ntext\n### Questions staff ask\nnot a bullet'), /line 4: under "### Questions staff ask"/);
  });

  it('refuses a file without sections, or with two sections sharing an id', async () => {
    assert.throws(() => parsePolicy('# Title\nJust text.'), PolicyFileError);
    assert.throws(() => parsePolicy('## A {#x}\ntext\n## B {#x}\nmore'), /two sections with the id "x"/);
  });

  it('the sample says it is a sample and covers the topics staff ask about', async () => {
    const text = readFileSync(path.join(projectRoot, 'policy', 'acceptable-use.md'), 'utf8');
    assert.match(text, /This is a sample/);
    for (const id of ['purpose', 'personal-use', 'blocked-sites', 'security-warnings', 'webmail', 'council-email', 'personal-losses', 'social-media', 'mobile-phones', 'council-devices', 'virtual-meetings', 'tethering', 'smart-working', 'device-security', 'personal-devices', 'personal-number', 'data-protection', 'monitoring', 'breaches', 'getting-help']) {
      assert.ok(index.section(id), `has section ${id}`);
    }
  });
});

describe('policy retrieval', () => {
  it('answers the Hotmail question with the webmail passage', async () => {
    const answer = await index.answer('Can I check my Hotmail on my work laptop at lunch?');
    assert.equal(answer.answered, true);
    assert.equal(answer.best?.sectionId, 'webmail');
    assert.match(answer.passage, /cannot access personal webmail/);
  });

  it('says the canteen menu is not in the policy, and where such questions go', async () => {
    const answer = await index.answer('what\u2019s for lunch in the canteen?');
    assert.equal(answer.answered, false);
    assert.equal(answer.passage, '');
    assert.equal(answer.otherTopic?.id, 'facilities');
    assert.match(answer.otherTopic!.where, /\w/);
  });

  it('turns away questions about other topics even when they share words with a section', async () => {
    // "bank" is in Online banking, "holiday" could be personal time: neither is this policy's business.
    for (const question of ['how many days holiday do i get', 'when is pay day this month', 'where do i put my phone bill on the expenses form']) {
      const answer = await index.answer(question);
      assert.equal(answer.answered, false, question);
    }
    assert.ok((await index.answer('how many days holiday do i get')).otherTopic, 'names the topic');
  });

  it('reads a long chatty message for its question: greeting, context and sign-off do not drown it', async () => {
    const message =
      'Hi there, hope you are well. I am a social worker in the children\u2019s disability team and I am out on visits most days, ' +
      'often in rural areas with rubbish signal. Can I use my council phone as a hotspot for my work laptop when I am out? Thanks in advance';
    const answer = await index.answer(message);
    assert.equal(answer.answered, true);
    assert.equal(answer.best?.sectionId, 'tethering');
  });

  it('weighs the sentences that ask above the context around them', async () => {
    const sentences = readMessage('Hi all.\nI work at the depot. Can I keep my phone on me? Cheers!');
    assert.deepEqual(sentences.map((s) => [s.text, s.weight]), [['Hi all.', 0.5], ['I work at the depot.', 0.5], ['Can I keep my phone on me?', 1], ['Cheers!', 0.5]]);
    assert.deepEqual(readMessage('personal email on work laptop').map((s) => s.weight), [1], 'a message that asks nothing counts whole');
    assert.equal(readMessage('see e.g. outlook.com for details. ok?').length, 2, 'e.g. and dotted names do not end a sentence');
  });

  it('maps synonyms from the data file: facebook to social media, hotspot to tethering', async () => {
    assert.equal((await index.answer('is instagram ok on my break')).best?.sectionId, 'social-media');
    assert.equal((await index.answer('can i use a hotspot')).best?.sectionId, 'tethering');
  });

  it('tolerates a swapped letter ("hotmial")', async () => {
    assert.equal(index.analyser.correct('hotmial'), 'hotmail');
    assert.equal((await index.answer('hotmial on my laptop?')).best?.sectionId, 'webmail');
  });

  it('quotes the best paragraphs of a long section, not all of it', async () => {
    const section = index.section('device-security')!;
    const passage = index.passage('device-security', 'I lost my work phone on the train');
    assert.ok(passage.length < section.paragraphs.join('\n\n').length, 'shorter than the whole section');
    assert.match(passage, /lost or stolen/);
  });

  it('finds a section by meaning, through sentence vectors, when no word is shared', async () => {
    const meaning = await SentenceMeaning.shared();
    const [question, near, far] = await meaning.encode(['my boss keeps snooping on what i look at', 'can my manager see the websites i visit', 'how do i book a meeting room'], 'message');
    assert.ok(cosine(question, near) > cosine(question, far) + 0.1, 'snooping bosses are nearer a manager seeing websites than a meeting room');
    const signals = await index.signals('my boss keeps snooping on what i look at');
    const monitoring = signals.find((l) => l.id === 'monitoring')!;
    const help = signals.find((l) => l.id === 'getting-help')!;
    assert.ok(monitoring.signals.exampleMeaning > help.signals.exampleMeaning, 'the monitoring section\'s questions are the closest in meaning');
  });

  it('keeps policy texts\' vectors in its file for the next start, and staff messages nowhere', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meaning-')), 'sentence-vectors.json');
    const meaning = await SentenceMeaning.load(file);
    const [policy] = await meaning.encode(['Personal webmail is blocked on council devices.'], 'policy');
    await meaning.encode(['hi im off to spain can my colleague use my password'], 'message');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { model: string; vectors: Record<string, string> };
    assert.equal(Object.keys(kept.vectors).length, 1, 'the policy text only');
    const [again] = await (await SentenceMeaning.load(file)).encode(['Personal webmail is blocked on council devices.'], 'policy');
    assert.deepEqual([...again], [...policy], 'read back from the file as it was');
    writeFileSync(file, JSON.stringify({ model: 'an older model', vectors: { abc: 'AAAA' } }));
    await (await SentenceMeaning.load(file)).encode(['Personal webmail is blocked on council devices.'], 'policy');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).model, kept.model, 'another model\'s vectors are replaced');
  });

  it('keeps a classifier\'s fitted weights in the vectors file for the next start', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meaning-')), 'sentence-vectors.json');
    (await SentenceMeaning.load(file)).keepFit('policy-texts', Float32Array.of(0.25, -1.5, 3));
    assert.deepEqual([...(await SentenceMeaning.load(file)).keptFit('policy-texts')!], [0.25, -1.5, 3]);
    assert.equal((await SentenceMeaning.load(file)).keptFit('other-texts'), undefined);
    const meaning = await SentenceMeaning.load(file);
    for (let n = 0; n < 16; n++) {
      if (n === 15) meaning.keptFit('policy-texts');
      meaning.keepFit(`version ${n}`, Float32Array.of(n));
    }
    const kept = await SentenceMeaning.load(file);
    assert.equal(kept.keptFit('version 0'), undefined, 'the fit used longest ago is dropped past sixteen');
    assert.deepEqual([...kept.keptFit('policy-texts')!], [0.25, -1.5, 3], 'one read since is kept');
    assert.deepEqual([...kept.keptFit('version 15')!], [15]);
  });

  it('never writes over a vectors file it cannot read, and says why the meanings are not kept', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meaning-')), 'sentence-vectors.json');
    for (const foreign of ['not json', JSON.stringify({ reports: [{ id: 'DEV-1' }] })]) {
      writeFileSync(file, foreign);
      const meaning = await SentenceMeaning.load(file);
      const [vector] = await meaning.encode(['Personal webmail is blocked on council devices.'], 'policy');
      assert.equal(vector.length, 512, 'the policy is still answered');
      assert.equal(readFileSync(file, 'utf8'), foreign, 'the file is as it was');
      assert.equal(meaning.notKept, `${file} is not a file of sentence vectors`);
    }
  });

  it('never writes a staff message or a question linked from Teams into the vectors file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meaning-'));
    const vectorsFile = path.join(dir, 'sentence-vectors.json');
    const policyFile = path.join(dir, 'policy.md');
    writeFileSync(policyFile, '# Our policy\n\n## Webmail {#webmail}\n\nPersonal webmail such as Gmail and Hotmail is blocked on council laptops.\n');
    const otherTopicsFile = path.join(dir, 'other-topics.json');
    writeFileSync(otherTopicsFile, JSON.stringify({ topics: [{ id: 'pay', title: 'Pay', where: 'Payroll', questions: ['when do we get paid'] }] }));
    const small = loadPolicyIndex({ policyFile, otherTopicsFile, vectorsFile });
    await small.ready();
    const kept = () => JSON.parse(readFileSync(vectorsFile, 'utf8')) as { vectors: object; fits: object };
    const keys = () => Object.keys(kept().vectors).sort();
    const policyKeys = keys();
    assert.equal(policyKeys.length, 3, 'the section, the pay topic and its question');
    const fits = JSON.stringify(kept().fits);
    assert.equal(Object.keys(kept().fits).length, 1, 'the classifier fitted on the policy\'s texts');
    small.learn([{ question: 'jo bloggs on 07700 900123 asked about her hotmail', target: 'webmail' }]);
    await small.answer('can i check my gmail at lunch, asks jo on 07700 900456');
    assert.deepEqual(keys(), policyKeys);
    assert.equal(JSON.stringify(kept().fits), fits, 'a linked question is not fitted on');
  });

  it('encodes a text once: the same words give the same vector, from the kept one', async () => {
    const meaning = await SentenceMeaning.shared();
    const [first] = await meaning.encode(['is tethering allowed on the train'], 'message');
    const [again] = await meaning.encode(['is tethering allowed on the train'], 'message');
    assert.equal(again, first, 'the kept vector, not a new one');
    assert.ok(Math.abs(cosine(first, first) - 1) < 1e-5, 'unit length');
  });

  it('learns questions the policy owner linked, at once, and forgets them when unlinked', async () => {
    const learner = loadPolicyIndex();
    const question = 'can the yoga club use the projector in room 4 on thursdays';
    assert.notEqual((await learner.answer(question)).best?.sectionId, 'blocked-sites');
    learner.learn([{ question, target: 'blocked-sites' }]);
    const learned = await learner.answer(question);
    assert.equal(learned.answered, true);
    assert.equal(learned.best?.sectionId, 'blocked-sites');
    learner.learn([{ question: 'can i bring my bike into the office', target: OUT_OF_SCOPE }, { question: 'x', target: 'no-such-section' }]);
    assert.notEqual((await learner.answer(question)).best?.sectionId, 'blocked-sites');
    const marked = await learner.answer('can i bring my bike into the office');
    assert.equal(marked.answered, false);
    assert.equal(marked.otherTopic?.id, OUT_OF_SCOPE);
  });

  it('without a synonym list, hotmail no longer finds webmail through "webmail"', async () => {
    const plain = new PolicyIndex(index.document, { groups: [], ignore: [] });
    const withSynonyms = await index.rank('yahoo');
    assert.equal(withSynonyms[0]?.sectionId, 'webmail');
    assert.ok((await plain.rank('personal webmail at lunch')).length > 0);
    assert.notDeepEqual(plain.analyser.concepts('gmail'), index.analyser.concepts('gmail'));
  });

  it('spots a question about a device not working', async () => {
    assert.equal(isDeviceProblem(index, 'my laptop won\u2019t turn on'), true);
    assert.equal(isDeviceProblem(index, 'my work phone has no signal'), true);
    assert.equal(isDeviceProblem(index, 'can I use my laptop at home'), false);
  });

  it('reads the synonym file and rejects a broken one with a message naming it', async () => {
    assert.ok(loadSynonyms(SAMPLE_SYNONYMS_FILE).groups.length > 10);
    assert.throws(() => loadSynonyms(path.join(projectRoot, 'package.json')), /POLICY_SYNONYMS_FILE/);
  });

  it('reads the other-topics file and rejects a broken one with a message naming it', async () => {
    const topics = loadOtherTopics(path.join(projectRoot, 'policy', 'other-topics.json'));
    assert.ok(topics.some((t) => t.id === 'pay') && topics.every((t) => t.questions.length > 0 && t.where.length > 0));
    assert.throws(() => loadOtherTopics(path.join(projectRoot, 'package.json')), /POLICY_OTHER_TOPICS_FILE.*topics/);
    assert.throws(() => loadOtherTopics('/nonexistent.json'), /cannot read \/nonexistent.json \(POLICY_OTHER_TOPICS_FILE\)/);
  });

  it('judges: another topic on top declines whatever its score, else the best section answers from the threshold up', async () => {
    const signals = (words: number, linked = 0) => ({ words, meaning: 0, examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0, linked, classifier: 0 });
    const weights = { words: 1, meaning: 0, examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0 };
    const section = (id: string, words: number) => ({ id, title: id, kind: 'section' as const, where: '', signals: signals(words) });
    const topic = { id: 'pay', title: 'Pay', kind: 'topic' as const, where: 'Payroll', signals: signals(0.3) };
    assert.equal(judge([section('webmail', 0.6), topic], { weights, threshold: 0.5 }).answered, true);
    assert.equal(judge([section('webmail', 0.4), topic], { weights, threshold: 0.5 }).answered, false);
    const outside = judge([section('webmail', 0.2), topic], { weights, threshold: 0.1 });
    assert.equal(outside.answered, false);
    assert.deepEqual(outside.otherTopic, { id: 'pay', title: 'Pay', where: 'Payroll', score: 0.3 });
    assert.deepEqual(outside.closest.map((c) => c.id), ['webmail']);
    const faint = judge([section('webmail', 0.02), { ...topic, signals: signals(RELATED_SCORE - 0.01) }], { weights, threshold: 0.5 });
    assert.equal(faint.answered, false);
    assert.equal(faint.otherTopic, undefined, 'a topic scoring under RELATED_SCORE is not named: the message is about nothing known');
    const linked = { ...section('blocked-sites', 0), signals: signals(0, 0.9) };
    assert.equal(judge([linked, topic], { weights, threshold: 0.5 }).closest[0].id, 'blocked-sites', 'a near-copy of a linked question wins');
  });

  it('lets the classifier choose between close sections, never whether to answer', async () => {
    const signals = (words: number, classifier: number) => ({ words, meaning: 0, examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0, linked: 0, classifier });
    const weights = { words: 1, meaning: 0, examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0 };
    const section = (id: string, words: number, classifier: number) => ({ id, title: id, kind: 'section' as const, where: '', signals: signals(words, classifier) });
    const neighbours = [section('council-devices', 0.55, 0), section('personal-devices', 0.5, 1)];
    const chosen = judge(neighbours, { weights, threshold: 0.5, classifierShare: 0.1 });
    assert.deepEqual(
      chosen.closest.map((c) => [c.id, c.score]),
      [['personal-devices', 0.5], ['council-devices', 0.55]],
      'the classifier puts the section it favours first, each keeping its own score'
    );
    assert.equal(chosen.answered, true);
    assert.equal(judge(neighbours, { weights, threshold: 0.5, classifierShare: 0 }).closest[0].id, 'council-devices', 'without it, the higher score wins');
    const unsure = judge([section('personal-devices', 0.45, 1), section('council-devices', 0.3, 0)], { weights, threshold: 0.5, classifierShare: 0.1 });
    assert.equal(unsure.answered, false, 'a section the classifier is sure of still answers only from the threshold up');
    const topic = { id: 'pay', title: 'Pay', kind: 'topic' as const, where: 'Payroll', signals: signals(0.5, 1) };
    assert.equal(judge([section('webmail', 0.52, 0), topic], { weights, threshold: 0.3, classifierShare: 0.1 }).otherTopic?.id, 'pay', 'nor whether a topic outside the policy takes the message');
  });

  it('offers beside an answer the sections scoring close to it, the closest two without one, and none for another topic', async () => {
    const signals = (words: number) => ({ words, meaning: 0, examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0, linked: 0, classifier: 0 });
    const weights = { words: 1, meaning: 0, examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0 };
    const section = (id: string, words: number) => ({ id, title: id, kind: 'section' as const, where: '', signals: signals(words) });
    const ids = (verdict: ReturnType<typeof judge>) => offered(verdict).map((m) => m.id);
    const near = 0.8 * ALSO_CLOSE_RATIO;
    assert.deepEqual(ids(judge([section('webmail', 0.8), section('personal-devices', near + 0.01), section('mobile-phones', near - 0.01)], { weights, threshold: 0.5 })), ['personal-devices']);
    assert.deepEqual(ids(judge([section('webmail', 0.8), section('personal-devices', 0.2)], { weights, threshold: 0.5 })), [], 'nothing close to a clear answer');
    assert.deepEqual(ids(judge([section('a', 0.3), section('b', 0.2), section('c', 0.1)], { weights, threshold: 0.5 })), ['a', 'b'], 'not answered: the closest two');
    const topic = { id: 'pay', title: 'Pay', kind: 'topic' as const, where: 'Payroll', signals: signals(0.6) };
    assert.deepEqual(ids(judge([section('a', 0.5), topic], { weights, threshold: 0.1 })), []);
  });
});

/** Each set's floors, the tuning set first, then the first held-out set: measured with `npm run eval`; a change that drops below these is a regression. */
const FLOORS: Record<string, { top1: number; top3: number; onCard: number; wrong: number; rejected: number }> = {
  'policy-eval.json': { top1: 0.94, top3: 1, onCard: 0.98, wrong: 0.05, rejected: 0.94 },
  'policy-eval-heldout.json': { top1: 0.9, top3: 0.98, onCard: 0.98, wrong: 0.1, rejected: 0.94 },
  'policy-eval-heldout-2.json': { top1: 0.94, top3: 0.98, onCard: 0.97, wrong: 0.05, rejected: 0.92 },
  'policy-eval-heldout-3.json': { top1: 0.96, top3: 0.98, onCard: 0.98, wrong: 0.04, rejected: 0.97 },
  // These two measured once with nothing changed, then to judge the policy owner's third batch of example questions (and a refit of the weights, left out).
  // The fourth's and thirteenth's out-of-scope misses were then read to add other topics' questions (judged on the fourteenth).
  'policy-eval-heldout-4.json': { top1: 0.89, top3: 0.98, onCard: 0.98, wrong: 0.11, rejected: 0.96 },
  'policy-eval-heldout-5.json': { top1: 0.88, top3: 0.96, onCard: 0.95, wrong: 0.11, rejected: 0.94 },
  // Measured once with nothing changed, then to judge the fourth batch. The sixth to eleventh's in-scope misses were then read to write the fifth batch.
  'policy-eval-heldout-6.json': { top1: 0.89, top3: 0.97, onCard: 0.93, wrong: 0.08, rejected: 1 },
  // Measured once with nothing changed, then to judge the label classifier.
  'policy-eval-heldout-7.json': { top1: 0.97, top3: 1, onCard: 1, wrong: 0.03, rejected: 0.93 },
  // These four measured once with nothing changed, then to judge the classifier reading words (the eighth and ninth twice, the four pooled once).
  'policy-eval-heldout-8.json': { top1: 0.97, top3: 1, onCard: 1, wrong: 0.03, rejected: 0.96 },
  'policy-eval-heldout-9.json': { top1: 0.94, top3: 1, onCard: 0.98, wrong: 0.05, rejected: 1 },
  'policy-eval-heldout-10.json': { top1: 0.96, top3: 1, onCard: 0.98, wrong: 0.03, rejected: 1 },
  'policy-eval-heldout-11.json': { top1: 0.95, top3: 1, onCard: 0.97, wrong: 0.03, rejected: 1 },
  // These two measured once with nothing changed, then to judge the fifth batch of example questions.
  'policy-eval-heldout-12.json': { top1: 0.93, top3: 0.97, onCard: 0.97, wrong: 0.07, rejected: 0.96 },
  'policy-eval-heldout-13.json': { top1: 0.91, top3: 0.98, onCard: 0.97, wrong: 0.08, rejected: 0.93 },
  // Measured once with nothing changed, then to judge the other topics' questions added from the fourth's and thirteenth's misses, and the fifth batch.
  'policy-eval-heldout-14.json': { top1: 0.92, top3: 1, onCard: 0.97, wrong: 0.06, rejected: 0.91 },
  // Measured once, after the changes above, with nothing changed for it.
  'policy-eval-heldout-15.json': { top1: 0.94, top3: 0.98, onCard: 0.98, wrong: 0.06, rejected: 0.88 }
};

describe('policy evaluation', () => {
  const load = (name: string) => evaluationFixtureSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'test', 'fixtures', name), 'utf8')));
  const sets = Object.entries(FLOORS).map(([file, floors]) => ({ file, floors, fixture: load(file) }));
  const [tuning, heldOut] = sets.map((set) => set.fixture);

  it('has enough questions in all, typed as staff write, each naming a real section', async () => {
    assert.ok(tuning.inScope.length + heldOut.inScope.length >= 150);
    assert.ok(tuning.outOfScope.length + heldOut.outOfScope.length >= 50);
    for (const { fixture: set } of sets) {
      for (const { sectionId } of set.inScope) assert.ok(index.section(sectionId), `section ${sectionId} exists`);
      const long = set.inScope.filter((q) => q.question.split(/\s+/).length > 40).length;
      assert.ok(long >= 10, `${long} in-scope messages over 40 words`);
    }
    const questions = sets.flatMap(({ fixture }) => [...fixture.inScope, ...fixture.outOfScope]).map((q) => q.question.toLowerCase());
    assert.equal(new Set(questions).size, questions.length, 'no question in two sets or twice');
  });

  it('holds its accuracy floors on every set (just under the measured figures)', async function () {
    // Every message of sixteen sets is encoded afresh: about 2,200 of them.
    this.timeout(180_000);
    for (const { file: name, fixture, floors } of sets) {
      const result = evaluate(await prepareSet(index, fixture));
      assert.ok(result.top1 >= floors.top1, `${name} top-1 ${result.top1}`);
      assert.ok(result.top3 >= floors.top3, `${name} top-3 ${result.top3}`);
      assert.ok(result.onCard >= floors.onCard, `${name} on the card ${result.onCard}`);
      assert.ok(result.wrongSection <= floors.wrong, `${name} answered from another section ${result.wrongSection}`);
      assert.ok(result.rejected >= floors.rejected, `${name} out-of-scope rejected ${result.rejected}`);
    }
  });

  it('fits weights and a threshold on a set, doing at least as well there as equal weights', async () => {
    const small = await prepareSet(index, { inScope: tuning.inScope.slice(0, 30), outOfScope: tuning.outOfScope.slice(0, 10) });
    const fitted = fitVerdict(small, 1);
    const equal = evaluate(small, { weights: { words: 0.2, meaning: 0.2, examplePrecision: 0.2, exampleRecall: 0.2, exampleMeaning: 0.2 }, threshold: fitted.threshold });
    assert.ok(fitted.result.top1 + fitted.result.rejected - fitted.result.wrongSection >= equal.top1 + equal.rejected - equal.wrongSection);
    const sum = Object.values(fitted.weights).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 0.01, `weights sum to 1 (${sum})`);
    assert.notDeepEqual(SIGNAL_WEIGHTS, {}, 'the bot has weights');
    assert.ok(ANSWER_THRESHOLD > 0 && ANSWER_THRESHOLD < 1);
  });
});
