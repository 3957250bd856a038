import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import nock from 'nock';
import sinon from 'sinon';
import { FILE_CONSENT_CONTENT_TYPE } from '../../../src/features/foi/file-consent.js';
import { projectRoot } from '../../../src/config/paths.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import { cardOf, cardText, COLLEAGUE, createTestBot, invokeCard, STAFF, type TestBot } from '../../helpers/bot.js';
import { complaint, employee, sharing } from './builders.js';
import { allStored } from '../../helpers/all-stored.js';

const NOW = new Date('2020-02-20T10:00:00Z');
const ENV = { FOI_OFFICER_IDS: STAFF.aadObjectId!, ORGANISATION_FILE: path.join(projectRoot, 'env', 'organisation.example.json') };

/** 6 cohort staff, 2 of whom complained before 2020-02-11 and 1 after; one number-sharing self report. */
async function seededStore(): Promise<Store> {
  const store = await openMemoryStore();
  await store.people.upsertEmployees(Array.from({ length: 6 }, (_, i) => employee(`E${i + 1}`)));
  for (const report of [
    complaint({ source: 'import', reporterId: 'E1', submissionId: 'c1' }),
    complaint({ source: 'import', reporterId: 'E2', submissionId: 'c2' }),
    complaint({ source: 'import', reporterId: 'E3', submissionId: 'c3', submittedAt: '2020-02-15T10:00:00.000Z' }),
    sharing({ source: 'import', reporterId: 'E4', submissionId: 's1' })
  ]) {
    const { id: _id, ...draft } = report;
    await store.reports.add(draft);
  }
  return store;
}

