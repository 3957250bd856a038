/**
 * The figures an FOI officer was last shown, kept in the bot state every instance shares, so
 * that the spreadsheet buttons and the upload use the very figures the card showed instead of
 * counting again: one count per request, and a file that always matches its card. One entry
 * per officer, replaced by their next "foi", so it never grows with use.
 */
import { randomUUID } from 'node:crypto';
import type { BotStateStore } from '../../store/bot-state.js';
import type { FoiFigures } from './figures.js';

const keyOf = (officer: string) => `foi/figures/${officer.toLowerCase()}`;

/** Keeps `figures` as the ones `officer` was shown; returns the request id the card's buttons carry. */
export async function keepFigures(state: BotStateStore, officer: string, figures: FoiFigures): Promise<string> {
  const requestId = randomUUID();
  await state.write({ [keyOf(officer)]: { requestId, figures, eTag: '*' } });
  return requestId;
}

/**
 * The figures kept for `officer` under `requestId`, when they are still the ones kept and are
 * for `asOf`; undefined otherwise (an older card, another instance's restart with the memory
 * store), and the caller counts again.
 */
export async function keptFigures(state: BotStateStore, officer: string, requestId: unknown, asOf: string): Promise<FoiFigures | undefined> {
  if (typeof requestId !== 'string') return undefined;
  const item = (await state.read([keyOf(officer)]))[keyOf(officer)];
  const figures = item?.figures as FoiFigures | undefined;
  return item?.requestId === requestId && figures?.asOf === asOf ? figures : undefined;
}
