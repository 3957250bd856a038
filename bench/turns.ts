/**
 * Message turns through the real HTTP server, replies going out to a counting connector,
 * beside the echo bot on the same stack as the baseline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { teamsMessage } from '../test/helpers/server.js';
import { startChildBot, type BotKind } from './lib/child.js';
import { CountingConnector } from './lib/connector.js';
import { runLoad, type LoadFigures } from './lib/load.js';
import { makeConversations, makeEmployees, makeProfiles, REPORTERS, staffMember, writeCollections } from './lib/seed.js';
import type { Goal, Row } from './lib/table.js';

export const CONNECTIONS = 16;
const SECONDS = 5;
const WARM_UP_SECONDS = 2;

/** Drives one bot with one message text; checks that every turn's reply reached the connector. */
async function measureTurns(kind: BotKind, text: () => string): Promise<LoadFigures & { replies: number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-turns-'));
  const connector = new CountingConnector();
  const serviceUrl = await connector.start();
  // Staff who have used the bot before, as on any day after the first.
  await writeCollections(dataDir, { profiles: makeProfiles(), employees: makeEmployees(), conversations: makeConversations(serviceUrl) });
  const bot = await startChildBot(kind, dataDir);
  try {
    let n = 0;
    // Many people, as in a council: one person would soon meet the per-person rate limit.
    const body = () => {
      const person = staffMember(n++ % REPORTERS);
      return teamsMessage(serviceUrl, text(), { id: `29:${person}`, name: 'Staff', aadObjectId: person });
    };
    const options = { url: `${bot.url}/api/messages`, body, connections: CONNECTIONS };
    await runLoad({ ...options, seconds: WARM_UP_SECONDS });
    connector.reset();
    const figures = await runLoad({ ...options, seconds: SECONDS });
    return { ...figures, replies: connector.replies };
  } finally {
    await bot.stop();
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function turnRow(name: string, figures: LoadFigures & { replies: number }, baseline?: number): Row {
  const ratio = baseline ? `, ${((figures.perSecond / baseline) * 100).toFixed(0)}% of the echo bot` : '';
  return {
    area: 'Turns',
    case: name,
    perSecond: figures.perSecond,
    p50: figures.p50,
    p99: figures.p99,
    note: `${CONNECTIONS} connections, ${figures.ok} turns, ${figures.replies} replies sent, ${figures.failed} failed${ratio}`
  };
}

/** A policy question: a sentence that is no command. */
const POLICY_QUESTION = 'can I check my hotmail on my work laptop?';

/** Help-command turns and policy-question turns, beside echo-bot turns. */
export async function benchTurns(): Promise<{ rows: Row[]; goals: Goal[] }> {
  const echo = await measureTurns('echo', () => 'hello there');
  const help = await measureTurns('bot', () => 'help');
  // Each text new, as staff's messages are: its meaning is encoded on every turn, not kept from the last.
  let asked = 0;
  const policy = await measureTurns('bot', () => `${POLICY_QUESTION} (${++asked})`);
  const share = policy.perSecond / echo.perSecond;
  const helpShare = help.perSecond / echo.perSecond;
  const turnWork = 'on every turn the bot writes its conversation state and reads and saves the person’s conversation reference, store work the echo bot does not do';
  return {
    rows: [turnRow('echo bot (baseline)', echo), turnRow('help command', help, echo.perSecond), turnRow('policy question', policy, echo.perSecond)],
    goals: [
      {
        goal: 'policy-question turns ≥ 70% of the echo bot’s throughput',
        measured: `${(share * 100).toFixed(0)}%`,
        met: share >= 0.7,
        why: `besides encoding the message's meaning with the sentence model (about 10 ms) and searching the policy (over about 1,470 example questions, the sample policy’s and the other topics’; see the retrieval rows), reading the links admins made and keeping the question, ${turnWork}`
      },
      { goal: 'help-command turns ≥ 90% of the echo bot’s throughput', measured: `${(helpShare * 100).toFixed(0)}%`, met: helpShare >= 0.9, why: turnWork }
    ]
  };
}
