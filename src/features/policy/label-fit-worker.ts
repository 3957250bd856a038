/**
 * Fits the label classifier's weights on a worker thread (see label-classifier.ts): a fit
 * takes seconds for a policy's texts, and the bot goes on answering meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fitWeights, type FitText } from './label-classifier.js';

const weights = fitWeights(workerData as FitText[]);
parentPort!.postMessage(weights, [weights.buffer as ArrayBuffer]);
