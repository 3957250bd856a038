/**
 * Builds and validates the Teams app package for one environment:
 * `npm run package -- --env <name> [--out <folder>]` writes `build/appPackage.<name>.zip`
 * from `manifest/` and `env/.env.<name>`. Exits 1 on any problem, 2 on a usage mistake.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, environmentValues, packageVersion } from '../config.js';
import { buildAppPackage } from '../features/manifest/build.js';
import { APP_MANIFEST_PACKAGE_VERSION } from '../features/manifest/schema.js';
import { manifestDir, projectRoot } from '../config/paths.js';

const USAGE = 'usage: npm run package -- --env <name> [--out <folder>]   (reads env/.env.<name>)';

/** The path relative to the current folder when it is inside it, else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { env: { type: 'string' }, out: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!args.env) {
    process.stderr.write(`Say which environment to package.\n${USAGE}\n`);
    return 2;
  }
  const envName = args.env;
  let values;
  try {
    values = environmentValues(envName);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Cannot build the app package: ${error.message}\n`);
    return 1;
  }

  const result = await buildAppPackage({
    envName,
    values,
    appVersion: packageVersion(),
    manifestDir,
    outDir: path.resolve(args.out ?? path.join(projectRoot, 'build'))
  });
  if (!result.ok) {
    const count = result.problems.length;
    process.stderr.write(`The app package for "${envName}" was NOT built: ${count} problem${count === 1 ? '' : 's'} in manifest/manifest.json\n`);
    for (const problem of result.problems) process.stderr.write(`  ${problem.path}: ${problem.message}\n`);
    return 1;
  }
  process.stdout.write(
    `App package for "${envName}": ${shortPath(result.zipPath)}\n` +
      `  holds ${result.files.join(', ')}\n` +
      `  validated offline against the Teams app manifest schema v${result.schemaVersion} ` +
      `(bundled in @microsoft/app-manifest ${APP_MANIFEST_PACKAGE_VERSION}), command lists and icons checked\n`
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Cannot build the app package: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
);
