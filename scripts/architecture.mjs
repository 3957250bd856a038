// Draws the dependency diagrams in docs/ARCHITECTURE.md from the code, with dependency-cruiser
// and the rule in .dependency-cruiser.cjs, so the pictures are never drawn by hand.
//   node scripts/architecture.mjs           rewrites the diagrams between their markers
//   node scripts/architecture.mjs --check   exits 1, changing nothing, when they are out of date
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const document = path.join(root, 'docs', 'ARCHITECTURE.md');
const depcruise = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Each diagram: which modules it folds into one box (dependency-cruiser's `--collapse`). */
const DIAGRAMS = {
  // One box per layer (and per edge file): the arrows must all point down the layers.
  layers: '^src/(features|store|shared|cli|guards|config|telemetry)|^src/[a-z-]+[.]ts$',
  // One box per feature: no arrow may join two features.
  features: '^src/features/[^/]+|^src/(store|shared|cli|guards|config|telemetry)|^src/[a-z-]+[.]ts$'
};

function mermaid(collapse) {
  const output = execFileSync(
    process.execPath,
    [depcruise, '--config', '.dependency-cruiser.cjs', '--include-only', '^src/', '--collapse', collapse, '--output-type', 'mermaid', 'src'],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }
  );
  return output.trim();
}

const current = readFileSync(document, 'utf8');
let next = current;
for (const [name, collapse] of Object.entries(DIAGRAMS)) {
  const start = `<!-- diagram:${name} (npm run -s architecture draws it) -->`;
  const end = `<!-- /diagram:${name} -->`;
  const from = next.indexOf(start);
  const to = next.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/ARCHITECTURE.md has no ${start} ... ${end} markers`);
  next = `${next.slice(0, from + start.length)}\n\`\`\`mermaid\n${mermaid(collapse)}\n\`\`\`\n${next.slice(to)}`;
}

if (process.argv.includes('--check')) {
  if (next !== current) {
    process.stderr.write('docs/ARCHITECTURE.md: the dependency diagrams are out of date; run `npm run -s architecture`\n');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(document, next);
  process.stdout.write('docs/ARCHITECTURE.md: diagrams redrawn\n');
} else {
  process.stdout.write('docs/ARCHITECTURE.md: diagrams already current\n');
}
