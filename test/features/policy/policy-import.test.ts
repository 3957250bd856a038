/**
 * The policy import on Word documents built here as a council writes them: the sections it
 * cuts, what it keeps (numbers, lists, tables), what it drops with a warning, and the ids a
 * re-import keeps.
 */
import assert from 'node:assert/strict';
import { importReport, importWordPolicy } from '../../../src/features/policy/import/import-policy.js';
import { PART_INTRODUCTION_WORDS } from '../../../src/features/policy/import/outline.js';
import { lendingPairs } from '../../../src/features/policy/import/suggested-questions.js';
import { checkPolicyText } from '../../../src/features/policy/policy-check.js';
import { parsePolicy } from '../../../src/features/policy/policy-document.js';
import { loadPolicyIndex } from '../../../src/features/policy/policy-source.js';
import { wordDocument, type WordPart } from '../../helpers/word-document.js';

const words = (n: number, word = 'staff') => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 'council' : word)).join(' ');

const COUNCIL_POLICY: WordPart[] = [
  { title: 'Acceptable Use of ICT Policy' },
  { text: 'Version 3, approved by the Cabinet.' },
  { heading: 1, text: '1. Introduction' },
  { text: 'This policy explains how employees may use council computers, phones and the internet.' },
  { heading: 1, text: '2. Email' },
  { heading: 2, text: '2.1 Personal email' },
  { text: 'Webmail services such as Gmail are blocked on council equipment, because attachments can carry viruses.' },
  { numbered: ['Do not forward work email to a personal account.', 'Do not register for shopping sites with your council address.'] },
  { heading: 2, text: '2.2 Phishing' },
  { bullets: ['Report a suspicious email to the service desk.', 'Never give your password in reply to an email.'] },
  { heading: 1, text: '3. Devices' },
  { text: 'Council devices are issued as follows.' },
  { table: [['Device', 'Who may have one'], ['Tablet', 'Staff working in the community'], ['Smartphone', 'Staff who need to be reached away from a desk']] },
  { image: true },
  { commented: 'Lost or stolen devices are reported to the service desk at once.', comment: 'Check the phone number with ICT' },
  { heading: 1, text: '4. Monitoring' },
  { heading: 1, text: '5. Social media' },
  { text: words(450, 'posting') }
];

