/**
 * `npm run -s subject -- export <id>` prints as JSON everything held about one person;
 * `npm run -s subject -- erase <id>` erases them (reports kept for the FOI counts under a
 * pseudonym, without free text). `<id>` is an Entra object id or a roster employee id.
 * Both are audited, and both refuse to run while the bot holds the data.
 */
import { runSubjectErase, runSubjectExport } from '../features/data-protection/tasks.js';
import { operator, runCli, withStore } from './data-task.js';

const USAGE = 'usage: npm run -s subject -- export|erase <Entra object id or employee id>';

runCli('subject', async () => {
  const [command, id, ...rest] = process.argv.slice(2);
  if (!['export', 'erase'].includes(command ?? '') || !id || id.trim().length < 2 || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const task = (store: Parameters<typeof runSubjectExport>[0]['store']) => ({ store, now: () => new Date(), actor: operator() });
  if (command === 'export') {
    const held = await withStore('subject', true, (store) => runSubjectExport(task(store), id));
    process.stdout.write(`${JSON.stringify(held, null, 2)}\n`);
    return 0;
  }
  const result = await withStore('subject', true, (store) => runSubjectErase(task(store), id));
  if (!result.pseudonym) {
    process.stderr.write(`Nothing is held about ${id}; nothing was changed.\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
});
