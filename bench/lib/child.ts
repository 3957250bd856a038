/**
 * The bot under test in a child process, so the load generator never shares its event
 * loop. The child (see `../bot-process.ts`) tells the parent its port over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export type BotKind = 'bot' | 'echo';

export interface ChildBot {
  /** `http://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('../bot-process.js', import.meta.url));

/**
 * Starts the real bot (lowdb store in `dataDir`) or the echo bot in a child process.
 * @throws when the child exits before it is listening.
 */
export async function startChildBot(kind: BotKind, dataDir = ''): Promise<ChildBot> {
  const child: ChildProcess = fork(ENTRY, [kind, dataDir], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--disable-warning=DEP0111'] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`bench: the ${kind} process exited with code ${code} before listening`);
  });
  const ready = once(child, 'message').then(([message]) => message as { port: number });
  const { port } = await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  };
}
