import assert from 'node:assert/strict';
import { cardOf, cardText, COLLEAGUE, createTestBot, findInput, invokeCard, STAFF } from '../helpers/bot.js';

describe('profile', () => {
  it('"profile" shows an empty card to someone new', async () => {
    const bot = await createTestBot();
    const card = cardOf((await bot.say('profile')).replies[0]);
    assert.ok(card);
    assert.equal(findInput(card, 'worksWithChildrenOrVulnerable')?.value, '');
    assert.equal(findInput(card, 'worksWithChildrenOrVulnerable')?.isRequired, true);
    assert.equal(findInput(card, 'devices')?.isMultiSelect, true);
  });

  it('saves a valid profile and shows it again with the saved values', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const bot = await createTestBot({ now: () => now });
    const saved = invokeCard(
      await bot.execute('profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: 'laptop,smartphone' })
    );
    assert.match(cardText(saved), /Saved/);
    assert.deepEqual(await bot.store.people.getProfile(STAFF.aadObjectId!), {
      aadObjectId: STAFF.aadObjectId,
      worksWithChildrenOrVulnerable: 'yes',
      remoteOrFlexible: 'no',
      devices: ['laptop', 'smartphone'],
      updatedAt: now.toISOString()
    });
    const again = cardOf((await bot.say('profile')).replies[0]);
    assert.equal(findInput(again, 'worksWithChildrenOrVulnerable')?.value, 'yes');
    assert.equal(findInput(again, 'remoteOrFlexible')?.value, 'no');
    assert.equal(findInput(again, 'devices')?.value, 'laptop,smartphone');
  });

  it('rejects a bad submission, names each problem, keeps the values and stores nothing', async () => {
    const bot = await createTestBot();
    const card = invokeCard(await bot.execute('profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'sometimes', devices: 'laptop,pager' }));
    const text = cardText(card);
    assert.match(text, /Nothing has been saved/);
    assert.match(text, /Choose yes or no/);
    assert.match(text, /Choose only from the devices listed/);
    assert.equal(findInput(card, 'worksWithChildrenOrVulnerable')?.value, 'yes', 'the good answer is kept');
    assert.equal(findInput(card, 'devices')?.value, 'laptop,pager', 'what was sent is shown again');
    assert.equal(await bot.store.people.getProfile(STAFF.aadObjectId!), undefined);
  });

  it('treats a missing answer as a problem, not as "no"', async () => {
    const bot = await createTestBot();
    const card = invokeCard(await bot.execute('profile.save', { remoteOrFlexible: 'yes' }));
    assert.match(cardText(card), /Choose yes or no/);
    assert.equal((await bot.store.status()).counts.profiles, 0);
  });

  it('keeps each person\u2019s profile separate', async () => {
    const bot = await createTestBot();
    await bot.execute('profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: '' });
    await bot.execute('profile.save', { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'no', devices: 'desktop' }, { from: COLLEAGUE });
    assert.equal((await bot.store.people.getProfile(STAFF.aadObjectId!))?.worksWithChildrenOrVulnerable, 'yes');
    assert.deepEqual((await bot.store.people.getProfile(COLLEAGUE.aadObjectId!))?.devices, ['desktop']);
  });

  it('handles Action.Submit the same way, replacing the card it came from', async () => {
    const bot = await createTestBot();
    const result = await bot.submit('profile.save', { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes', devices: 'tablet' });
    assert.equal(result.updates.length, 1);
    assert.equal(result.updates[0].id, 'card-1');
    assert.match(cardText(cardOf(result.updates[0])), /Saved/);
    assert.equal((await bot.store.people.getProfile(STAFF.aadObjectId!))?.remoteOrFlexible, 'yes');
  });

  it('refuses to save when Teams does not say who the sender is', async () => {
    const bot = await createTestBot();
    const card = invokeCard(await bot.execute('profile.save', { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'no' }, { from: { id: '29:anon', name: 'x' } }));
    assert.match(cardText(card), /can\u2019t tell who you are/);
    assert.equal((await bot.store.status()).counts.profiles, 0);
  });
});
