/** Loads the policy and the files that help read questions about it (synonyms, other topics, word vectors) into a ready index. */
import path from 'node:path';
import { projectRoot } from '../../config/paths.js';
import { synonymFileSchema, type SynonymFile } from './analysis.js';
import { loadOtherTopics } from './other-topics.js';
import { checkPolicyFiles, policyCheckError } from './policy-check.js';
import { readPolicyJson } from './policy-document.js';
import { PolicyIndex } from './retrieval.js';
import { WordVectors } from './word-vectors.js';

/** The sample policy shipped with the bot. */
export const SAMPLE_POLICY_FILE = path.join(projectRoot, 'policy', 'acceptable-use.md');
/** The word-vector table `npm run build` writes (see word-vectors.ts). */
export const WORD_VECTOR_FILE = path.join(projectRoot, 'dist', 'word-vectors.bin');
/** How many of the most frequent English words the table keeps: enough for "cuppa" and "skiving", small enough to read at start in milliseconds. */
export const WORD_VECTOR_LIMIT = 200_000;
/** The synonym list shipped with the bot. */
export const SAMPLE_SYNONYMS_FILE = path.join(projectRoot, 'policy', 'synonyms.json');

/**
 * Reads and checks a synonym file.
 * @throws PolicyFileError naming the file when it cannot be read or is not a synonym list.
 */
export function loadSynonyms(file: string): SynonymFile {
  return readPolicyJson(file, 'POLICY_SYNONYMS_FILE', synonymFileSchema, 'a synonym list');
}

/** The other topics shipped with the bot: pay, leave, parking and the like, and where they go. */
export const SAMPLE_OTHER_TOPICS_FILE = path.join(projectRoot, 'policy', 'other-topics.json');

/** Where the policy and the files that help read questions about it come from. */
export interface PolicySources {
  policyFile?: string;
  synonymsFile?: string;
  otherTopicsFile?: string;
  wordVectorFile?: string;
}

/** The files a policy index is built from, each resolved to the shipped one when unset. */
export function policyFiles(sources: PolicySources = {}): Required<PolicySources> {
  return {
    policyFile: sources.policyFile ?? SAMPLE_POLICY_FILE,
    synonymsFile: sources.synonymsFile ?? SAMPLE_SYNONYMS_FILE,
    otherTopicsFile: sources.otherTopicsFile ?? SAMPLE_OTHER_TOPICS_FILE,
    wordVectorFile: sources.wordVectorFile ?? WORD_VECTOR_FILE
  };
}

/**
 * Reads the files, checks them as `policy:check` does, and indexes the policy.
 * @throws PolicyFileError listing every problem the check found, one a line.
 */
export function loadPolicyIndex(sources: PolicySources = {}): PolicyIndex {
  const files = policyFiles(sources);
  const checked = checkPolicyFiles(files.policyFile, files.synonymsFile);
  if (checked.problems.length > 0) throw policyCheckError(checked.problems);
  return new PolicyIndex(checked.document!, checked.synonyms!, WordVectors.load(files.wordVectorFile), loadOtherTopics(files.otherTopicsFile));
}
