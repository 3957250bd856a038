/**
 * `policy:import` and `policy:check` as a council's ICT team runs them: real files in a
 * temporary folder, the built tools run as child processes, exit codes and output checked.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import CFB from 'cfb';
import JSZip from 'jszip';
import { projectRoot } from '../../src/config/paths.js';
import { parsePolicy } from '../../src/features/policy/policy-document.js';
import { loadPolicyIndex } from '../../src/features/policy/policy-source.js';
import { wordDocument, type WordPart } from '../helpers/word-document.js';

const exec = promisify(execFile);

/** Runs a built tool; resolves with its exit code and output, whatever the code. */
async function tool(name: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(projectRoot, 'dist', 'src', 'cli', `${name}.js`), ...args], { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const POLICY: WordPart[] = [
  { title: 'ICT Acceptable Use' },
  { heading: 1, text: '1. Webmail' },
  { text: 'Personal webmail such as Gmail and Hotmail is blocked on council devices, because attachments may carry viruses.' },
  { heading: 1, text: '2. Tethering' },
  { text: 'Do not tether a council laptop to a personal phone hotspot; use council Wi-Fi or a council mobile instead.' },
  { heading: 2, text: 'Questions staff ask' },
  { bullets: ['can i use my phone as a hotspot for my laptop'] }
];

/** An encrypted Office document as Word saves one with a password: a compound file, not a zip. */
function passwordProtected(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(4096, 7));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** An old Word 97-2003 document: a compound file with a WordDocument stream. */
function oldWordDocument(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/WordDocument', Buffer.alloc(1024, 1));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

describe('policy:import and policy:check', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'policy-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a Word document, prints the report, and the result passes policy:check', async () => {
    const docx = path.join(dir, 'council-policy.docx');
    const out = path.join(dir, 'council.md');
    await writeFile(docx, await wordDocument(POLICY));
    const imported = await tool('policy-import', [docx, '--out', out]);
    assert.equal(imported.code, 0, imported.stderr);
    // Webmail has no questions of its own in Word, so it gets the sample's, then those of sample sections nobody took that
    // its text answers (blocked sites, security warnings); tethering keeps its one.
    const sampleWebmail = loadPolicyIndex().section('webmail')!.questions;
    assert.match(
      imported.stdout,
      new RegExp(
        `^council-policy\\.docx -> .*council\\.md\\n2 sections at heading level 1 \\(chosen\\):\\n {2}webmail +1\\. Webmail +\\d+ words, \\d+ example questions\\n {2}tethering +2\\. Tethering +\\d+ words, 1 example question\\n` +
          `Example questions suggested from the sample policy for 1 section \\(keep those your staff would ask, change or delete the rest\\):\\n {2}webmail +<- "Webmail \\(Gmail, Hotmail, Yahoo\\)" \\(${sampleWebmail.length}\\), [^\\n]*"Blocked websites and web reputation" \\(\\d+\\)[^\\n]*\\nNo warnings\\.\\n`
      )
    );
    // Nor those on subjects its text does not answer: without the left-over questions' guards it took social media's too.
    assert.doesNotMatch(imported.stdout, /"Social media"/);
    const markdown = await readFile(out, 'utf8');
    assert.match(markdown, /^## 2\. Tethering \{#tethering\}$/m);
    assert.match(markdown, /^<!-- Suggested from the sample policy's "Webmail \(Gmail, Hotmail, Yahoo\)", [^>]+: keep those your staff would ask, change or delete the rest\. -->$/m);
    const [webmail, tethering] = parsePolicy(markdown).sections.map((s) => s.questions);
    assert.deepEqual(webmail.slice(0, sampleWebmail.length), sampleWebmail);
    assert.deepEqual(tethering, ['can i use my phone as a hotspot for my laptop']);
    const checked = await tool('policy-check', [out]);
    assert.equal(checked.code, 0);
    assert.match(checked.stdout, new RegExp(`council\\.md: 2 sections, ${webmail.length + 1} example questions; no problems; meanings ready in [\\d.]+ s\\.`));
  });

  it('with --no-suggestions leaves the sections without questions as Word has them', async () => {
    const docx = path.join(dir, 'council-policy.docx');
    const out = path.join(dir, 'council.md');
    await writeFile(docx, await wordDocument(POLICY));
    const imported = await tool('policy-import', [docx, '--out', out, '--no-suggestions']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /\n {2}webmail +1\. Webmail +\d+ words\n/);
    assert.doesNotMatch(imported.stdout, /suggested/);
    assert.deepEqual(parsePolicy(await readFile(out, 'utf8')).sections.map((s) => s.questions.length), [0, 1]);
  });

  const BAD: Array<{ what: string; bytes: () => Promise<Buffer> | Buffer; says: RegExp }> = [
    { what: 'a PDF', bytes: () => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), says: /is a PDF, which cannot be imported: .*save.* as a \.docx document/ },
    { what: 'a text file renamed .docx', bytes: () => Buffer.from('Acceptable use policy\n\n1. Webmail is blocked.\n'), says: /is a text file, not a Word document: open the policy in Word and save it as a \.docx/ },
    { what: 'a corrupt zip', bytes: async () => (await wordDocument(POLICY)).subarray(0, 300), says: /is damaged \(its zip cannot be opened\)/ },
    { what: 'a zip that is not a Word document', bytes: async () => Buffer.from(await new JSZip().file('hello.txt', 'hi').generateAsync({ type: 'uint8array' })), says: /is a zip file but not a Word document/ },
    { what: 'a password-protected document', bytes: passwordProtected, says: /is protected with a password: open it in Word, remove the password/ },
    { what: 'an old .doc file', bytes: oldWordDocument, says: /is an old-style Word \.doc file: .*save it as a \.docx/ },
    { what: 'an empty file', bytes: () => Buffer.alloc(0), says: /is empty/ }
  ];
  for (const { what, bytes, says } of BAD) {
    it(`refuses ${what} with one sentence and exit code 2, writing nothing`, async () => {
      const docx = path.join(dir, 'council-policy.docx');
      await writeFile(docx, await bytes());
      const result = await tool('policy-import', [docx, '--out', path.join(dir, 'council.md')]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, says);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
      assert.equal(result.stdout, '');
      assert.deepEqual(await readdir(dir), ['council-policy.docx']);
    });
  }

  it('never replaces an existing file without --force, and with it keeps the ids and reports the changes', async () => {
    const docx = path.join(dir, 'council-policy.docx');
    const out = path.join(dir, 'council.md');
    await writeFile(docx, await wordDocument(POLICY));
    await writeFile(out, '# Ours\n\n## Webmail {#personal-webmail}\n\nWebmail is blocked.\n');
    const refused = await tool('policy-import', [docx, '--out', out]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /council\.md already exists and was left as it is: add --force to replace it/);
    assert.equal(await readFile(out, 'utf8'), '# Ours\n\n## Webmail {#personal-webmail}\n\nWebmail is blocked.\n');
    const forced = await tool('policy-import', [docx, '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /Since the previous import: 1 added, 0 removed, 0 renamed/);
    assert.match(forced.stdout, /added {4}tethering/);
    assert.match(await readFile(out, 'utf8'), /^## 1\. Webmail \{#personal-webmail\}$/m);
    assert.deepEqual((await readdir(dir)).sort(), ['council-policy.docx', 'council.md'], 'no temporary file left');
  });

  it('says so when the document is missing, exit code 2', async () => {
    const result = await tool('policy-import', [path.join(dir, 'nope.docx'), '--out', path.join(dir, 'x.md')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot read .*nope\.docx: there is no such file\./);
    assert.equal(existsSync(path.join(dir, 'x.md')), false);
  });

  it('policy:check names every problem by line and exits 1', async () => {
    const file = path.join(dir, 'broken.md');
    await writeFile(file, ['# Policy', '## Webmail', 'Blocked.', '## Tethering {#webmail}', 'No hotspots.', '### Questions staff ask', '- hotspot', 'not a bullet', '## Empty {#empty}', ''].join('\n'));
    const result = await tool('policy-check', [file]);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0], /broken\.md line 2: the heading "Webmail" has no id: add \{#webmail\}/);
    assert.match(lines[1], /broken\.md line 4: the id "webmail" is already used on line 2/);
    assert.match(lines[2], /broken\.md line 7: the example question "hotspot" is too short/);
    assert.match(lines[3], /broken\.md line 8: under "### Questions staff ask" every line is a question starting with "- "/);
    assert.match(lines[4], /broken\.md line 9: the section "Empty" has no text/);
    assert.equal(lines[5], '5 problems: the bot will not use this policy until they are fixed.');
  });

  it('policy:check checks the synonym file too', async () => {
    const synonyms = path.join(dir, 'synonyms.json');
    await writeFile(synonyms, '{\n  "groups": [\n    { "term": "Web Mail", "words": [] }\n  ]\n}\n');
    const result = await exec(process.execPath, [path.join(projectRoot, 'dist', 'src', 'cli', 'policy-check.js')], { cwd: projectRoot, env: { ...process.env, POLICY_SYNONYMS_FILE: synonyms } }).catch((e: { code: number; stdout: string }) => e);
    assert.equal((result as { code?: number }).code, 1);
    assert.match(result.stdout, /synonyms\.json: is not a synonym list: groups\.0\.term: a group term is one lower-case word/);
    assert.match(result.stdout, /synonyms\.json: is not a synonym list: groups\.0\.words: /);
  });

  it('ask and eval answer an option they do not know with their usage and exit code 2, not a stack trace', async () => {
    for (const [name, usage] of [['ask', /^usage: npm run -s ask -- \[--json\] "your question"$/m], ['policy-eval', /^usage: npm run -s eval -- \[--misses \| --fit\]$/m]] as const) {
      const result = await tool(name, ['--help']);
      assert.equal(result.code, 2, name);
      assert.match(result.stderr, /Unknown option '--help'/);
      assert.match(result.stderr, usage);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
    const asked = await tool('ask', ['--json', 'can', 'i', 'use', 'hotmail']);
    assert.equal(asked.code, 0);
    assert.equal(JSON.parse(asked.stdout).sectionId, 'webmail');
  });
});
