/** The figures an FOI officer was last shown, kept so the spreadsheet buttons use the very same figures. */
import assert from 'node:assert/strict';
import { keepFigures, keptFigures } from '../../../src/features/foi/kept-figures.js';
import type { FoiFigures } from '../../../src/features/foi/figures.js';
import { openMemoryStore } from '../../helpers/memory-store.js';

const figuresAsOf = (asOf: string) => ({ asOf, councilName: 'Test Borough Council' }) as FoiFigures;

describe('FOI figures kept for the officer who was shown them', () => {
  it('gives them back for the card\u2019s request id and as-of date, whatever the case of the officer\u2019s id', async () => {
    const { botState } = await openMemoryStore();
    const requestId = await keepFigures(botState, 'AAD-Officer-1', figuresAsOf('2020-02-11'));
    assert.deepEqual(await keptFigures(botState, 'aad-officer-1', requestId, '2020-02-11'), figuresAsOf('2020-02-11'));
  });

  it('gives nothing for another as-of date, another request id, no request id, or an officer with none kept', async () => {
    const { botState } = await openMemoryStore();
    const requestId = await keepFigures(botState, 'aad-officer-1', figuresAsOf('2020-02-11'));
    assert.equal(await keptFigures(botState, 'aad-officer-1', requestId, '2020-02-12'), undefined);
    assert.equal(await keptFigures(botState, 'aad-officer-1', 'an-older-card', '2020-02-11'), undefined);
    assert.equal(await keptFigures(botState, 'aad-officer-1', undefined, '2020-02-11'), undefined);
    assert.equal(await keptFigures(botState, 'aad-officer-2', requestId, '2020-02-11'), undefined);
  });

  it('keeps each officer\u2019s figures apart, and only the latest per officer', async () => {
    const { botState } = await openMemoryStore();
    const first = await keepFigures(botState, 'aad-officer-1', figuresAsOf('2020-02-11'));
    const other = await keepFigures(botState, 'aad-officer-2', figuresAsOf('2021-03-01'));
    assert.deepEqual(await keptFigures(botState, 'aad-officer-1', first, '2020-02-11'), figuresAsOf('2020-02-11'), 'not replaced by another officer\u2019s');
    assert.deepEqual(await keptFigures(botState, 'aad-officer-2', other, '2021-03-01'), figuresAsOf('2021-03-01'));
    const latest = await keepFigures(botState, 'aad-officer-1', figuresAsOf('2020-02-11'));
    assert.notEqual(latest, first);
    assert.equal(await keptFigures(botState, 'aad-officer-1', first, '2020-02-11'), undefined, 'an older card\u2019s figures are gone');
  });
});
