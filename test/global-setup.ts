/**
 * Before any test, as `policy:check` does after a build: the meanings of the sample policy
 * and of the imported policies the tests read are encoded and kept in
 * dist/sentence-vectors.json. On a clean clone that takes about 20 seconds; afterwards no test
 * waits for a whole policy to be encoded, only for the texts it makes up itself.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { loadPolicyIndex } from '../src/features/policy/policy-source.js';

export async function mochaGlobalSetup(): Promise<void> {
  const fixtures = path.join(projectRoot, 'test', 'fixtures');
  const policies = readdirSync(fixtures).filter((name) => /^council-policy(-\d+)?\.md$/.test(name));
  await loadPolicyIndex().ready();
  for (const name of policies) await loadPolicyIndex({ policyFile: path.join(fixtures, name) }).ready();
}