describe('policy import from Word', () => {
  it('cuts sections at the level that splits the document best, keeping numbers, lists and tables as text', async () => {
    const result = await importWordPolicy(await wordDocument(COUNCIL_POLICY), { sourceName: 'council.docx' });
    const document = parsePolicy(result.markdown);
    assert.equal(document.title, 'Acceptable Use of ICT Policy');
    assert.equal(result.outline.level, 1);
    assert.deepEqual(document.sections.map((s) => s.id), ['introduction', 'email', 'devices', 'social-media']);
    // The heading keeps its clause number in the file; the bot shows the title without it.
    assert.deepEqual(document.sections.map((s) => s.title), ['Introduction', 'Email', 'Devices', 'Social media']);
    assert.match(result.markdown, /^## 2\. Email \{#email\}$/m);
    assert.match(result.markdown, /^### 2\.1 Personal email$/m);
    assert.match(result.markdown, /^1\. Do not forward work email to a personal account\.$/m);
    assert.match(result.markdown, /^2\. Do not register for shopping sites/m);
    assert.match(result.markdown, /^- Report a suspicious email to the service desk\.$/m);
    assert.match(result.markdown, /^- Device: Tablet; Who may have one: Staff working in the community$/m);
    assert.match(result.markdown, /Lost or stolen devices are reported/);
    assert.doesNotMatch(result.markdown, /Check the phone number with ICT|<img|data:image/);
    assert.deepEqual(checkPolicyText(result.markdown).problems, []);
  });

  it('warns about text before the first heading, empty sections, long sections, images and comments', async () => {
    const result = await importWordPolicy(await wordDocument(COUNCIL_POLICY), { sourceName: 'council.docx' });
    const [intro, empty, long, noQuestions, image, comment, ...rest] = result.warnings;
    assert.match(intro, /^6 words of text come before the first heading/);
    assert.match(empty, /^"4\. Monitoring" has no text under it and was left out/);
    assert.match(long, /^"5\. Social media" is 450 words, too long to quote whole .*split it/);
    assert.match(noQuestions, /^no section has example questions/);
    assert.match(image, /^1 image left out/);
    assert.match(comment, /^1 comment left out/);
    assert.deepEqual(rest, []);
    const report = importReport(result, 'council.docx', 'policy/council.md');
    assert.match(report, /^council\.docx -> policy\/council\.md\n4 sections at heading level 1 \(chosen; level 2 would give 5\):/);
    assert.match(report, /^ {2}devices +3\. Devices +\d+ words$/m);
    assert.match(report, /^6 warnings:$/m);
  });

  it('goes a level deeper when the top headings hold too much to quote, and --level overrides the choice', async () => {
    const parts: WordPart[] = [];
    for (const chapter of ['Equipment', 'Internet', 'Security']) {
      parts.push({ heading: 1, text: chapter });
      for (const clause of ['Laptops', 'Phones', 'Rules']) parts.push({ heading: 2, text: `${chapter} ${clause}` }, { text: words(150) });
    }
    const bytes = await wordDocument(parts);
    const chosen = await importWordPolicy(bytes, { sourceName: 'deep.docx' });
    assert.equal(chosen.outline.level, 2);
    assert.equal(chosen.sections.length, 9);
    assert.equal(chosen.sections[0].id, 'equipment-laptops');
    const asked = await importWordPolicy(bytes, { sourceName: 'deep.docx', level: 1 });
    assert.deepEqual(asked.sections.map((s) => s.id), ['equipment', 'internet', 'security']);
    assert.match(asked.warnings.join('\n'), /"Equipment" is 450 words.*--level 2/);
    await assert.rejects(importWordPolicy(bytes, { sourceName: 'deep.docx', level: 3 }), /no headings at level 3: it uses level 1, level 2/);
  });

  it('leaves out a part\'s short opening line on what it covers, with a warning, but keeps a part\'s rules as a section', async () => {
    const parts: WordPart[] = [
      { heading: 1, text: 'Part A – Email and the internet' },
      { text: 'This part covers your council email account and what you may do online.' },
      { heading: 2, text: 'A1 Your council address' }, { text: words(60, 'mail') },
      { heading: 2, text: 'A2 Webmail' }, { text: words(60, 'gmail') },
      { heading: 1, text: 'Part B – Devices' },
      { text: words(PART_INTRODUCTION_WORDS, 'laptop') },
      { heading: 2, text: 'B1 Phones' }, { text: words(60, 'phone') },
      { heading: 1, text: 'Part C – Help' },
      { text: 'Ask the service desk.' },
      { heading: 1, text: 'Part D – Meetings' },
      { text: 'This part covers meetings.' },
      { heading: 3, text: 'A rule for all of them' }, { text: 'Never record a meeting without telling everyone in it.' },
      { heading: 2, text: 'D1 Teams' }, { text: words(60, 'teams') },
      { heading: 1, text: 'Part E – Phones' },
      { text: 'This part covers phones.' },
      { heading: 3, text: 'Questions staff ask' }, { bullets: ['can i use my own phone'] },
      { heading: 2, text: 'E1 Council phones' }, { text: words(60, 'phone') },
      { heading: 1, text: 'Part F – Data' },
      { heading: 2, text: 'F1 Personal data' }, { text: words(60, 'data') }
    ];
    const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'parts.docx', level: 2 });
    assert.deepEqual(result.sections.map((s) => s.id), [
      'your-council-address', 'webmail', 'devices', 'phones', 'help', 'meetings', 'teams', 'phones-2', 'council-phones', 'personal-data'
    ]);
    assert.doesNotMatch(result.markdown, /This part covers your council email/);
    const warnings = result.warnings.join('\n');
    assert.match(warnings, /^the opening text of "Part A – Email and the internet" \(13 words above its first section: "This part covers your council email account and …"\) only introduces its sections, so it was left out and the bot will not answer from it/m);
    assert.equal(warnings.match(/the opening text of/g)?.length, 1, 'rules, a sub-heading, questions or a part with no section under it keep the text; a heading alone is a divider');
  });

  it('tells two sections of one name apart by the heading above them', async () => {
    const parts: WordPart[] = [
      { heading: 1, text: 'Email' }, { heading: 2, text: 'Personal use' }, { text: words(40, 'mail') },
      { heading: 1, text: 'Internet' }, { heading: 2, text: 'Personal use' }, { text: words(40, 'browse') }
    ];
    const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'twice.docx', level: 2 });
    assert.deepEqual(result.sections.map((s) => s.id), ['personal-use', 'internet-personal-use']);
  });

  it('makes ids without lettered clause numbers when the document letters its headings, as it does without numbered ones', async () => {
    const parts: WordPart[] = [
      { heading: 1, text: 'A. Who this policy applies to' }, { text: words(40, 'staff') },
      { heading: 1, text: 'B1 Personal use' }, { text: words(40, 'browse') },
      { heading: 1, text: '(c) Webmail' }, { text: words(40, 'mail') },
      { heading: 1, text: 'Part D - Social media' }, { text: words(40, 'post') },
      { heading: 1, text: 'A guide to tethering' }, { text: words(40, 'hotspot') },
      { heading: 1, text: 'M365 accounts' }, { text: words(40, 'account') }
    ];
    const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'lettered.docx', level: 1 });
    assert.deepEqual(result.sections.map((s) => s.id), ['who-this-policy-applies-to', 'personal-use', 'webmail', 'social-media', 'a-guide-to-tethering', 'm365-accounts']);
    assert.match(result.markdown, /^## B1 Personal use \{#personal-use\}$/m, 'the heading keeps its clause number');

    // One heading that looks lettered is a name, not a clause number.
    const named: WordPart[] = [{ heading: 1, text: 'O2 contracts' }, { text: words(40, 'phone') }, { heading: 1, text: 'Webmail' }, { text: words(40, 'mail') }];
    const alone = await importWordPolicy(await wordDocument(named), { sourceName: 'named.docx', level: 1 });
    assert.deepEqual(alone.sections.map((s) => s.id), ['o2-contracts', 'webmail']);
  });

  it('reads a "Questions staff ask" sub-heading as the section\'s example questions', async () => {
    const parts: WordPart[] = [
      { heading: 1, text: 'Webmail' }, { text: 'Webmail such as Gmail or Hotmail is blocked on council devices.' },
      { heading: 2, text: 'Questions staff ask' }, { bullets: ['can i check my gmail at lunch', 'why is hotmail blocked'] },
      { heading: 1, text: 'Help' }, { text: 'Ask the service desk.' }
    ];
    const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'q.docx' });
    assert.deepEqual(parsePolicy(result.markdown).sections[0].questions, ['can i check my gmail at lunch', 'why is hotmail blocked']);
    assert.deepEqual(parsePolicy(result.markdown).sections[0].paragraphs, ['Webmail such as Gmail or Hotmail is blocked on council devices.']);
  });

  describe('example questions suggested from the sample policy', () => {
    const sample = { index: loadPolicyIndex(), name: 'the sample policy' };
    const sampleQuestions = (id: string) => sample.index.section(id)!.questions;

    it('go to the section that covers the same ground, and to no section the sample does not cover', async () => {
      const parts: WordPart[] = [
        { heading: 1, text: 'Internet mail services' }, { text: 'Internet mail services such as Gmail, Yahoo and Hotmail cannot be reached from council equipment, as their attachments can carry viruses.' },
        { heading: 1, text: 'Staff car park' }, { text: 'Parking permits for the staff car park are issued by Facilities each April; display yours on the dashboard.' },
        { heading: 1, text: 'Tethering' }, { text: 'Do not connect a council laptop to the internet through your own phone.' },
        { heading: 2, text: 'Questions staff ask' }, { bullets: ['can i use my phone as a hotspot'] }
      ];
      const result = await importWordPolicy(await wordDocument(parts), { sourceName: 's.docx', questionsFrom: sample });
      const sections = parsePolicy(result.markdown).sections;
      assert.deepEqual(sections[0].questions.slice(0, sampleQuestions('webmail').length), sampleQuestions('webmail'));
      assert.deepEqual(sections.slice(1).map((s) => s.questions), [[], ['can i use my phone as a hotspot']]);
      assert.deepEqual(result.suggested.map((s) => [s.sectionId, s.from[0].id]), [['internet-mail-services', 'webmail']]);
      assert.match(result.markdown, /### Questions staff ask\n\n<!-- Suggested from the sample policy's "Webmail \(Gmail, Hotmail, Yahoo\)"[^>]*: keep those your staff would ask, change or delete the rest\. -->\n\n- /);
      assert.ok(result.warnings.includes('1 section without example questions (staff-car-park): add the questions staff ask under "Questions staff ask", in Word or in the Markdown.'), result.warnings.join('\n'));
    });

    it('give a section that merges two of the sample\'s subjects the questions on each, no question twice', async () => {
      const parts: WordPart[] = [
        {
          heading: 1, text: 'Personal accounts on council equipment'
        },
        {
          text: 'Webmail such as Gmail, Hotmail and Yahoo is blocked on council laptops, because attachments can carry viruses. You may bank and shop online in your own time, but the council accepts no liability for any money you lose doing so.'
        },
        { heading: 1, text: 'Tethering' }, { text: 'Do not connect a council laptop to the internet through your own phone.' }
      ];
      const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'merged.docx', questionsFrom: sample });
      const [merged] = result.suggested;
      assert.equal(merged.sectionId, 'personal-accounts-on-council-equipment');
      const from = new Map(merged.from.map((f) => [f.id, f.questions]));
      assert.ok((from.get('webmail') ?? 0) > 0 && (from.get('personal-losses') ?? 0) > 0, JSON.stringify(merged.from));
      assert.equal(new Set(merged.questions).size, merged.questions.length);
      assert.equal(merged.questions.length, merged.from.reduce((sum, f) => sum + f.questions, 0));
      assert.match(importReport(result, 'merged.docx', 'policy/council.md'), /^ {2}personal-accounts-on-council-equipment +<- "[^"]+" \(\d+\), "[^"]+" \(\d+\)/m);
    });

    it('lend one sample section\'s questions to one section only, the one it fits best; the other takes its next closest', async () => {
      const parts: WordPart[] = [
        { heading: 1, text: 'Mail' }, { text: 'Personal Gmail may not be used for council work.' },
        { heading: 1, text: 'Webmail' }, { text: 'Webmail such as Gmail, Hotmail and Yahoo mail is blocked on council laptops, because attachments can carry viruses.' }
      ];
      const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'two.docx', questionsFrom: sample });
      // "Mail" is closest to the sample's webmail section too, but "Webmail" fits it better.
      assert.equal((await sample.index.answer('Mail\nPersonal Gmail may not be used for council work.')).closest[0].sectionId, 'webmail');
      assert.deepEqual(result.suggested.map((s) => [s.sectionId, s.from[0].id]), [['mail', 'council-email'], ['webmail', 'webmail']]);
      const lent = parsePolicy(result.markdown).sections.map((s) => s.questions);
      assert.deepEqual([lent[0].slice(0, sampleQuestions('council-email').length), lent[1].slice(0, sampleQuestions('webmail').length)], [sampleQuestions('council-email'), sampleQuestions('webmail')]);
    });

    it('do not move two sections off their clear matches so that a third, barely fitting anything, gets some', () => {
      // Rows: monitoring, breaches, document control; columns: the sample's monitoring, breaches, security warnings.
      const fit = [
        [0.52, 0.49, 0],
        [0, 0.52, 0.4],
        [0.36, 0, 0]
      ];
      // Counting whole scores, monitoring -> breaches, breaches -> security warnings and document control -> monitoring add up to more (1.25 against 1.04).
      assert.deepEqual(lendingPairs(fit), [[0, 0], [1, 1]]);
      assert.deepEqual(lendingPairs([[0.5, 0.45], [0.48, 0]]), [[0, 1], [1, 0]], 'a section with no other match still takes its next');
      assert.deepEqual(lendingPairs([[0.3, 0.2], [0, 0]]), [], 'nothing at or under the floor');
    });

    it('are not suggested again on re-import, so the policy owner\'s edits stay', async () => {
      const parts: WordPart[] = [
        { heading: 1, text: 'Webmail' }, { text: 'Webmail such as Gmail, Hotmail and Yahoo mail is blocked on council laptops, because attachments can carry viruses.' },
        { heading: 1, text: 'Staff car park' }, { text: 'Parking permits for the staff car park are issued by Facilities each April.' }
      ];
      const first = await importWordPolicy(await wordDocument(parts), { sourceName: 'w.docx', questionsFrom: sample });
      const edited = first.markdown.replace(/<!-- Suggested[^\n]*\n\n(- [^\n]*\n)+/, '- can i check my gmail at lunch\n');
      const again = await importWordPolicy(await wordDocument(parts), { sourceName: 'w.docx', questionsFrom: sample, previousMarkdown: edited });
      assert.deepEqual(again.suggested, []);
      assert.deepEqual(parsePolicy(again.markdown).sections[0].questions, ['can i check my gmail at lunch']);
    });
  });

  it('keeps ids on re-import, and says what was added, removed and renamed', async () => {
    const first = await importWordPolicy(await wordDocument(COUNCIL_POLICY), { sourceName: 'council.docx' });
    // The policy owner gave a section an id of their own and added example questions.
    const edited = first.markdown
      .replace('{#devices}', '{#council-devices}')
      .replace(/(## 1\. Introduction \{#introduction\}\n\n.*\n)/, '$1\n### Questions staff ask\n\n- who does this policy apply to\n')
      .replace(/(## 2\. Email \{#email\}\n)/, '$1\n### Questions staff ask\n\n- can i use gmail\n- is hotmail blocked\n');
    const revised: WordPart[] = [
      { title: 'Acceptable Use of ICT Policy' },
      { heading: 1, text: '1. Introduction' },
      { text: 'This policy explains how employees may use council computers, phones and the internet.' },
      { heading: 1, text: '2. Working from home' },
      { text: 'Staff working from home connect through the council VPN and keep screens out of sight of family.' },
      { heading: 1, text: '3. Council devices and who has them' },
      { text: 'Council devices are issued as follows.' },
      { table: [['Device', 'Who may have one'], ['Tablet', 'Staff working in the community'], ['Smartphone', 'Staff who need to be reached away from a desk']] },
      { text: 'Lost or stolen devices are reported to the service desk at once.' },
      { heading: 1, text: '6. Social media' },
      { text: words(120, 'posting') }
    ];
    const second = await importWordPolicy(await wordDocument(revised), { sourceName: 'council.docx', previousMarkdown: edited });
    assert.deepEqual(second.sections.map((s) => s.id), ['introduction', 'working-from-home', 'council-devices', 'social-media']);
    assert.deepEqual(second.changes, {
      added: [{ id: 'working-from-home', title: '2. Working from home' }],
      removed: [{ id: 'email', title: 'Email', questions: 2 }],
      renamed: [{ id: 'council-devices', from: 'Devices', to: '3. Council devices and who has them' }],
      keptQuestions: 1,
      keptToCheck: 0
    });
    assert.deepEqual(parsePolicy(second.markdown).sections[0].questions, ['who does this policy apply to']);
    const report = importReport(second, 'council.docx', 'policy/council.md');
    assert.match(report, /Since the previous import: 1 added, 1 removed, 1 renamed/);
    assert.match(report, /removed {2}email {2}"Email" \(links to #email and its stored feedback now find no section, and its 2 example questions are not in the new file\)/);
    assert.match(report, /renamed {2}council-devices {2}"Devices" -> "3\. Council devices and who has them" \(id kept\)/);
  });

  it('keeps on re-import the example questions as the policy owner left them, notes and all, less marks naming no other section in the file', async () => {
    const parts: WordPart[] = [
      { heading: 1, text: 'Webmail' }, { text: 'Webmail such as Gmail, Hotmail and Yahoo mail is blocked on council laptops.' },
      { heading: 1, text: 'Staff car park' }, { text: 'Parking permits for the staff car park are issued by Facilities each April.' }
    ];
    const questions = [
      '<!-- Suggested from the sample policy\'s "Webmail (Gmail, Hotmail, Yahoo)": keep those your staff would ask, change or delete the rest. -->',
      '',
      '- can i check my gmail at lunch <!-- check: #email may answer this better -->',
      '- where do i park for the yahoo training day <!-- check: #staff-car-park may answer this better -->',
      '<!-- - a question left out for now -->',
      '- is hotmail blocked <!-- check: #webmail may answer this better -->'
    ];
    const previous = [
      '# Policy', '', '## Webmail {#webmail}', '', 'Webmail is blocked.', '', '### Questions staff ask', '', ...questions, '',
      '## Email {#email}', '', 'Use your council address.', '', '## Staff car park {#staff-car-park}', '', 'Permits from Facilities.', ''
    ].join('\n');
    const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'w.docx', previousMarkdown: previous });
    assert.deepEqual(result.changes?.removed.map((s) => s.id), ['email']);
    // #email is gone and #webmail is the question's own section: those marks go; the rest stays where it was.
    const kept = [...questions.slice(0, 2), '- can i check my gmail at lunch', questions[3], questions[4], '- is hotmail blocked'];
    assert.ok(result.markdown.includes(`### Questions staff ask\n\n${kept.join('\n')}\n\n## Staff car park`), result.markdown);
    assert.equal(result.changes?.keptToCheck, 1);
    assert.match(importReport(result, 'w.docx', 'policy/council.md'), /^ {2}3 example questions kept from the previous file, 1 of them still marked "check"$/m);
    assert.deepEqual(checkPolicyText(result.markdown).problems, []);
  });

  it('ignores a heading with no words in it, with a warning', async () => {
    const parts: WordPart[] = [
      { heading: 1, text: 'Webmail' }, { text: words(30, 'mail') },
      { heading: 1, text: '' },
      { heading: 1, text: 'Tethering' }, { text: words(30, 'hotspot') }
    ];
    const result = await importWordPolicy(await wordDocument(parts), { sourceName: 'blank.docx' });
    assert.deepEqual(result.sections.map((s) => s.id), ['webmail', 'tethering']);
    assert.ok(result.warnings.includes('1 heading with no words in it was ignored.'), result.warnings.join('\n'));
  });

  it('refuses a document with no headings, saying how to add them', async () => {
    const bytes = await wordDocument([{ text: 'All of the policy in one paragraph.' }]);
    await assert.rejects(importWordPolicy(bytes, { sourceName: 'flat.docx' }), /flat\.docx has no headings .*Heading style/);
  });
});
