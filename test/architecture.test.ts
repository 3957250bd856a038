/**
 * The dependency rule in `.dependency-cruiser.cjs`, checked on every `npm test`: one test per
 * rule over the real code, so a back-arrow fails CI and the failure names the rule and the
 * import; a made-up tree with one back-arrow per rule, so a rule that stopped matching
 * anything fails too; and the diagrams in docs/ARCHITECTURE.md drawn from the code as it is.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';

const CONFIG = path.join(projectRoot, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(projectRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const rules = (createRequire(import.meta.url)(CONFIG) as { forbidden: Array<{ name: string; comment: string }> }).forbidden;

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: Array<{ name: string }>;
}

/** Runs dependency-cruiser with the project's rule in `cwd`; the violations it finds. */
function cruise(cwd: string, folders: string[]): Violation[] {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...folders], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && !run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const shown = (v: Violation) => (v.cycle ? [v.from, ...v.cycle.map((step) => step.name)].join(' -> ') : `${v.from} -> ${v.to}`);

describe('architecture: the dependency rule holds in the code', function () {
  this.timeout(120_000);
  let violations: Violation[];
  before(() => {
    violations = cruise(projectRoot, ['src', 'test', 'bench']);
  });

  for (const rule of rules) {
    it(`${rule.name}: ${rule.comment}`, () => {
      assert.deepEqual(violations.filter((v) => v.rule.name === rule.name).map(shown), []);
    });
  }
});

/** A tree breaking every rule once: file -> what it imports. */
const BACK_ARROWS: Record<string, { imports: string; breaks: string }> = {
  'src/config.ts': { imports: "import './shared/a.js';", breaks: 'base-imports-nothing-of-the-bot' },
  'src/store/s.ts': { imports: "import '../shared/a.js';", breaks: 'store-imports-nothing-of-the-bot' },
  'src/shared/a.ts': { imports: "import '../features/one/f.js';", breaks: 'shared-imports-no-feature-or-edge' },
  'src/features/one/f.ts': { imports: "import '../two/g.js';", breaks: 'feature-imports-no-other-feature' },
  'src/features/two/g.ts': { imports: "import '../../app.js';", breaks: 'feature-imports-no-edge' },
  'src/app.ts': { imports: "import './index.js';", breaks: 'nothing-imports-index' },
  'src/index.ts': { imports: "import '../test/t.js';", breaks: 'bot-imports-no-tests' },
  'src/shared/c1.ts': { imports: "import './c2.js';", breaks: 'no-circular' },
  'src/shared/dev.ts': { imports: "import 'sinon';", breaks: 'bot-imports-no-dev-dependency' },
  'src/shared/typo.ts': { imports: "import './no-such-module.js';", breaks: 'not-to-unresolvable' }
};

describe('architecture: every rule catches the back-arrow it is for', function () {
  this.timeout(60_000);
  let dir: string;
  let violations: Violation[];
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dependency-rule-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    for (const [file, { imports }] of Object.entries(BACK_ARROWS)) write(file, `${imports}\nexport const here = 1;\n`);
    write('src/shared/c2.ts', "import './c1.js';\nexport const there = 2;\n");
    write('test/t.ts', 'export const t = 1;\n');
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src', 'test'] }));
    write('package.json', JSON.stringify({ name: 'fixture', type: 'module', devDependencies: { sinon: '*' } }));
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    violations = cruise(dir, ['src', 'test']);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has a back-arrow for every rule', () => {
    assert.deepEqual(new Set(Object.values(BACK_ARROWS).map((arrow) => arrow.breaks)), new Set(rules.map((rule) => rule.name)));
  });

  for (const [file, { breaks }] of Object.entries(BACK_ARROWS)) {
    it(`${breaks} reports ${file}`, () => {
      assert.ok(
        violations.some((v) => v.rule.name === breaks && (v.from === file || v.cycle?.some((step) => step.name === file))),
        `expected ${breaks} from ${file}; found ${violations.map((v) => `${v.rule.name}: ${shown(v)}`).join('; ')}`
      );
    });
  }
});

describe('architecture: docs/ARCHITECTURE.md', function () {
  this.timeout(60_000);
  it('shows the dependency diagrams as the code draws them (npm run -s architecture redraws them)', () => {
    execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'architecture.mjs'), '--check'], { cwd: projectRoot, stdio: 'pipe' });
  });
});
