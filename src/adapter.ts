/**
 * The Bot Framework adapter the bot runs on: teams-ai's `TeamsAdapter` (botbuilder's
 * `CloudAdapter`), with one change made where the SDK lets a subclass make it.
 *
 * botframework-connector reports some bad tokens (a wrong signature, a malformed token) as
 * plain errors, which the adapter answers with 500. Every failure to authenticate a request
 * is a 401 here, so no forged request looks like a fault of ours and Teams does not retry it.
 * The adapter's protected `processActivity` takes either the `Authorization` header or an
 * already authenticated request; this adapter authenticates the header itself, with the
 * adapter's own `BotFrameworkAuthentication`, and hands the SDK the result. If a botbuilder
 * upgrade stops routing requests through `processActivity`, the token tests in
 * test/http/auth.test.ts fail (a forged token gets 500 again).
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { StatusCodes, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from './config.js';

export class CouncilTeamsAdapter extends TeamsAdapter {
  protected override async processActivity(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>
  ): Promise<InvokeResponse | undefined> {
    const authenticated = typeof authorization === 'string' ? await this.#authenticate(activity, authorization) : authorization;
    return super.processActivity(authenticated, activity, logic);
  }

  /** Checks the request's token; any failure is an `AuthenticationError` with status 401. */
  async #authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`token refused: ${(error as Error).name}`, StatusCodes.UNAUTHORIZED);
    }
  }
}

/** The Bot Framework adapter. Without `BOT_ID` it runs in local mode: no token checks. */
export function createAdapter(config: Config): TeamsAdapter {
  const bot = config.bot;
  return new CouncilTeamsAdapter(
    bot
      ? {
          MicrosoftAppId: bot.appId,
          MicrosoftAppPassword: bot.password,
          MicrosoftAppTenantId: bot.tenantId,
          MicrosoftAppType: bot.type
        }
      : {}
  );
}
