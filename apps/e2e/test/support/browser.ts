import fs from 'node:fs/promises';
import type { Browser, Download, Locator, Page } from 'playwright-core';
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

/** Calls `record` for each GraphQL operation the page sends from now on (only those in `names`, when given). */
function onOperation(page: Page, names: readonly string[] | undefined, record: (name: string, variables: unknown) => void): void {
  page.on('request', (request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string; variables?: unknown } | null;
    if (body?.operationName && (!names || names.includes(body.operationName))) record(body.operationName, body.variables);
  });
}

/** The GraphQL operations the page sends from now on, as "Name {variables as JSON}" (only `names`, when given). */
export function recordOperations(page: Page, names?: readonly string[]): string[] {
  const operations: string[] = [];
  onOperation(page, names, (name, variables) => operations.push(`${name} ${JSON.stringify(variables ?? {})}`));
  return operations;
}

/** The names of the GraphQL operations among `names` that the page sends from now on. */
export function recordOperationNames(page: Page, names: readonly string[]): string[] {
  const sent: string[] = [];
  onOperation(page, names, (name) => sent.push(name));
  return sent;
}

/** A page in a fresh context that opens `url` and signs in there as `email`. */
export async function openSignedIn(browser: Browser, url: string, email: string): Promise<TestPage> {
  const opened = await openPage(browser);
  await opened.page.goto(url);
  await signIn(opened.page, email);
  return opened;
}

/** The month view's table of activities. */
export const monthTable = (page: Page) => page.getByRole('table', { name: /^Activities of/ });

/** The month's totals line as numbers: "3 activities · 2 days · 1.5 hours". */
export async function monthTotals(page: Page): Promise<{ count: number; days: number; hours: number }> {
  const text = await page.getByTestId('month-totals').innerText();
  const [count, days, hours] = [/(\d+) activities/, /([\d.]+) days/, /([\d.]+) hours/].map((pattern) => Number(pattern.exec(text)?.[1]));
  return { count, days, hours };
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

/** Clicks what starts a download and answers the file it saved, with its suggested name. */
export async function downloadOf(page: Page, link: Locator): Promise<{ name: string; body: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), link.click()])) as [Download, void];
  const file = await download.path();
  expect(await download.failure()).toBeNull();
  return { name: download.suggestedFilename(), body: await fs.readFile(file) };
}
