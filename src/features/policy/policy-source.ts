/** Loads the policy and its synonym list from files into a ready index. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/paths.js';
import { synonymFileSchema, type SynonymFile } from './analysis.js';
import { loadPolicy, PolicyFileError } from './policy-document.js';
import { PolicyIndex } from './retrieval.js';

/** The sample policy shipped with the bot. */
export const SAMPLE_POLICY_FILE = path.join(projectRoot, 'policy', 'acceptable-use.md');
/** The synonym list shipped with the bot. */
export const SAMPLE_SYNONYMS_FILE = path.join(projectRoot, 'policy', 'synonyms.json');

/**
 * Reads and checks a synonym file.
 * @throws PolicyFileError naming the file when it cannot be read or is not a synonym list.
 */
export function loadSynonyms(file: string): SynonymFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyFileError(`cannot read ${file} (POLICY_SYNONYMS_FILE): ${(error as Error).message}`);
  }
  const parsed = synonymFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new PolicyFileError(`${file} (POLICY_SYNONYMS_FILE) is not a synonym list: ${problem.path.join('.')}: ${problem.message}`);
  }
  return parsed.data;
}

/** Reads both files and indexes the policy; done once at start. */
export function loadPolicyIndex(policyFile = SAMPLE_POLICY_FILE, synonymsFile = SAMPLE_SYNONYMS_FILE): PolicyIndex {
  return new PolicyIndex(loadPolicy(policyFile), loadSynonyms(synonymsFile));
}
