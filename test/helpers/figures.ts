/** The FOI figures from plain arrays, for tests of the pure counting. */
import { figuresFromReports, type FoiFigures, type FoiInput } from '../../src/features/foi/figures.js';

/** Every figure for the FOI questionnaire, as of `input.asOf`, counted as the memory and lowdb stores count. */
export function computeFigures(input: FoiInput): FoiFigures {
  return figuresFromReports(input);
}
