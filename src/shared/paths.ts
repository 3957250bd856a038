/** Where the project's own files live; the definitions are in `config/paths.ts`, at the bottom of the layers. */
export { cardsDir, manifestDir, projectRoot } from '../config/paths.js';
