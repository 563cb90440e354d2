/**
 * First load of the portal in Chromium: the JavaScript the shell and the activities remote download until
 * the month list is visible (gzip, as a server or proxy would send it; brotli, as the gateway sends it to
 * browsers that offer it; and the bytes actually sent), and how long that takes.
 * Each run is a new browser context (cold HTTP cache, signed in by cookie); a warm reload follows.
 *
 *   npm start                       # in another terminal (or any running portal)
 *   node --import tsx tools/bench/first-load.ts [--url http://127.0.0.1:4000] [--email member@demo.pams]
 *        [--password demo-password] [--path /activities] [--runs 5] [--files]
 * Prints numbers only; the budget (≤ 170 KB gz, docs/adr/0009) is judged by people, not asserted.
 */
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Response as PageResponse } from 'playwright-core';
import { launchChromium } from '@pams/e2e/chromium';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PAMS_URL ?? 'http://127.0.0.1:4000' },
    email: { type: 'string', default: 'member@demo.pams' },
    password: { type: 'string', default: process.env.PAMS_DEMO_PASSWORD ?? 'demo-password' },
    path: { type: 'string', default: '/activities' },
    runs: { type: 'string', default: '5' },
    files: { type: 'boolean', default: false },
  },
});
const base = values.url.replace(/\/$/, '');
const runs = Number(values.runs);

/**
 * Runs in the page (as text: tools are type-checked without the DOM library): marks when the first row of
 * the list, or the empty-month notice, is in the DOM, at the next frame.
 */
const MARK_LIST_VISIBLE = `
  const seen = () => document.querySelector('[role="table"] [aria-rowindex="2"], [data-testid="month-empty"]');
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__listVisibleAt = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
`;

interface Script {
  path: string;
  raw: number;
  gzip: number;
  /** Brotli at the quality tools/deploy writes (what the gateway sends to a browser that offers it). */
  brotli: number;
  /** Bytes the server actually sent (the gateway sends the .gz tools/deploy wrote). */
  wire: number;
}

async function sessionCookie(): Promise<{ name: string; value: string }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename } }',
      variables: { email: values.email, password: values.password },
    }),
  }).catch(() => {
    throw new Error(`${base} does not answer: start the portal first (npm start) or pass --url`);
  });
  const body = (await response.json()) as { data?: { signIn?: { __typename: string } } };
  const cookie = response.headers.getSetCookie()[0];
  if (body.data?.signIn?.__typename !== 'SignInSuccess' || !cookie) throw new Error(`sign-in of ${values.email} failed: ${JSON.stringify(body)}`);
  const [name, ...value] = cookie.split(';')[0].split('=');
  return { name, value: value.join('=') };
}

async function scriptsOf(responses: PageResponse[]): Promise<Script[]> {
  const scripts: Script[] = [];
  for (const response of responses) {
    const body = await response.body().catch(() => null);
    const wire = (await response.request().sizes()).responseBodySize;
    if (body) scripts.push({ path: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body).length, brotli: brotliCompressSync(body, BROTLI).length, wire });
  }
  return scripts;
}

const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } };
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const cookie = await sessionCookie();
const browser = await launchChromium();
const cold: number[] = [];
const warm: number[] = [];
let lastScripts: Script[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext();
    await context.addCookies([{ ...cookie, url: base }]);
    await context.addInitScript({ content: MARK_LIST_VISIBLE });
    const page = await context.newPage();
    const responses: PageResponse[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') responses.push(response);
    });
    // Functions, not strings: the portal's CSP forbids eval, which string predicates use.
    const visibleAt = async () => {
      await page.waitForFunction(() => (globalThis as { __listVisibleAt?: number }).__listVisibleAt !== undefined, undefined, { timeout: 30_000 });
      return page.evaluate(() => (globalThis as { __listVisibleAt?: number }).__listVisibleAt ?? NaN);
    };
    await page.goto(base + values.path);
    cold.push(await visibleAt());
    lastScripts = await scriptsOf(responses);
    await page.reload();
    warm.push(await visibleAt());
    await context.close();
    console.log(`run ${run}: list visible after ${cold.at(-1)!.toFixed(0)} ms cold, ${warm.at(-1)!.toFixed(0)} ms warm`);
  }
} finally {
  await browser.close();
}

const remote = lastScripts.filter((script) => script.path.startsWith('/remotes/'));
const shell = lastScripts.filter((script) => !script.path.startsWith('/remotes/'));
const sum = (scripts: Script[], key: 'raw' | 'gzip' | 'brotli' | 'wire') => scripts.reduce((total, script) => total + script[key], 0);
if (values.files) {
  for (const script of [...lastScripts].sort((a, b) => b.gzip - a.gzip)) console.log(`${kib(script.gzip).padStart(7)} KiB gz  ${script.path}`);
}
const total = sum(lastScripts, 'gzip');
console.log(`
First load of ${values.path} as ${values.email} (${runs} runs, ${base})
  shell    ${String(shell.length).padStart(2)} files  ${kib(sum(shell, 'raw')).padStart(6)} KiB raw  ${kib(sum(shell, 'gzip')).padStart(6)} KiB gz  ${kib(sum(shell, 'brotli')).padStart(6)} KiB br
  remote   ${String(remote.length).padStart(2)} files  ${kib(sum(remote, 'raw')).padStart(6)} KiB raw  ${kib(sum(remote, 'gzip')).padStart(6)} KiB gz  ${kib(sum(remote, 'brotli')).padStart(6)} KiB br
  total    ${String(lastScripts.length).padStart(2)} files  ${kib(sum(lastScripts, 'raw')).padStart(6)} KiB raw  ${kib(total).padStart(6)} KiB gz (${(total / 1000).toFixed(1)} kB)  ${kib(sum(lastScripts, 'brotli')).padStart(6)} KiB br; sent ${kib(sum(lastScripts, 'wire'))} KiB
  month list visible: median ${median(cold).toFixed(0)} ms cold (min ${Math.min(...cold).toFixed(0)}), ${median(warm).toFixed(0)} ms warm reload`);
