/**
 * Optional: a language model phrases the answer, grounded only on the sections retrieval
 * found. The prompt lives in `policy/prompts/` and is rendered by teams-ai's `PromptManager`;
 * the model is asked directly rather than through `ActionPlanner`, whose client would stream
 * the model's raw words to any chat (group chats included, "NOT_IN_POLICY" and uncited text
 * too) as soon as the model streams. Here the caller sees the words as they come
 * ({@link PhraseOptions.onText}) and decides what to show. Any failure, a reply that cites
 * nothing, or a reply that says the sections do not answer, leaves the retrieval answer to
 * stand on its own.
 */
import {
  GPTTokenizer,
  OpenAIModel,
  PromptManager,
  Utilities,
  type Memory,
  type PromptChunk,
  type PromptCompletionModel
} from '@microsoft/teams-ai';
// teams-ai 1.7 does not re-export its message entity types from the package root.
import type { AIEntity, ClientCitation, PromptResponse } from '@microsoft/teams-ai/lib/types/index.js';
import type { TurnContext } from 'botbuilder';
import path from 'node:path';
import type { LlmConfig } from '../../config.js';
import { projectRoot } from '../../config/paths.js';

/** The prompt's name: `policy/prompts/policy-answer/`. */
export const ANSWER_PROMPT = 'policy-answer';
/** What the prompt tells the model to reply when the sections do not answer. */
export const NOT_IN_POLICY = 'NOT_IN_POLICY';
/**
 * A model slower than this is abandoned, and the retrieval answer already sent stands alone.
 * Teams gives a message turn about 15 seconds before it delivers the message again; retrieval
 * and sending the card come first, so the model gets well under that.
 */
export const PHRASING_TIMEOUT_MS = 8_000;
const PROMPTS_FOLDER = path.join(projectRoot, 'policy', 'prompts');

/** A section the model may use, numbered in the order given. */
export interface GroundingSection {
  title: string;
  text: string;
  link: string;
}

export interface PhrasedAnswer {
  /** The model's answer with citation markers [1], [2]. */
  text: string;
  /** Teams citations for the sections the text cites. */
  citations: ClientCitation[];
}

/** The prompt's variables for one question; teams-ai reads them as `temp.*`. */
class QuestionMemory implements Memory {
  readonly #values = new Map<string, unknown>();
  #key(path: string): string {
    return path.includes('.') ? path : `temp.${path}`;
  }
  deleteValue(path: string): void {
    this.#values.delete(this.#key(path));
  }
  hasValue(path: string): boolean {
    return this.#values.has(this.#key(path));
  }
  getValue<TValue = unknown>(path: string): TValue {
    return this.#values.get(this.#key(path)) as TValue;
  }
  setValue(path: string, value: unknown): void {
    this.#values.set(this.#key(path), value);
  }
}

/** The OpenAI or Azure OpenAI model for the configured keys. */
export function createModel(llm: LlmConfig): PromptCompletionModel {
  // Streamed, so that a 1:1 chat sees the answer as it is written; the whole reply still comes back at the end.
  const common = { useSystemMessages: true, stream: true, logRequests: false, maxRetries: 1 };
  return llm.kind === 'azure-openai'
    ? new OpenAIModel({ ...common, azureApiKey: llm.apiKey, azureEndpoint: llm.endpoint, azureDefaultDeployment: llm.deployment })
    : new OpenAIModel({ ...common, apiKey: llm.apiKey, defaultModel: llm.model });
}

export interface PhraseOptions {
  /** How long the model may take, from when it is asked (default {@link PHRASING_TIMEOUT_MS}). */
  timeoutMs?: number;
  /**
   * Called with the reply so far each time the model writes more (a model that streams), and
   * with the whole reply when it comes, if that is more than the chunks gave. Not called after
   * the timeout.
   */
  onText?: (replySoFar: string) => void;
}

export class AnswerPhraser {
  readonly #model: PromptCompletionModel;
  readonly #prompts = new PromptManager({ promptsFolder: PROMPTS_FOLDER });
  readonly #tokenizer = new GPTTokenizer();

  constructor(model: PromptCompletionModel) {
    this.#model = model;
  }

  /**
   * Asks the model to answer from `sections` only.
   * @returns the phrased answer, or undefined when the retrieval answer should stand alone.
   * @throws never: a model error is returned as undefined with its reason in `onError`.
   */
  async phrase(context: TurnContext, question: string, sections: GroundingSection[], onError: (reason: string) => void, options: PhraseOptions = {}): Promise<PhrasedAnswer | undefined> {
    const { timeoutMs = PHRASING_TIMEOUT_MS, onText } = options;
    const memory = new QuestionMemory();
    memory.setValue('temp.input', question);
    memory.setValue('temp.sections', sections.map((s, i) => `[${i + 1}] ${s.title}\n${s.text}`).join('\n\n'));
    let written = '';
    let late = false;
    // The model's events are shared by every turn: take only this question's chunks.
    const onChunk = (_context: TurnContext, chunkMemory: Memory, chunk: PromptChunk) => {
      const more = chunk.delta?.content;
      if (late || chunkMemory !== memory || typeof more !== 'string' || !more) return;
      written += more;
      onText?.(written);
    };
    this.#model.events?.on('chunkReceived', onChunk);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      });
      const completion = (async (): Promise<PromptResponse<string>> => {
        const template = await this.#prompts.getPrompt(ANSWER_PROMPT);
        return this.#model.completePrompt(context, memory, this.#prompts, this.#tokenizer, template);
      })();
      const response = await Promise.race([completion, timeout]);
      if (response.status !== 'success') {
        onError(`model answered ${response.status}`);
        return undefined;
      }
      const reply = typeof response.message?.content === 'string' ? response.message.content : '';
      // A model that does not stream gives its words only here.
      if (reply.length > written.length && reply.startsWith(written)) {
        written = reply;
        onText?.(written);
      }
      const content = reply.trim();
      if (!content || content.includes(NOT_IN_POLICY)) return undefined;
      const text = Utilities.formatCitationsResponse(content);
      const citations = citedSections(text, sections);
      // An answer that cites no section cannot be checked against the policy: do not show it.
      if (citations.length === 0) {
        onError('model reply cited no section');
        return undefined;
      }
      return { text, citations };
    } catch (error) {
      onError((error as Error).message);
      return undefined;
    } finally {
      late = true;
      clearTimeout(timer);
      this.#model.events?.off('chunkReceived', onChunk);
    }
  }
}

/** Teams citations for the sections `text` cites as [1], [2]..., keeping their numbers. */
export function citedSections(text: string, sections: GroundingSection[]): ClientCitation[] {
  return Utilities.getUsedCitations(text, sections.map(toCitation)) ?? [];
}

function toCitation(section: GroundingSection, i: number): ClientCitation {
  return {
    '@type': 'Claim',
    position: i + 1,
    appearance: { '@type': 'DigitalDocument', name: section.title, url: section.link, abstract: Utilities.snippet(section.text, 477) }
  };
}

/** The entity that labels a message as AI-generated in Teams and carries its citations. */
export function aiEntity(citations: ClientCitation[]): AIEntity {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
    citation: citations
  };
}
