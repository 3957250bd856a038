/**
 * Link unfurling for the policy: when `POLICY_URL` is set, the compose extension registers a
 * link message handler for the policy's host, so Teams asks the bot to preview a pasted
 * `POLICY_URL#section-id`. Without it the package has no message handler (a placeholder
 * domain would make Teams call the bot for links it cannot preview).
 */
import type { ManifestProblem } from './schema.js';

/**
 * Adds `messageHandlers` for `policyUrl`'s host to the manifest's compose extension.
 * @param manifest the filled manifest; changed in place.
 * @param policyUrl the environment's `POLICY_URL`; unset or blank adds nothing.
 * @returns problems with the address (then nothing is added).
 */
export function addPolicyLinkHandler(manifest: Record<string, unknown>, policyUrl: string | undefined): ManifestProblem[] {
  const value = policyUrl?.trim();
  if (!value) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ path: '/composeExtensions/0/messageHandlers', message: `POLICY_URL must be a web address such as https://intranet.example/acceptable-use, not "${value}"` }];
  }
  if (url.protocol !== 'https:') {
    return [{ path: '/composeExtensions/0/messageHandlers', message: `POLICY_URL must be an https:// address for Teams to preview its links, not "${value}"` }];
  }
  const extensions = manifest.composeExtensions;
  if (!Array.isArray(extensions) || !extensions[0] || typeof extensions[0] !== 'object') {
    return [{ path: '/composeExtensions', message: 'needs the policy search extension, which carries the policy link handler' }];
  }
  (extensions[0] as Record<string, unknown>).messageHandlers = [{ type: 'link', value: { domains: [url.host] } }];
  return [];
}
