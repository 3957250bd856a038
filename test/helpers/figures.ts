/** The FOI figures from plain arrays, for tests of the pure counting: the bot streams reports through `startFigures`. */
import { startFigures, type FoiFigures, type FoiInput } from '../../src/features/foi/figures.js';

/** Every figure for the FOI questionnaire, as of `input.asOf`. */
export function computeFigures(input: FoiInput): FoiFigures {
  const figures = startFigures(input);
  for (const report of input.reports) figures.add(report);
  return figures.finish();
}
