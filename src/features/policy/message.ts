/**
 * Reading a chat message the way a person would before looking anything up: staff write
 * "Hi, I'm a care worker and out on visits all day. Can I leave my laptop in the car?
 * Cheers". The greeting and the sign-off say nothing, the middle sentence is context, the
 * question is what to answer. This splits a message into sentences and weighs them: the
 * sentences that ask count fully, the context counts less, and what carries no meaning
 * (greetings, thanks) is dropped by the analyser anyway.
 */

/** How much a sentence that does not ask counts, when another sentence does. */
export const CONTEXT_WEIGHT = 0.5;

/** A part of the message and how much it counts. */
export interface WeightedSentence {
  text: string;
  weight: number;
  asks: boolean;
}

/** Words that open a question in English, and the ways staff ask without a question mark. */
const ASKING_START =
  /^(?:can|could|cn|am|is|isnt|are|arent|do|does|doesnt|did|dont|should|shouldnt|would|will|may|might|must|have|has|what|whats|why|how|hows|who|whos|where|wheres|when|which|any|anyone|ok|okay|quick)\b/;
const ASKING_INSIDE = /\b(?:allowed|alright to|ok to|okay to|fine to|wondering|not sure (?:if|whether|what|how)|do you know|can (?:i|we|you|staff)|am i|are we|is it|is there|should i|do i|what do|what should|who do|how do)\b/;

/** Lower case with apostrophes dropped, for recognising how a sentence is put. */
function plain(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, '')
    .replace(/^[^a-z0-9]+/, '');
}

/** True when the sentence asks something (a question mark, or the words of a question). */
export function asks(sentence: string): boolean {
  const words = plain(sentence);
  return /\?\s*$/.test(sentence) || ASKING_START.test(words) || ASKING_INSIDE.test(words);
}

/**
 * Splits a message into sentences (at full stops, question and exclamation marks, and line
 * breaks) and weighs them: when some sentences ask, the others count {@link CONTEXT_WEIGHT}.
 * A message with no sentence that asks ("personal email on work laptop") counts whole.
 */
export function readMessage(message: string): WeightedSentence[] {
  const sentences = message
    .replace(/[ \t]+/g, ' ')
    // "e.g." and "i.e." and dotted names ("outlook.com") are not sentence ends.
    .split(/(?<=[?!]+|(?<![a-z]\.[a-z])\.+)\s+|\n+/i)
    .map((s) => s.trim())
    .filter((s) => /[a-z0-9]/i.test(s));
  const asking = sentences.map(asks);
  const anyAsks = asking.some(Boolean);
  return sentences.map((text, i) => ({ text, asks: asking[i], weight: !anyAsks || asking[i] ? 1 : CONTEXT_WEIGHT }));
}
