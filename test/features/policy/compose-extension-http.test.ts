/**
 * The policy from the compose box and pasted links, over HTTP: Teams-shaped
 * `composeExtension/query`, `/selectItem` and `/queryLink` invokes posted to the real
 * server on loopback, the answer read from the invoke response.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../src/log.js';
import { linkedSectionId, POLICY_SEARCH_COMMAND, POLICY_SEARCH_PARAMETER, previewLine } from '../../../src/features/policy/compose-extension.js';
import { FakeConnector } from '../../helpers/fake-connector.js';
import { startBot, teamsMessage, type RunningBot } from '../../helpers/server.js';
import { cardText } from '../../helpers/bot.js';
import { allStored } from '../../helpers/all-stored.js';

const POLICY_URL = 'https://intranet.council.example/policies/acceptable-use';

/** A Teams `composeExtension/*` invoke from a group chat (the compose box is used anywhere). */
function composeInvoke(serviceUrl: string, name: string, value: unknown, tenant = 'tenant-1') {
  const base = teamsMessage(serviceUrl, '');
  return {
    ...base,
    type: 'invoke',
    name,
    text: undefined,
    conversation: { id: '19:chat-1@thread.v2', conversationType: 'groupChat', tenantId: tenant },
    channelData: { tenant: { id: tenant }, source: { name: 'compose' } },
    value
  };
}

function searchInvoke(serviceUrl: string, words: string, tenant?: string) {
  return composeInvoke(
    serviceUrl,
    'composeExtension/query',
    { commandId: POLICY_SEARCH_COMMAND, parameters: [{ name: POLICY_SEARCH_PARAMETER, value: words }], queryOptions: { skip: 0, count: 25 }, context: { theme: 'default' } },
    tenant
  );
}

interface ComposeResult {
  type: string;
  text?: string;
  attachmentLayout?: string;
  attachments?: Array<{ contentType: string; content: unknown; preview?: { contentType: string; content: { title: string; text: string; tap?: unknown } } }>;
}

function composeResult(body: unknown): ComposeResult {
  return (body as { composeExtension: ComposeResult }).composeExtension;
}

