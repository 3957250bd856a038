/**
 * Typed commands are matched once per message and then routed by name. Each feature
 * registers a handler for its command with {@link onCommand}; the first registration adds
 * one message route to the app, whose selector reads the message with `matchCommand` once,
 * keeps the match on the turn, and hands it to the handler of that command. A message no
 * registered command matches goes on to the routes after it (in the end, policy Q&A).
 */
import type { TurnContext } from 'botbuilder';
import { matchCommand, type CommandArguments, type CommandMatch, type CommandName } from './commands.js';
import type { BotApp } from './deps.js';

/** A command's handler, given what the command's grammar read from the message. */
export type CommandHandler<N extends CommandName> = (context: TurnContext, argument: CommandArguments[N]) => Promise<void>;

/** Where the turn keeps the command its message was matched to (or undefined, for a message that is none). */
const MATCHED = Symbol('matched command');

/** The handlers of each app's commands; each app gets its one command route with the first. */
const handlersByApp = new WeakMap<BotApp, Map<CommandName, CommandHandler<CommandName>>>();

/** The command this turn's message is, read once per turn. */
export function commandOf(context: TurnContext): CommandMatch | undefined {
  if (!context.turnState.has(MATCHED)) {
    context.turnState.set(MATCHED, context.activity.type === 'message' ? matchCommand(context.activity.text) : undefined);
  }
  return context.turnState.get(MATCHED) as CommandMatch | undefined;
}

/**
 * Registers the handler of the typed command `name`.
 * @throws Error when the command has a handler already: one feature owns each command.
 */
export function onCommand<N extends CommandName>(app: BotApp, name: N, handler: CommandHandler<N>): void {
  let handlers = handlersByApp.get(app);
  if (!handlers) {
    const routed = new Map<CommandName, CommandHandler<CommandName>>();
    app.message(
      async (context) => {
        const match = commandOf(context);
        return match !== undefined && routed.has(match.command.name);
      },
      async (context) => {
        const match = commandOf(context)!;
        await routed.get(match.command.name)!(context, match.argument);
      }
    );
    handlersByApp.set(app, routed);
    handlers = routed;
  }
  if (handlers.has(name)) throw new Error(`commands: "${name}" already has a handler`);
  handlers.set(name, handler as CommandHandler<CommandName>);
}
