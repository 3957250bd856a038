/**
 * The model's answer streamed into a 1:1 chat as it is written, with teams-ai's
 * `StreamingResponse` (Teams streams in 1:1 chats only): "Searching the policy…" first, then
 * the words, then the final message with Teams' "AI generated" label, citations to the policy
 * sections it used and Teams' thumbs up/down feedback loop.
 *
 * Nothing is shown until the reply cites a section: a reply that cites none (or says
 * "NOT_IN_POLICY") is never used, so it must never be half shown either. The quoted answer
 * card has gone out before this starts, so whatever happens here the person has the policy's
 * own words.
 */
import { StreamingResponse } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { citedSections, PHRASING_TIMEOUT_MS, type AnswerPhraser, type GroundingSection } from './phrasing.js';

/** The informative update Teams shows while the model starts. */
export const SEARCHING_MESSAGE = 'Searching the policy\u2026';
/** The final message when the model had nothing usable to add. */
export const NOTHING_TO_ADD = 'The answer above quotes the policy itself.';
/** Added to a streamed answer the model did not finish in time (or that failed part way). */
export const STOPPED_EARLY = ' \u2026 (This answer stopped early. The answer above quotes the policy itself.)';
/**
 * What closing a stream may take after the model is cut off: teams-ai pauses 1.5 s after each
 * streamed send (Teams' pace for stream updates), one for the update in flight and one for the
 * final message. The model gets what is left of {@link PHRASING_TIMEOUT_MS}, so the streamed
 * answer ends within the same bound as the unstreamed one.
 */
export const STREAM_CLOSE_MS = 3_000;

/**
 * Streams the phrased answer to `sections` into the chat of `context` (a 1:1 chat).
 * @returns the id of the final message when it carries the model's answer and the feedback
 *   loop (a vote on it arrives with this id as `replyToId`), else undefined.
 * @throws never: a failed send is reported through `onError`; the card already sent stands.
 */
export async function streamAnswer(
  context: TurnContext,
  phraser: AnswerPhraser,
  question: string,
  sections: GroundingSection[],
  onError: (reason: string) => void
): Promise<string | undefined> {
  const stream = new StreamingResponse(context);
  // teams-ai sends in the background; a failed send rejects a promise nobody else holds.
  let sendFailed = false;
  const watch = () => void stream.waitForQueue().catch(() => (sendFailed = true));
  stream.queueInformativeUpdate(SEARCHING_MESSAGE);
  watch();
  stream.setCitations(sections.map((s) => ({ title: s.title, content: s.text, url: s.link, filepath: null })));
  // teams-ai 1.7 leaves the link out of the citations it makes; Teams shows it when given.
  for (const citation of stream.citations ?? []) citation.appearance.url = sections[citation.position - 1]?.link;

  let shown = 0;
  const phrased = await phraser.phrase(context, question, sections, onError, {
    timeoutMs: PHRASING_TIMEOUT_MS - STREAM_CLOSE_MS,
    onText: (replySoFar) => {
      if (replySoFar.length <= shown) return;
      if (shown === 0 && citedSections(replySoFar, sections).length === 0) return;
      stream.queueTextChunk(replySoFar.slice(shown));
      shown = replySoFar.length;
      watch();
    }
  });

  const byModel = shown > 0;
  if (!byModel) stream.queueTextChunk(NOTHING_TO_ADD);
  else if (!phrased) stream.queueTextChunk(STOPPED_EARLY);
  keepCited(stream, sections);
  stream.setGeneratedByAILabel(byModel);
  stream.setFeedbackLoop(byModel);
  try {
    await stream.endStream();
  } catch (error) {
    onError(`stream not sent: ${(error as Error).message}`);
    return undefined;
  }
  if (sendFailed) {
    onError('a streamed update was not sent');
  }
  return byModel ? stream.streamId : undefined;
}

/** Leaves on the stream only the citations its text uses, keeping their numbers. */
function keepCited(stream: StreamingResponse, sections: GroundingSection[]): void {
  const all = stream.citations ?? [];
  const used = new Set(citedSections(stream.getMessage(), sections).map((c) => c.position));
  const kept = all.filter((c) => used.has(c.position));
  all.splice(0, all.length, ...kept);
}