/** Where the bot PUTs the file: a stand-in for the OneDrive upload URL on 127.0.0.1. */
class FakeUpload {
  puts: Array<{ headers: Record<string, unknown>; body: Buffer }> = [];
  status = 201;
  #server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'PUT') this.puts.push({ headers: req.headers, body: Buffer.concat(chunks) });
    // Not chained: restify, once loaded in the same process, makes writeHead return nothing.
    res.writeHead(this.status, { 'content-type': 'application/json' });
    res.end('{}');
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/upload/foi.xlsx`;
  }
  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function consent(bot: TestBot, action: 'accept' | 'decline', context: Record<string, unknown>, uploadUrl: string, from = STAFF) {
  return bot.send({
    type: 'invoke',
    name: 'fileConsent/invoke',
    from,
    conversation: { id: 'a:personal-1', conversationType: 'personal', isGroup: false, name: '' },
    value: {
      type: 'fileUpload',
      action,
      context,
      uploadInfo: { name: 'foi-figures-2020-02-11.xlsx', uploadUrl, contentUrl: 'https://contoso.example/foi.xlsx', uniqueId: 'file-1', fileType: 'xlsx' }
    }
  });
}

describe('FOI in Teams', () => {
  let upload: FakeUpload;
  let uploadUrl: string;
  beforeEach(async () => {
    // Another test file's HTTP interception (nock) must not sit between the bot and the upload URL.
    if (nock.isActive()) nock.restore();
    upload = new FakeUpload();
    uploadUrl = await upload.start();
  });
  afterEach(async () => {
    sinon.restore();
    await upload.stop();
  });

  it('"foi 2020-02-11" shows an FOI officer the exact and published figures for a to g', async () => {
    const bot = await createTestBot({ env: ENV, now: () => NOW, store: await seededStore() });
    const card = cardOf((await bot.say('foi 2020-02-11')).replies[0]);
    const text = cardText(card);
    assert.match(text, /FOI figures as of 2020-02-11/);
    for (const q of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) assert.match(text, new RegExp(`^${q}\\. `, 'm'));
    const rows = JSON.stringify(card);
    assert.match(rows, /"text":"Employees who complained"\}\]\}\]\},\{"type":"TableCell","items":\[\{"type":"TextBlock","text":"2","wrap":true\}\]\},\{"type":"TableCell","items":\[\{"type":"TextBlock","text":"fewer than 5"/);
    assert.match(rows, /"text":"Employees who work with children or vulnerable people"\}\]\}\]\},\{"type":"TableCell","items":\[\{"type":"TextBlock","text":"6"/);
    const today = cardText(cardOf((await bot.say('foi')).replies[0]));
    assert.match(today, /as of 2020-02-20/);
  });

  it('refuses staff who are not FOI officers, and audits it', async () => {
    const bot = await createTestBot({ env: ENV, now: () => NOW, store: await seededStore() });
    const text = cardText(cardOf((await bot.say('foi', { from: COLLEAGUE })).replies[0]));
    assert.match(text, /only the council\u2019s FOI officers can do that/i);
    assert.doesNotMatch(text, /Employees who complained/);
    assert.equal((await allStored(bot.store, 'audit')).at(-1)?.outcome, 'refused');
  });

  it('asks for a proper date, refuses a future one, and keeps figures out of channels', async () => {
    const bot = await createTestBot({ env: ENV, now: () => NOW });
    assert.match(cardText(cardOf((await bot.say('foi 11/02/2020')).replies[0])), /YYYY-MM-DD/);
    assert.match(cardText(cardOf((await bot.say('foi 2020-03-01')).replies[0])), /in the future/);
    assert.match(cardText(cardOf((await bot.say('foi', { conversationType: 'channel' })).replies[0])), /1:1 chat/);
  });

  it('the spreadsheet button offers the file with a consent card carrying the date', async () => {
    const bot = await createTestBot({ env: ENV, now: () => NOW, store: await seededStore() });
    const pressed = await bot.execute('foi.xlsx', { asOf: '2020-02-11', published: false });
    assert.match(cardText(invokeCard(pressed)), /Choose Allow/);
    const offer = pressed.replies[0].attachments?.[0];
    assert.equal(offer?.contentType, FILE_CONSENT_CONTENT_TYPE);
    assert.equal(offer?.name, 'foi-figures-2020-02-11.xlsx');
    const content = offer?.content as { acceptContext: Record<string, unknown>; sizeInBytes: number };
    assert.ok(content.sizeInBytes > 1000);
    const { requestId, ...asked } = content.acceptContext;
    assert.deepEqual(asked, { asOf: '2020-02-11', published: false });
    assert.equal(typeof requestId, 'string');
  });

  it('counts the figures once per request: the card, its spreadsheet button and the upload share one count', async () => {
    const store = await seededStore();
    const counts = sinon.spy(store.reports, 'countForFoi');
    const bot = await createTestBot({ env: ENV, now: () => NOW, store });
    const card = cardOf((await bot.say('foi 2020-02-11')).replies[0]);
    const button = JSON.stringify(card).match(/"data":\{"verb":"foi.xlsx","asOf":"2020-02-11","requestId":"([^"]+)","published":false\}/);
    assert.ok(button, 'the spreadsheet button carries the request id');
    const pressed = await bot.execute('foi.xlsx', { asOf: '2020-02-11', requestId: button[1], published: false });
    assert.match(cardText(invokeCard(pressed)), /Choose Allow/);
    const context = (pressed.replies[0].attachments?.[0]?.content as { acceptContext: Record<string, unknown> }).acceptContext;
    assert.equal(context.requestId, button[1]);
    await consent(bot, 'accept', context, uploadUrl);
    assert.equal(upload.puts.length, 1);
    assert.equal(counts.callCount, 1);
    // A button from a card whose figures are no longer kept counts again, and still sends the file.
    await bot.execute('foi.xlsx', { asOf: '2020-02-11', requestId: 'an-older-card', published: true });
    assert.equal(counts.callCount, 2);
  });

  it('declining says so and uploads nothing', async () => {
    const bot = await createTestBot({ env: ENV, now: () => NOW });
    const declined = await consent(bot, 'decline', { asOf: '2020-02-11', published: false }, uploadUrl);
    assert.equal(declined.invokeResponse?.status, 200);
    assert.match(declined.replies[0].text ?? '', /haven\u2019t saved the spreadsheet/);
    assert.equal(upload.puts.length, 0);
  });

  it('checks the role on the server: a forged button press or consent from other staff gets nothing', async () => {
    const bot = await createTestBot({ env: ENV, now: () => NOW, store: await seededStore() });
    const pressed = await bot.execute('foi.xlsx', { asOf: '2020-02-11' }, { from: COLLEAGUE });
    assert.match(cardText(invokeCard(pressed)), /FOI officers/);
    assert.equal(pressed.replies.length, 0);
    const forged = await consent(bot, 'accept', { asOf: '2020-02-11', published: false }, uploadUrl, COLLEAGUE);
    assert.match(forged.replies[0].text ?? '', /can\u2019t send that file/);
    assert.equal(upload.puts.length, 0);
  });

});
