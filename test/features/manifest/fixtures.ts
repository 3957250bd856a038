/** The committed manifest template and env/.env.local values, for the manifest tests. */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEnvFiles } from '../../../src/config.js';
import { fillPlaceholders } from '../../../src/features/manifest/template.js';
import { manifestDir } from '../../../src/config/paths.js';

/** Parsed manifest JSON, loosely typed so tests can break any field. */
export type Json = Record<string, any>;

/** The committed template, parsed. */
export async function template(): Promise<Json> {
  return JSON.parse(await readFile(path.join(manifestDir, 'manifest.json'), 'utf8')) as Json;
}

/** The values in the committed env/.env.local. */
export function localValues(): Record<string, string | undefined> {
  return readEnvFiles('local');
}

/** The committed template filled with env/.env.local's values. */
export async function filledManifest(): Promise<Json> {
  return fillPlaceholders(await template(), { APP_VERSION: '1.2.3', ...localValues() }).manifest as Json;
}

/** A temporary copy of `manifest/`, with the template changed by `edit`. */
export async function manifestCopy(edit: (manifest: Json) => void = () => {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'manifest-'));
  await cp(manifestDir, dir, { recursive: true });
  const manifest = await template();
  edit(manifest);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
