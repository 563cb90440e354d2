import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from './fixtures.js';

export interface TestPage {
  page: Page;
  /** Uncaught errors of the page: a test ends by checking there were none. */
  errors: string[];
  close(): Promise<void>;
}

/** A page in a fresh context (its own cookies and cache: a new visitor). */
export async function openPage(browser: Browser): Promise<TestPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The GraphQL operation names of the requests the page sends from now on. */
export function recordOperations(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string; variables?: unknown } | null;
    if (body?.operationName) names.push(`${body.operationName} ${JSON.stringify(body.variables ?? {})}`);
  });
  return names;
}

/**
 * Scrolls a paged virtual list to its end until it holds `rows` rows (header included), then once more so
 * the last page, which arrives below the view, is rendered.
 */
export async function scrollListToEnd(list: Locator, rows: number): Promise<void> {
  const toEnd = () => list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect
    .poll(async () => {
      await toEnd();
      return list.getAttribute('aria-rowcount');
    })
    .toBe(String(rows));
  await toEnd();
}
