import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LabelClassifier, type LabelledText } from '../../../src/features/policy/label-classifier.js';
import { unit } from '../../../src/features/policy/sentence-meaning.js';

/** A unit vector in four dimensions. */
const vector = (...values: number[]) => unit(Float32Array.from(values));

describe('label classifier', () => {
  // Two neighbouring labels share their first dimension and the word "phone", as two sections on
  // phones share "device"; what tells them apart is the second dimension against the third, and
  // "council" against "own".
  const examples: LabelledText[] = [
    { labelId: 'council-devices', text: 'a', vector: vector(1, 0.6, 0, 0), terms: ['phone', 'council'] },
    { labelId: 'council-devices', text: 'b', vector: vector(1, 0.4, 0.1, 0), terms: ['phone', 'council', 'lost'] },
    { labelId: 'personal-devices', text: 'c', vector: vector(1, 0, 0.6, 0), terms: ['phone', 'own'] },
    { labelId: 'personal-devices', text: 'd', vector: vector(1, 0.1, 0.4, 0), terms: ['phone', 'own', 'email'] },
    { labelId: 'pay', text: 'e', vector: vector(0, 0, 0, 1), terms: ['paid'] },
    { labelId: 'pay', text: 'f', vector: vector(0.1, 0, 0.1, 1), terms: ['payslip'] }
  ];
  const best = (scores: Map<string, number>) => [...scores].sort((a, b) => b[1] - a[1])[0][0];

  it('scores a new text highest for the label whose examples it is like, each score from 0 to 1', async () => {
    const classifier = await LabelClassifier.fit(examples);
    const scores = classifier.scores(vector(1, 0.1, 0.3, 0), ['phone']);
    assert.deepEqual([...scores.keys()], ['council-devices', 'personal-devices', 'pay']);
    assert.equal(best(scores), 'personal-devices', 'by meaning');
    assert.ok([...scores.values()].every((s) => s >= 0 && s <= 1));
    assert.ok(scores.get('personal-devices')! > scores.get('council-devices')! + 0.1);
    assert.equal(best(classifier.scores(vector(1, 0.25, 0.25, 0), ['phone', 'own'])), 'personal-devices', 'by its words, where the meaning is between the two');
    assert.equal(best(classifier.scores(vector(1, 0.25, 0.25, 0), ['phone', 'council'])), 'council-devices');
    assert.ok(classifier.scores(vector(0, 0, 0, 1), ['paid']).get('pay')! > 0.9, 'one of its own examples');
    assert.deepEqual(classifier.scores(vector(0, 0, 0, 1), ['unheard']), classifier.scores(vector(0, 0, 0, 1), []), 'a word no example uses counts for nothing');
  });

  it('fits the same texts once, and again when a text, its words or its label change', async () => {
    const first = await LabelClassifier.fit(examples);
    assert.equal(await LabelClassifier.fit(examples.map((e) => ({ ...e }))), first);
    assert.notEqual(await LabelClassifier.fit(examples.map((e) => (e.text === 'f' ? { ...e, terms: ['payday'] } : e))), first);
    const moved = examples.map((e) => (e.text === 'f' ? { ...e, labelId: 'leave' } : e));
    assert.notEqual(await LabelClassifier.fit(moved), first);
    assert.ok((await LabelClassifier.fit(moved)).scores(vector(0, 0, 0, 1), []).has('leave'));
  });

  it('keeps its weights where it is told, and reads them there instead of fitting again', async () => {
    const file = new Map<string, Float32Array>();
    const kept = { keptFit: sinon.spy((key: string) => file.get(key)), keepFit: sinon.spy((key: string, weights: Float32Array) => void file.set(key, weights)) };
    const own = examples.map((e) => ({ ...e, text: `kept ${e.text}` }));
    const probe = async () => (await LabelClassifier.fit(own, kept)).scores(vector(1, 0.1, 0.3, 0), ['phone', 'email']);
    const fitted = await probe();
    assert.equal(kept.keepFit.callCount, 1);
    assert.equal(kept.keepFit.firstCall.args[1].length, 3 * 5 + 7 * 3, 'three labels, four weights and a bias each; seven words, a weight for each label');
    // Fits of other texts push this one out of the process's memory, as a restart would.
    for (let n = 0; n < 8; n++) await LabelClassifier.fit(examples.map((e) => ({ ...e, text: `other ${n} ${e.text}` })));
    const read = await probe();
    assert.equal(kept.keepFit.callCount, 1, 'not fitted again');
    for (const [label, score] of fitted) assert.ok(Math.abs(read.get(label)! - score) < 1e-6, label);
    file.set(kept.keepFit.firstCall.args[0], new Float32Array(7));
    for (let n = 0; n < 8; n++) await LabelClassifier.fit(examples.map((e) => ({ ...e, text: `again ${n} ${e.text}` })));
    await probe();
    assert.equal(kept.keepFit.callCount, 2, 'weights of the wrong size are fitted again');
  });

  it('scores nothing when there is nothing to learn from', async () => {
    assert.equal((await LabelClassifier.fit([])).scores(vector(1, 0, 0, 0), ['phone']).size, 0);
  });

  it('fits on a worker thread, leaving the event loop free', async () => {
    // Many texts, so that the fit takes a while: timers keep firing meanwhile.
    const many: LabelledText[] = Array.from({ length: 600 }, (_, i) => ({
      labelId: `label ${i % 20}`, text: `worker ${i}`, vector: vector(Math.sin(i), Math.cos(i), (i % 7) / 7, (i % 3) / 3), terms: [`term${i % 50}`]
    }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const fitted = await LabelClassifier.fit(many);
    clearInterval(timer);
    assert.equal(fitted.scores(vector(1, 0, 0, 0), []).size, 20);
    assert.ok(ticks > 0, `the timer fired ${ticks} times during the fit`);
  });
});
