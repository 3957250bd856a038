/** Loads the policy and the files that help read questions about it (synonyms, other topics) into an index. */
import path from 'node:path';
import type { Config } from '../../config.js';
import { projectRoot } from '../../config/paths.js';
import { synonymFileSchema, type SynonymFile } from './analysis.js';
import { loadOtherTopics } from './other-topics.js';
import { checkPolicyFiles, policyCheckError } from './policy-check.js';
import { readPolicyJson } from './policy-document.js';
import { PolicyIndex } from './retrieval.js';
import { SENTENCE_VECTOR_FILE, SentenceMeaning } from './sentence-meaning.js';

/** The sample policy shipped with the bot. */
export const SAMPLE_POLICY_FILE = path.join(projectRoot, 'policy', 'acceptable-use.md');
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
  /** Where the vectors of the policy's texts are kept between starts. */
  vectorsFile?: string;
}

/** The policy's files as the configuration names them; `policyFile` in place of POLICY_FILE's when given. */
export function configuredSources(policy: Config['policy'], policyFile = policy.file): PolicySources {
  return { policyFile, synonymsFile: policy.synonymsFile, otherTopicsFile: policy.otherTopicsFile, vectorsFile: policy.vectorsFile };
}

/** The files a policy index is built from, each resolved to the shipped one when unset. */
export function policyFiles(sources: PolicySources = {}): Required<PolicySources> {
  return {
    policyFile: sources.policyFile ?? SAMPLE_POLICY_FILE,
    synonymsFile: sources.synonymsFile ?? SAMPLE_SYNONYMS_FILE,
    otherTopicsFile: sources.otherTopicsFile ?? SAMPLE_OTHER_TOPICS_FILE,
    vectorsFile: sources.vectorsFile ?? SENTENCE_VECTOR_FILE
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
  return new PolicyIndex(checked.document!, checked.synonyms!, loadOtherTopics(files.otherTopicsFile), SentenceMeaning.shared(files.vectorsFile));
}