describe('policy message extension over HTTP', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;
  let logged: string[];

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    logged = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => logged.push(chunk.toString('utf8')));
    bot = await startBot({ env: { POLICY_URL, ALLOWED_TENANT_IDS: 'tenant-1', RATE_LIMIT_PER_MINUTE: '5' }, log: createLogger('trace', destination) });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('lists the matching sections best first, each with a one-line preview and the card to insert', async () => {
    const response = await bot.post(searchInvoke(serviceUrl, 'QUOKKA hotmail on my work laptop at lunch'));
    assert.equal(response.status, 200);
    const result = composeResult(response.body);
    assert.equal(result.type, 'result');
    assert.equal(result.attachmentLayout, 'list');
    const attachments = result.attachments ?? [];
    assert.ok(attachments.length >= 1 && attachments.length <= 3, `1 to 3 results, got ${attachments.length}`);
    const [best] = attachments;
    assert.equal(best.preview?.content.title, 'Webmail (Gmail, Hotmail, Yahoo)', 'the section the chat would answer with comes first');
    assert.ok(best.preview!.content.text.length <= 110, 'the preview is one short line');
    assert.match(best.preview!.content.text, /webmail/i);
    assert.equal(best.preview?.content.tap, undefined, 'no tap: Teams inserts the card as it is');
    assert.equal(best.contentType, 'application/vnd.microsoft.card.adaptive');
    const text = cardText(best.content);
    assert.match(text, /You cannot access personal webmail services/, 'the card quotes the passage');
    assert.match(text, /Quoted from "Webmail \(Gmail, Hotmail, Yahoo\)"/, 'and names the section');
    assert.ok(JSON.stringify(best.content).includes(`${POLICY_URL}#webmail`), 'and links the full policy at the section');
    assert.doesNotMatch(text, /Did this answer your question/, 'an inserted card asks nothing');
    assert.equal((await bot.store.status()).counts.feedback ?? 0, 0, 'a search is not kept as a question');
    assert.equal(logged.join('').includes('QUOKKA'), false, 'nothing typed is logged');
    assert.match(logged.join(''), /"event":"policy.search"/);
  });

  it('lists every section when nothing is typed yet, and says plainly when the words match nothing or another topic', async () => {
    const initial = composeResult((await bot.post(searchInvoke(serviceUrl, ''))).body);
    assert.equal(initial.type, 'result');
    assert.ok((initial.attachments ?? []).length >= 5, 'the initial run lists the policy\u2019s sections');

    const other = composeResult((await bot.post(searchInvoke(serviceUrl, 'when is my pay rise due'))).body);
    assert.equal(other.type, 'message');
    assert.match(other.text ?? '', /does not cover/);

    const nothing = composeResult((await bot.post(searchInvoke(serviceUrl, 'zzqx vvbn'))).body);
    assert.equal(nothing.type, 'message');
    assert.match(nothing.text ?? '', /No section of the policy matches/);
  });

  it('selectItem returns the chosen section\u2019s card, and a plain message for one that is gone', async () => {
    const chosen = composeResult((await bot.post(composeInvoke(serviceUrl, 'composeExtension/selectItem', { sectionId: 'webmail' }))).body);
    assert.equal(chosen.type, 'result');
    assert.match(cardText(chosen.attachments?.[0].content), /Webmail \(Gmail, Hotmail, Yahoo\)/);
    const gone = composeResult((await bot.post(composeInvoke(serviceUrl, 'composeExtension/selectItem', { sectionId: 'no-such-section' }))).body);
    assert.equal(gone.type, 'message');
  });

  it('unfurls a POLICY_URL#section-id link into that section\u2019s card, and nothing for other links', async () => {
    const unfurled = await bot.post(composeInvoke(serviceUrl, 'composeExtension/queryLink', { url: `${POLICY_URL}#webmail` }));
    assert.equal(unfurled.status, 200);
    const result = composeResult(unfurled.body);
    assert.equal(result.type, 'result');
    assert.equal(result.attachments?.length, 1);
    assert.equal(result.attachments?.[0].preview?.content.title, 'Webmail (Gmail, Hotmail, Yahoo)');
    assert.match(cardText(result.attachments?.[0].content), /You cannot access personal webmail services/);

    for (const url of [`${POLICY_URL}#no-such-section`, `${POLICY_URL}`, 'https://elsewhere.example/policies/acceptable-use#webmail']) {
      const other = composeResult((await bot.post(composeInvoke(serviceUrl, 'composeExtension/queryLink', { url }))).body);
      assert.deepEqual(other.attachments, [], `no card for ${url}`);
    }
  });

  it('takes a policy card shared in the chat with the bot for what it is: no question, no reply', async () => {
    const result = composeResult((await bot.post(searchInvoke(serviceUrl, 'hotmail'))).body);
    const inserted = result.attachments![0];
    const shared = {
      ...teamsMessage(serviceUrl, '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"><span itemprop="cardId" content="0"></span></span>'),
      textFormat: 'xml',
      attachments: [{ contentType: inserted.contentType, content: inserted.content }]
    };
    assert.equal((await bot.post(shared)).status, 200);
    const asked = await bot.post(teamsMessage(serviceUrl, 'can I use a hotspot on my phone'));
    assert.equal(asked.status, 200);
    await connector.waitFor(1);
    const feedback = await allStored(bot.store, 'feedback');
    assert.deepEqual(feedback.map((entry) => entry.question), ['can I use a hotspot on my phone'], 'only the typed question is kept');
    assert.equal(connector.activities.length, 1, 'the shared card got no reply');
  });

  it('refuses searches and links from another tenant and audits them', async () => {
    const search = await bot.post(searchInvoke(serviceUrl, 'hotmail', 'tenant-2'));
    assert.equal(search.status, 403);
    const link = await bot.post({ ...composeInvoke(serviceUrl, 'composeExtension/queryLink', { url: `${POLICY_URL}#webmail` }, 'tenant-2') });
    assert.equal(link.status, 403);
    const audit = await allStored(bot.store, 'audit');
    // The tenant's first refusal is audited at once; the second is counted into one entry when the interval ends.
    assert.deepEqual(audit.filter((entry) => entry.action === 'tenant.refused').map((entry) => entry.detail), ['tenant tenant-2; activity invoke']);
  });

  it('pauses a person who searches past the rate limit, with a line Teams can show', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 6; i++) statuses.push(composeResult((await bot.post(searchInvoke(serviceUrl, `hotmail ${i}`))).body).type);
    assert.deepEqual(statuses, ['result', 'result', 'result', 'result', 'result', 'message']);
    const over = composeResult((await bot.post(searchInvoke(serviceUrl, 'hotmail'))).body);
    assert.match(over.text ?? '', /wait a minute/);
  });
});

describe('policy message extension: pure parts', () => {
  it('reads the section from a policy link only', () => {
    assert.equal(linkedSectionId(POLICY_URL, `${POLICY_URL}#webmail`), 'webmail');
    assert.equal(linkedSectionId(POLICY_URL, `https://INTRANET.council.example/policies/acceptable-use/#tethering`), 'tethering');
    assert.equal(linkedSectionId(POLICY_URL, `${POLICY_URL}`), undefined);
    assert.equal(linkedSectionId(POLICY_URL, `${POLICY_URL}-old#webmail`), undefined);
    assert.equal(linkedSectionId(POLICY_URL, 'not a link'), undefined);
  });

  it('cuts a preview at a word, on one line', () => {
    const line = previewLine('You cannot access personal webmail\nservices such as Gmail, Hotmail or Yahoo on council equipment, even in your own time at lunch.', 60);
    assert.ok(line.length <= 60);
    assert.doesNotMatch(line, /\n/);
    assert.match(line, /\u2026$/);
    assert.equal(previewLine('Short.'), 'Short.');
  });
});
