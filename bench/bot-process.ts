/**
 * Child-process entry for the turn and submission benchmarks: `bot <dataDir>` starts the
 * real bot over the lowdb store in `dataDir`; `echo` starts the baseline echo bot. It sends
 * `{ port }` to the parent once listening and stops on SIGTERM.
 */
import { createAdapter } from '../src/adapter.js';
import { createBotParts } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createServer } from '../src/server.js';
import { openLowdbStore } from '../src/store/lowdb/store.js';
import { startEchoBot } from './echo-bot.js';

async function startRealBot(dataDir: string): Promise<number> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const log = createLogger('silent');
  const store = await openLowdbStore(config.dataDir);
  const adapter = createAdapter(config);
  const { app } = createBotParts({ config, store, log, now: () => new Date() }, adapter);
  const server = createServer({ config, log, store, adapter, app });
  const address = await server.listen();
  process.once('SIGTERM', () => {
    void server
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
  return address.port;
}

const [kind, dataDir] = process.argv.slice(2);
const port = kind === 'echo' ? await startEchoBot() : await startRealBot(dataDir);
if (kind === 'echo') process.once('SIGTERM', () => process.exit(0));
process.send?.({ port });
