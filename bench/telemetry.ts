/**
 * The cost of telemetry on a turn: policy questions and device complaints through the real
 * HTTP server in this process, with OpenTelemetry recording every span and counter into
 * in-memory exporters, beside the same turns with telemetry off. Runs alternate off and on,
 * each first in turn, so that the machine's other work falls on both alike.
 */
import { randomUUID } from 'node:crypto';
import { FakeConnector } from '../test/helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage } from '../test/helpers/server.js';
import { staffMember, today, validComplaint } from '../test/helpers/submissions.js';
import { recordTelemetry } from '../test/helpers/telemetry.js';
import { median } from './lib/stats.js';
import type { Goal, Row } from './lib/table.js';

const TURNS = 200;
const ROUNDS = 7;
const QUESTION = 'can I check my hotmail on my work laptop?';

/** Mean milliseconds per turn over {@link TURNS} turns, one at a time, after a warm-up. */
async function measure(withTelemetry: boolean): Promise<number> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const recorded = withTelemetry ? recordTelemetry() : undefined;
  const bot = await startBot({ telemetry: recorded?.telemetry, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  try {
    const turn = async (i: number) => {
      const who = staffMember((i % 500) + 1);
      const activity = i % 2 === 0 ? teamsMessage(serviceUrl, QUESTION, who) : teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), submissionId: randomUUID(), occurredOn: today() }, who);
      const answer = await bot.post(activity);
      if (answer.status !== 200) throw new Error(`bench telemetry: a turn answered ${answer.status}`);
    };
    for (let i = 0; i < 40; i++) await turn(i);
    const began = performance.now();
    for (let i = 0; i < TURNS; i++) await turn(i);
    return (performance.now() - began) / TURNS;
  } finally {
    await bot.stop();
    await connector.stop();
    await recorded?.shutdown();
  }
}

export async function benchTelemetry(): Promise<{ rows: Row[]; goals: Goal[] }> {
  const off: number[] = [];
  const on: number[] = [];
  // Which goes first changes each round: a later run in one process meets the earlier one's garbage.
  for (let round = 0; round < ROUNDS; round++) {
    for (const withTelemetry of round % 2 === 0 ? [false, true] : [true, false]) (withTelemetry ? on : off).push(await measure(withTelemetry));
  }
  const [offMs, onMs] = [median(off), median(on)];
  const slower = onMs / offMs - 1;
  const note = `policy questions and device complaints alternately, ${TURNS} turns one at a time, median of ${ROUNDS} runs`;
  return {
    rows: [
      { area: 'Telemetry', case: 'turn, telemetry off', timeMs: offMs, note },
      { area: 'Telemetry', case: 'turn, telemetry on (in-memory exporter)', timeMs: onMs, note: `${note}; ${(slower * 100).toFixed(1)}% slower than off` }
    ],
    goals: [{ goal: 'a turn with telemetry on < 10% slower than off', measured: `${(slower * 100).toFixed(1)}%`, met: slower < 0.1 }]
  };
}
