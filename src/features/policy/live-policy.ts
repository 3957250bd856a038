/**
 * The policy the bot answers from, swapped while it runs: an admin's "policy reload" (or the
 * file changing, with POLICY_WATCH) re-reads the file and swaps the new policy in only when it
 * passes the policy check. Every index goes in through one function, {@link LivePolicy.install},
 * which re-applies the questions the policy owner linked to sections, so a reload never loses them.
 *
 * Instances sharing a PostgreSQL store share the policy in force: a reload stores the
 * policy's text in the shared bot state, and each instance, before answering, looks (at most
 * every {@link POLICY_FOLLOW_INTERVAL_MS}) whether it changed and, checked, takes it up once
 * its meanings are encoded.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { BotStateStore } from '../../store/bot-state.js';
import { loadOtherTopics } from './other-topics.js';
import { checkPolicySources, policyCheckError } from './policy-check.js';
import { policyFiles, type PolicySources } from './policy-source.js';
import { PolicyIndex, type LearnedQuestion } from './retrieval.js';
import { SentenceMeaning } from './sentence-meaning.js';

/** The shared bot-state key under which instances publish the policy in force. */
export const POLICY_STATE_KEY = 'policy/in-force';
/** How often, at most, an instance looks for a policy another instance reloaded. */
export const POLICY_FOLLOW_INTERVAL_MS = 30_000;

/** The policy in force as instances publish it to each other. */
interface PublishedPolicy {
  version: string;
  text: string;
  at: string;
  by: string;
}

/** What a reload did: swapped in (with the sections added and removed), or refused with the check's problems. */
export type ReloadOutcome =
  | { ok: true; version: string; sections: number; unchanged: boolean; added: string[]; removed: string[] }
  | { ok: false; problems: string[] };

export interface LivePolicyOptions {
  sources: PolicySources;
  /** The bot state instances share; absent when there is only one instance (a lowdb store). */
  shared?: BotStateStore;
  now: () => Date;
}

