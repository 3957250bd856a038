/**
 * The cost of telemetry on a turn: policy questions and device complaints through the real
 * HTTP server in this process, with OpenTelemetry recording every span and counter into
 * in-memory exporters, beside the same turns with telemetry off. Both bots run side by side
 * and take turns in short blocks, each going first in every other pair, so the machine's other
 * work and the process's garbage fall on both alike; the cost is the median of the pairs' ratios.
 */
import { randomUUID } from 'node:crypto';
import { FakeConnector } from '../test/helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../test/helpers/server.js';
import { staffMember, today, validComplaint } from '../test/helpers/submissions.js';
import { recordTelemetry } from '../test/helpers/telemetry.js';
import { median } from './lib/stats.js';
import type { Goal, Row } from './lib/table.js';

const BLOCK = 20;
const PAIRS = 60;
const WARM_UP = 60;
const QUESTION = 'can I check my hotmail on my work laptop?';

/** Milliseconds for `count` turns through `bot`, one at a time, starting at turn number `first`. */
async function turns(bot: RunningBot, serviceUrl: string, first: number, count: number): Promise<number> {
  const began = performance.now();
  for (let i = first; i < first + count; i++) {
    const who = staffMember((i % 500) + 1);
    const activity = i % 2 === 0 ? teamsMessage(serviceUrl, QUESTION, who) : teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), submissionId: randomUUID(), occurredOn: today() }, who);
    const answer = await bot.post(activity);
    if (answer.status !== 200) throw new Error(`bench telemetry: a turn answered ${answer.status}`);
  }
  return performance.now() - began;
}

export async function benchTelemetry(): Promise<{ rows: Row[]; goals: Goal[] }> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const recorded = recordTelemetry();
  const env = { RATE_LIMIT_PER_MINUTE: '100000' };
  const off = await startBot({ env });
  const on = await startBot({ telemetry: recorded.telemetry, env });
  const offMs: number[] = [];
  const onMs: number[] = [];
  const ratios: number[] = [];
  try {
    await turns(off, serviceUrl, 0, WARM_UP);
    await turns(on, serviceUrl, 0, WARM_UP);
    for (let pair = 0; pair < PAIRS; pair++) {
      const first = WARM_UP + pair * BLOCK;
      const [a, b] = pair % 2 === 0 ? [off, on] : [on, off];
      const timeA = await turns(a, serviceUrl, first, BLOCK);
      const timeB = await turns(b, serviceUrl, first, BLOCK);
      const [timeOff, timeOn] = a === off ? [timeA, timeB] : [timeB, timeA];
      offMs.push(timeOff / BLOCK);
      onMs.push(timeOn / BLOCK);
      ratios.push(timeOn / timeOff);
    }
  } finally {
    await Promise.all([off.stop(), on.stop()]);
    await connector.stop();
    await recorded.shutdown();
  }
  const slower = median(ratios) - 1;
  const note = `policy questions and device complaints alternately, ${PAIRS} pairs of ${BLOCK}-turn blocks one turn at a time, medians`;
  return {
    rows: [
      { area: 'Telemetry', case: 'turn, telemetry off', timeMs: median(offMs), note },
      { area: 'Telemetry', case: 'turn, telemetry on (in-memory exporter)', timeMs: median(onMs), note: `${note}; median of the pairs: ${(slower * 100).toFixed(1)}% slower than off` }
    ],
    goals: [{ goal: 'a turn with telemetry on < 10% slower than off', measured: `${(slower * 100).toFixed(1)}%`, met: slower < 0.1 }]
  };
}
