/**
 * The baseline: the smallest bot on the same stack (botbuilder's TeamsAdapter, a teams-ai
 * `Application`, restify), answering every message with its own text.
 */
import type { AddressInfo } from 'node:net';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import restify from 'restify';

/** Starts the echo bot on an ephemeral loopback port and resolves with the port. */
export async function startEchoBot(): Promise<number> {
  const adapter = new TeamsAdapter({});
  const app = new Application<TurnState>({ adapter, startTypingTimer: false });
  app.activity('message', async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
  const server = restify.createServer();
  server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
