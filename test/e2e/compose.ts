/**
 * The Playground's message-extension panel, driven as a person would: open the search
 * command from the compose box, type, read the results, insert one and send it. The
 * Playground reads no manifest, so the command id and parameter name are typed into its
 * options, as its panel asks.
 */
import type { Locator, Page } from 'playwright-core';
import { POLICY_SEARCH_COMMAND, POLICY_SEARCH_PARAMETER } from '../../src/features/policy/compose-extension.js';

const PANEL_TITLE = 'Search-Based Message Extension';

export interface ComposeSearch {
  /** The panel, once opened. */
  panel: Locator;
  /** Types `words` in the search box and waits for a result titled `expected`. */
  search(words: string, expected: string): Promise<Locator>;
}

/** Opens the search command of the message extension from the compose box. */
export async function openComposeSearch(page: Page): Promise<ComposeSearch> {
  await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
  await page.getByText('Search Command', { exact: true }).click();
  const panel = page.locator('div').filter({ has: page.getByText(PANEL_TITLE, { exact: true }) }).filter({ has: page.getByPlaceholder('Enter a search term') }).last();
  await panel.getByText('Specify Command ID or Parameter').click();
  await panel.getByRole('textbox', { name: 'Command ID' }).fill(POLICY_SEARCH_COMMAND);
  await panel.getByRole('textbox', { name: 'Parameter name' }).fill(POLICY_SEARCH_PARAMETER);
  return {
    panel,
    async search(words, expected) {
      await panel.getByPlaceholder('Enter a search term').fill(words);
      const result = panel.getByText(expected, { exact: true });
      await result.waitFor();
      return result;
    }
  };
}
