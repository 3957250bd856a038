/**
 * Offline validation against the official Teams app manifest schema bundled in
 * `@microsoft/app-manifest`. The schema is read from the package's own files and passed to
 * `AppManifestUtils.validateAgainstSchema` explicitly: given no schema, the library would
 * download it, and packaging must work (and fail) without a network.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/** The only schema address form Teams publishes: `.../teams/v<version>/MicrosoftTeams.schema.json`. */
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v([0-9.]+)\/MicrosoftTeams\.schema\.json$/;

const require = createRequire(import.meta.url);
const packageMain = require.resolve('@microsoft/app-manifest');
const bundledSchemas = path.join(path.dirname(packageMain), 'json-schemas', 'teams');

/** The version of `@microsoft/app-manifest` whose schemas are used. */
export const APP_MANIFEST_PACKAGE_VERSION = (
  JSON.parse(readFileSync(path.join(path.dirname(packageMain), '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** One thing wrong with the manifest: where (a JSON pointer, `/` for the whole file) and what. */
export interface ManifestProblem {
  path: string;
  message: string;
}

type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

/** The v1.x schema versions bundled in the installed `@microsoft/app-manifest`, oldest first. */
function bundledVersions(): string[] {
  return readdirSync(bundledSchemas)
    .filter((name) => /^v1\.\d+$/.test(name) && existsSync(schemaFile(name.slice(1))))
    .map((name) => name.slice(1))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

function schemaFile(version: string): string {
  return path.join(bundledSchemas, `v${version}`, 'MicrosoftTeams.schema.json');
}

/**
 * Reads the bundled schema that a manifest's `$schema` names, checking that `manifestVersion`
 * is the same version.
 * @returns the schema and its version, or the problem that stops validation.
 */
export function bundledSchemaFor(manifest: Record<string, unknown>): { schema: Schema; version: string } | ManifestProblem {
  const url = manifest.$schema;
  const match = typeof url === 'string' ? SCHEMA_URL.exec(url) : null;
  if (!match) {
    return { path: '/$schema', message: 'must be https://developer.microsoft.com/json-schemas/teams/v<version>/MicrosoftTeams.schema.json' };
  }
  const version = match[1];
  if (manifest.manifestVersion !== version) {
    return { path: '/manifestVersion', message: `must be "${version}", the version $schema names (it is ${JSON.stringify(manifest.manifestVersion)})` };
  }
  const file = schemaFile(version);
  if (!existsSync(file)) {
    return {
      path: '/$schema',
      message: `schema v${version} is not bundled in @microsoft/app-manifest ${APP_MANIFEST_PACKAGE_VERSION} (bundled: ${bundledVersions().slice(-6).join(', ')})`
    };
  }
  // The library cleans the same two escapes (\a, \v) that JSON does not allow before parsing.
  const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return { schema: JSON.parse(text) as Schema, version };
}

/** The schema's common patterns, in words an admin can act on. */
const PATTERN_WORDS: Record<string, string> = {
  '^#[0-9a-fA-F]{6}$': 'must be a colour written like #1D4F91',
  '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$': 'must be a GUID such as 6d0c7a2e-5b1f-4c3a-9e8d-2f4b6a1c0e57',
  '^[Hh][Tt][Tt][Pp][Ss]?://': 'must be a web address starting https://'
};

/**
 * Turns one of the library's error lines ("<instancePath> <message>. Details: <params>") into
 * a path and a message, naming the property itself for "required" and "additional" errors.
 */
export function parseSchemaError(line: string): ManifestProblem {
  const match = /^(\S*) (.*?)(?:\. Details: (.*))?$/s.exec(line);
  if (!match) return { path: '/', message: line };
  const [, at, message, details] = match;
  let params: Record<string, unknown> = {};
  try {
    params = details ? (JSON.parse(details) as Record<string, unknown>) : {};
  } catch {
    // Details are only used to name a property more exactly; the message stands without them.
  }
  if (typeof params.missingProperty === 'string') return { path: `${at}/${params.missingProperty}`, message: 'is required' };
  if (typeof params.additionalProperty === 'string') {
    return { path: `${at}/${params.additionalProperty}`, message: 'is not a property the schema allows here' };
  }
  if (typeof params.pattern === 'string' && PATTERN_WORDS[params.pattern]) return { path: at || '/', message: PATTERN_WORDS[params.pattern] };
  if (Array.isArray(params.allowedValues)) {
    return { path: at || '/', message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { path: at || '/', message };
}

/**
 * Validates a filled manifest against the bundled schema its `$schema` names, offline.
 * @returns every problem found (empty when valid) and the schema version used.
 */
export async function validateAgainstBundledSchema(
  manifest: Record<string, unknown>
): Promise<{ problems: ManifestProblem[]; version?: string }> {
  const found = bundledSchemaFor(manifest);
  if (!('schema' in found)) return { problems: [found] };
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, found.schema);
  const problems = errors.map(parseSchemaError);
  // allErrors reports one line per failing keyword; keep each distinct problem once.
  const unique = new Map(problems.map((p) => [`${p.path} ${p.message}`, p]));
  return { problems: [...unique.values()], version: found.version };
}
