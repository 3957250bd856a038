import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LabelClassifier, type LabelledVector } from '../../../src/features/policy/label-classifier.js';
import { unit } from '../../../src/features/policy/sentence-meaning.js';

/** A unit vector in four dimensions. */
const vector = (...values: number[]) => unit(Float32Array.from(values));

describe('label classifier', () => {
  // Two neighbouring labels share their first dimension, as two sections on devices share
  // "device"; what tells them apart is the second against the third.
  const examples: LabelledVector[] = [
    { labelId: 'council-devices', text: 'a', vector: vector(1, 0.6, 0, 0) },
    { labelId: 'council-devices', text: 'b', vector: vector(1, 0.4, 0.1, 0) },
    { labelId: 'personal-devices', text: 'c', vector: vector(1, 0, 0.6, 0) },
    { labelId: 'personal-devices', text: 'd', vector: vector(1, 0.1, 0.4, 0) },
    { labelId: 'pay', text: 'e', vector: vector(0, 0, 0, 1) },
    { labelId: 'pay', text: 'f', vector: vector(0.1, 0, 0.1, 1) }
  ];

  it('scores a new vector highest for the label whose examples it is like, each score from 0 to 1', () => {
    const scores = LabelClassifier.fit(examples).scores(vector(1, 0.1, 0.3, 0));
    assert.deepEqual([...scores.keys()], ['council-devices', 'personal-devices', 'pay']);
    const [best] = [...scores].sort((a, b) => b[1] - a[1]);
    assert.equal(best[0], 'personal-devices');
    assert.ok([...scores.values()].every((s) => s >= 0 && s <= 1));
    assert.ok(scores.get('personal-devices')! > scores.get('council-devices')! + 0.2);
    assert.equal(LabelClassifier.fit(examples).scores(vector(0, 0, 0, 1)).get('pay'), 1, 'clipped at 1');
  });

  it('fits the same texts once, and again when a text or its label changes', () => {
    const first = LabelClassifier.fit(examples);
    assert.equal(LabelClassifier.fit(examples.map((e) => ({ ...e }))), first);
    const moved = examples.map((e) => (e.text === 'f' ? { ...e, labelId: 'leave' } : e));
    assert.notEqual(LabelClassifier.fit(moved), first);
    assert.ok(LabelClassifier.fit(moved).scores(vector(0, 0, 0, 1)).has('leave'));
  });

  it('keeps its weights where it is told, and reads them there instead of fitting again', () => {
    const file = new Map<string, Float32Array>();
    const kept = { keptFit: sinon.spy((key: string) => file.get(key)), keepFit: sinon.spy((key: string, weights: Float32Array) => void file.set(key, weights)) };
    const own = examples.map((e) => ({ ...e, text: `kept ${e.text}` }));
    const probe = vector(1, 0.1, 0.3, 0);
    const fitted = LabelClassifier.fit(own, kept).scores(probe);
    assert.equal(kept.keepFit.callCount, 1);
    assert.equal(kept.keepFit.firstCall.args[1].length, 3 * 5, 'three labels, four weights and a bias each');
    // Fits of other texts push this one out of the process's memory, as a restart would.
    for (let n = 0; n < 8; n++) LabelClassifier.fit(examples.map((e) => ({ ...e, text: `other ${n} ${e.text}` })));
    const read = LabelClassifier.fit(own, kept).scores(probe);
    assert.equal(kept.keepFit.callCount, 1, 'not fitted again');
    for (const [label, score] of fitted) assert.ok(Math.abs(read.get(label)! - score) < 1e-6, label);
    file.set(kept.keepFit.firstCall.args[0], new Float32Array(7));
    for (let n = 0; n < 8; n++) LabelClassifier.fit(examples.map((e) => ({ ...e, text: `again ${n} ${e.text}` })));
    LabelClassifier.fit(own, kept);
    assert.equal(kept.keepFit.callCount, 2, 'weights of the wrong size are fitted again');
  });

  it('scores nothing when there is nothing to learn from', () => {
    assert.equal(LabelClassifier.fit([]).scores(vector(1, 0, 0, 0)).size, 0);
  });
});
