/**
 * What the policy is not about. Staff ask the bot about pay, leave, parking or a system
 * being down too, often in words the policy also uses ("update my bank details in the
 * payroll system" shares "bank" with *Online banking*). Each topic here lists such
 * questions and says where they go, so retrieval can recognise them and the bot can point
 * the way instead of answering with an ICT rule. A council edits the "where" text.
 */
import { z } from 'zod';
import { PolicyFileError, readPolicyJson } from './policy-document.js';

export const otherTopicsFileSchema = z.object({
  topics: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/, 'a topic id is lower-case letters, digits and hyphens'),
      title: z.string().min(1),
      /** One sentence: who deals with such questions, shown to the person. */
      where: z.string().min(1).max(300),
      questions: z.array(z.string().min(1)).min(1)
    })
  )
});
export type OtherTopicsFile = z.infer<typeof otherTopicsFileSchema>;
export type OtherTopic = OtherTopicsFile['topics'][number];

/**
 * Reads and checks the other-topics file.
 * @throws PolicyFileError naming the file and the first problem.
 */
export function loadOtherTopics(file: string): OtherTopic[] {
  const topics = readPolicyJson(file, 'POLICY_OTHER_TOPICS_FILE', otherTopicsFileSchema, 'a list of other topics').topics;
  const ids = new Set<string>();
  for (const topic of topics) {
    if (ids.has(topic.id)) throw new PolicyFileError(`${file} (POLICY_OTHER_TOPICS_FILE) has two topics with the id "${topic.id}"`);
    ids.add(topic.id);
  }
  return topics;
}
