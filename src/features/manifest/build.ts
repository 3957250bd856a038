/**
 * Builds the Teams app package an admin uploads: the filled manifest and its two icons in
 * one zip, written only when every check passes (schema, commands, links, icons, values).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { COMMANDS } from '../../shared/commands.js';
import { formatProblems, commandListProblems, iconFiles } from './checks.js';
import { iconProblems, type IconKind } from './icons.js';
import { addPolicyLinkHandler } from './link-unfurling.js';
import { validateAgainstBundledSchema, type ManifestProblem } from './schema.js';
import { fillPlaceholders } from './template.js';

/** The manifest template's file name inside the manifest folder (and inside the zip). */
export const MANIFEST_FILE = 'manifest.json';

/** A fixed time for every zip entry, so the same inputs give the same package bytes. */
const ENTRY_DATE = new Date('2026-01-01T00:00:00Z');

export interface PackageOptions {
  /** The environment's name: `env/.env.<envName>` and `appPackage.<envName>.zip`. */
  envName: string;
  /** The environment's variables, filling the template's `${{NAME}}` placeholders. */
  values: Readonly<Record<string, string | undefined>>;
  /** The product's version, used for `${{APP_VERSION}}` unless `values` sets it. */
  appVersion: string;
  /** The folder holding `manifest.json` and the icons. */
  manifestDir: string;
  /** The folder the zip is written to. */
  outDir: string;
}

export type PackageResult =
  | { ok: true; zipPath: string; files: string[]; schemaVersion: string }
  | { ok: false; problems: ManifestProblem[] };

/**
 * Fills, checks and zips the app package.
 * @returns where the zip is, or every problem found (and then nothing is written).
 */
export async function buildAppPackage(options: PackageOptions): Promise<PackageResult> {
  const templatePath = path.join(options.manifestDir, MANIFEST_FILE);
  let template: unknown;
  try {
    template = JSON.parse(await readFile(templatePath, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [{ path: templatePath, message: `cannot be read as JSON: ${(error as Error).message}` }] };
  }
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    return { ok: false, problems: [{ path: templatePath, message: 'must hold a JSON object' }] };
  }

  const appVersion = options.values.APP_VERSION?.trim() || options.appVersion;
  const filled = fillPlaceholders(template, { ...options.values, APP_VERSION: appVersion });
  const manifest = filled.manifest as Record<string, unknown>;
  const envFile = `env/.env.${options.envName}`;
  const problems: ManifestProblem[] = filled.missing.map(({ name, paths }) => ({
    path: paths.join(', '),
    message: `needs ${name}, which is not set in ${envFile} (or its .user file)`
  }));
  // A placeholder left unfilled would also fail its pattern; name the missing value once.
  const unfilled = new Set(filled.missing.flatMap((missing) => missing.paths));
  problems.push(...addPolicyLinkHandler(manifest, options.values.POLICY_URL));

  const schema = await validateAgainstBundledSchema(manifest);
  const checked = [...schema.problems, ...commandListProblems(manifest, COMMANDS), ...formatProblems(manifest)];
  for (const problem of checked) {
    if (unfilled.has(problem.path)) continue;
    const names = filled.filledFrom.get(problem.path);
    problems.push(names ? { ...problem, message: `${problem.message} (check ${names.join(', ')} in ${envFile})` } : problem);
  }

  const icons = iconFiles(manifest);
  problems.push(...icons.problems);
  const iconBytes = new Map<string, Buffer>();
  for (const kind of ['color', 'outline'] as IconKind[]) {
    const file = icons[kind];
    if (!file) continue;
    try {
      const bytes = await readFile(path.join(options.manifestDir, file));
      iconBytes.set(file, bytes);
      problems.push(...iconProblems(kind, bytes).map((message) => ({ path: `/icons/${kind}`, message: `${file} ${message}` })));
    } catch (error) {
      problems.push({ path: `/icons/${kind}`, message: `${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
  }

  if (problems.length > 0 || !schema.version) return { ok: false, problems };

  const zip = new JSZip();
  zip.file(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`, { date: ENTRY_DATE });
  for (const [file, bytes] of iconBytes) zip.file(file, bytes, { date: ENTRY_DATE });
  const zipPath = path.join(options.outDir, `appPackage.${options.envName}.zip`);
  await mkdir(options.outDir, { recursive: true });
  await writeFile(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { ok: true, zipPath, files: [MANIFEST_FILE, ...iconBytes.keys()], schemaVersion: schema.version };
}