/** A short, stable name for a policy text: the first 12 hex digits of its SHA-256. */
export function policyVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export class LivePolicy {
  readonly #files: ReturnType<typeof policyFiles>;
  readonly #shared?: BotStateStore;
  readonly #now: () => Date;
  #index!: PolicyIndex;
  #version = '';
  #text = '';
  #learned: LearnedQuestion[] = [];
  #lookedAt?: number;
  #behind = false;
  /** True while a policy published by another instance is being installed. */
  #following = false;
  /** The install under way, if any: installs run one after another, so the last one started is the one left in force. */
  #installing: Promise<unknown> = Promise.resolve();

  /**
   * Reads and checks the policy file.
   * @throws PolicyFileError listing every problem, as at start.
   */
  constructor(options: LivePolicyOptions) {
    this.#files = policyFiles(options.sources);
    this.#shared = options.shared;
    this.#now = options.now;
    const read = this.#readFile();
    if ('problems' in read) throw policyCheckError(read.problems);
    const built = this.#build(read.text);
    if (!built.ok) throw policyCheckError(built.problems);
    // At start there is no policy in force to answer meanwhile: the first question waits for the meanings.
    this.#swap(built.index, read.text);
  }

  /** The index questions are answered from now. */
  get index(): PolicyIndex {
    return this.#index;
  }

  /** True when instances sharing a store keep this policy in step. */
  get shared(): boolean {
    return this.#shared !== undefined;
  }

  /** True while the policy the other instances answer from failed this instance's check. */
  get behind(): boolean {
    return this.#behind;
  }

  /** The version of the policy text in force. */
  get version(): string {
    return this.#version;
  }

  /** Replaces the questions the policy owner linked to sections; kept across reloads. */
  learn(questions: readonly LearnedQuestion[]): void {
    this.#learned = [...questions];
    this.#index.learn(this.#learned);
  }

  /**
   * The one way a policy goes in: checked, indexed, the learned questions re-applied, swapped.
   * A text that fails the check, or whose meanings cannot be encoded, leaves the policy in force
   * as it is, and so does the time the new one's meanings take to encode: the policy in force
   * answers until then. Installs run one at a time, in the order they were asked for.
   */
  install(text: string): Promise<ReloadOutcome> {
    const installed = this.#installing.then(() => this.#installNow(text));
    this.#installing = installed.catch(() => undefined);
    return installed;
  }

  async #installNow(text: string): Promise<ReloadOutcome> {
    const built = this.#build(text);
    if (!built.ok) return built;
    try {
      await built.index.ready();
    } catch (error) {
      return { ok: false, problems: [`the policy's meanings could not be encoded: ${(error as Error).message}`] };
    }
    return this.#swap(built.index, text);
  }

  #build(text: string): { ok: true; index: PolicyIndex } | { ok: false; problems: string[] } {
    const checked = checkPolicySources({ file: this.#files.policyFile, text }, this.#files.synonymsFile);
    if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
    const meaning = SentenceMeaning.shared(this.#files.vectorsFile);
    return { ok: true, index: new PolicyIndex(checked.document!, checked.synonyms!, loadOtherTopics(this.#files.otherTopicsFile), meaning) };
  }

  #swap(index: PolicyIndex, text: string): ReloadOutcome {
    // The questions linked by now, including any linked while the new policy was being encoded.
    index.learn(this.#learned);
    const before = new Set(this.#index?.document.sections.map((s) => s.id) ?? []);
    const after = index.document.sections.map((s) => s.id);
    const version = policyVersion(text);
    const unchanged = version === this.#version;
    this.#index = index;
    this.#version = version;
    this.#text = text;
    return { ok: true, version, sections: after.length, unchanged, added: after.filter((id) => !before.has(id)), removed: [...before].filter((id) => !after.includes(id)) };
  }

  /** Re-reads the policy file; swaps it in when it passes the check and tells the other instances. */
  async reload(by: string): Promise<ReloadOutcome> {
    const read = this.#readFile();
    if ('problems' in read) return read;
    const outcome = await this.install(read.text);
    if (outcome.ok && this.#shared) {
      await this.#publish(by);
      this.#behind = false;
    }
    return outcome;
  }

  /**
   * Looks for a policy another instance reloaded and starts taking it up. The first time, the
   * newer of this instance's file and the policy last published is kept, and this one
   * published if newer. Installing it (its meanings encoded) can take a while for a policy
   * this instance has not seen: until it is in, the policy in force answers, and no other
   * look is made.
   * @returns the install under way, undefined when there was nothing new or one is under way.
   */
  async follow(): Promise<{ installed: Promise<ReloadOutcome> } | undefined> {
    if (!this.#shared || this.#following) return undefined;
    const now = this.#now().getTime();
    if (this.#lookedAt !== undefined && now - this.#lookedAt < POLICY_FOLLOW_INTERVAL_MS) return undefined;
    const first = this.#lookedAt === undefined;
    this.#lookedAt = now;
    const published = (await this.#shared.read([POLICY_STATE_KEY]))[POLICY_STATE_KEY] as unknown as PublishedPolicy | undefined;
    if (published?.version === this.#version) {
      this.#behind = false;
      return undefined;
    }
    if (first && (!published || Date.parse(published.at) < this.#fileTime())) {
      await this.#publish('start');
      return undefined;
    }
    if (!published) return undefined;
    this.#following = true;
    const installed = this.install(published.text).then((outcome) => {
      this.#behind = !outcome.ok;
      return outcome;
    });
    void installed.finally(() => (this.#following = false)).catch(() => undefined);
    return { installed };
  }

  async #publish(by: string): Promise<void> {
    const item: PublishedPolicy = { version: this.#version, text: this.#text, at: this.#now().toISOString(), by };
    await this.#shared!.write({ [POLICY_STATE_KEY]: { ...item, eTag: '*' } });
  }

  #fileTime(): number {
    try {
      return statSync(this.#files.policyFile).mtimeMs;
    } catch {
      return 0;
    }
  }

  #readFile(): { text: string } | { ok: false; problems: string[] } {
    try {
      return { text: readFileSync(this.#files.policyFile, 'utf8') };
    } catch (error) {
      return { ok: false, problems: [`${this.#files.policyFile}: cannot be read (POLICY_FILE): ${(error as Error).message}`] };
    }
  }
}
