/**
 * Optional: a language model phrases the answer, grounded only on the sections retrieval
 * found, through teams-ai's `ActionPlanner`. The prompt lives in `policy/prompts/`. Any
 * failure, a reply that cites nothing, or a reply that says the sections do not answer,
 * leaves the retrieval answer to stand on its own.
 */
import {
  ActionPlanner,
  OpenAIModel,
  PromptManager,
  Utilities,
  type Memory,
  type PromptCompletionModel
} from '@microsoft/teams-ai';
// teams-ai 1.7 does not re-export its message entity types from the package root.
import type { AIEntity, ClientCitation } from '@microsoft/teams-ai/lib/types/index.js';
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
  const common = { useSystemMessages: true, stream: false, logRequests: false, maxRetries: 1 };
  return llm.kind === 'azure-openai'
    ? new OpenAIModel({ ...common, azureApiKey: llm.apiKey, azureEndpoint: llm.endpoint, azureDefaultDeployment: llm.deployment })
    : new OpenAIModel({ ...common, apiKey: llm.apiKey, defaultModel: llm.model });
}

export class AnswerPhraser {
  readonly #planner: ActionPlanner;

  constructor(model: PromptCompletionModel) {
    const prompts = new PromptManager({ promptsFolder: PROMPTS_FOLDER });
    this.#planner = new ActionPlanner({ model, prompts, defaultPrompt: ANSWER_PROMPT, max_repair_attempts: 0 });
  }

  /**
   * Asks the model to answer from `sections` only.
   * @returns the phrased answer, or undefined when the retrieval answer should stand alone.
   * @throws never: a model error is returned as undefined with its reason in `onError`.
   */
  async phrase(context: TurnContext, question: string, sections: GroundingSection[], onError: (reason: string) => void): Promise<PhrasedAnswer | undefined> {
    const memory = new QuestionMemory();
    memory.setValue('temp.input', question);
    memory.setValue('temp.sections', sections.map((s, i) => `[${i + 1}] ${s.title}\n${s.text}`).join('\n\n'));
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), PHRASING_TIMEOUT_MS);
      });
      const response = await Promise.race([this.#planner.completePrompt<string>(context, memory, ANSWER_PROMPT), timeout]);
      if (response.status !== 'success') {
        onError(`model answered ${response.status}`);
        return undefined;
      }
      const content = typeof response.message?.content === 'string' ? response.message.content.trim() : '';
      if (!content || content.includes(NOT_IN_POLICY)) return undefined;
      const text = Utilities.formatCitationsResponse(content);
      const citations = Utilities.getUsedCitations(text, sections.map(toCitation));
      // An answer that cites no section cannot be checked against the policy: do not show it.
      if (!citations || citations.length === 0) {
        onError('model reply cited no section');
        return undefined;
      }
      return { text, citations };
    } catch (error) {
      onError((error as Error).message);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
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
