import type { Browser, Page } from 'playwright-core';
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
