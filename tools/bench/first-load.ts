/**
 * First load of the portal in Chromium: the JavaScript the shell and the activities remote download until
 * the month list is visible (gzip, as a server or proxy would send it; brotli, as the gateway sends it to
 * browsers that offer it; and the bytes actually sent), and how long that takes.
 * Each run is a new browser context (cold HTTP cache, signed in by cookie); a warm reload follows.
 * Then the same for a manager's landing page, the report builder (/reports): the reports remote's first-load
 * JS without the chart (the table view) and with it (`?view=BAR`: the lazy uPlot chunk,
 * apps/reports/src/chart/lazy-chart.tsx), and until the report's first row is visible. Last, from the
 * sign-in form: the time from submitting it to the month list (the member) and to the report (the manager).
 *
 *   npm start                       # in another terminal (or any running portal)
 *   npm run bench:first-load -- [--url http://127.0.0.1:4000] [--email member@demo.pams]
 *        [--manager-email manager@demo.pams] [--password demo-password] [--path /activities]
 *        [--reports-path /reports] [--runs 5] [--files] [--baseline-kib 182.7]
 * Prints numbers only; the budget (≤ 170 KB gz, docs/adr/0009) and the 1 s to a report are judged by people, not asserted.
 */
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, Page, Response as PageResponse } from 'playwright-core';
import { launchChromium } from '@pams/e2e/chromium';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PAMS_URL ?? 'http://127.0.0.1:4000' },
    email: { type: 'string', default: 'member@demo.pams' },
    'manager-email': { type: 'string', default: 'manager@demo.pams' },
    password: { type: 'string', default: process.env.PAMS_DEMO_PASSWORD ?? 'demo-password' },
    path: { type: 'string', default: '/activities' },
    'reports-path': { type: 'string', default: '/reports' },
    /** Shell + activities remote, gzip, as docs/benchmarks.md last recorded it: the run says whether it grew. */
    'baseline-kib': { type: 'string', default: '182.7' },
    runs: { type: 'string', default: '5' },
    files: { type: 'boolean', default: false },
  },
});
const base = values.url.replace(/\/$/, '');
const runs = Number(values.runs);

/** The month list's first row, or the empty-month notice. */
const MONTH_LIST_VISIBLE = '[role="table"] [aria-rowindex="2"], [data-testid="month-empty"]';
/** The first data row of the report builder's table ("Report by …"; the header row is aria-rowindex 1). */
const REPORT_VISIBLE = '[role="table"][aria-label^="Report by"] [role="row"][aria-rowindex="2"]';
/** uPlot's canvas: the chart is drawn. */
const CHART_DRAWN = '.uplot canvas';

/**
 * Runs in the page (as text: tools are type-checked without the DOM library): marks when `selector` first
 * matches, at the next frame, and when a form (sign-in) is submitted.
 */
const markVisible = (selector: string) => `
  const seen = () => document.querySelector(${JSON.stringify(selector)});
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__listVisibleAt = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('submit', () => { window.__submittedAt = performance.now(); }, true);
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

async function sessionCookie(email: string): Promise<{ name: string; value: string }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename } }',
      variables: { email, password: values.password },
    }),
  }).catch(() => {
    throw new Error(`${base} does not answer: start the portal first (npm start) or pass --url`);
  });
  const body = (await response.json()) as { data?: { signIn?: { __typename: string } } };
  const cookie = response.headers.getSetCookie()[0];
  if (body.data?.signIn?.__typename !== 'SignInSuccess' || !cookie) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body)}`);
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

type Cookie = Awaited<ReturnType<typeof sessionCookie>>;

interface Load {
  /** performance.now() when `selector` first matched (cold load), and after a reload (warm). */
  cold: number;
  warm?: number;
  scripts: Script[];
}

/**
 * One cold load of `path` in a new browser context signed in by `cookie`, until `selector` is in the
 * page (and `alsoWait` after it, unmeasured: the scripts it needs are counted); then a warm reload.
 */
async function load(browser: Browser, cookie: Cookie, path: string, selector: string, options: { warm: boolean; alsoWait?: string }): Promise<Load> {
  const context = await browser.newContext();
  try {
    await context.addCookies([{ ...cookie, url: base }]);
    await context.addInitScript({ content: markVisible(selector) });
    const page = await context.newPage();
    const responses: PageResponse[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') responses.push(response);
    });
    await page.goto(base + path);
    const cold = await visibleAt(page);
    if (options.alsoWait) await page.waitForSelector(options.alsoWait, { state: 'attached', timeout: 30_000 });
    const scripts = await scriptsOf(responses);
    let warm: number | undefined;
    if (options.warm) {
      await page.reload();
      warm = await visibleAt(page);
    }
    return { cold, warm, scripts };
  } finally {
    await context.close();
  }
}

// Functions, not strings: the portal's CSP forbids eval, which string predicates use.
async function visibleAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (globalThis as { __listVisibleAt?: number }).__listVisibleAt !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => (globalThis as { __listVisibleAt?: number }).__listVisibleAt ?? NaN);
}

/**
 * A new context with no session opens `path`, gets the sign-in form, submits it: milliseconds from the
 * submit to `selector` in the page (the shell renders the page in place, no navigation). Signs out after.
 */
async function signInThenVisible(browser: Browser, email: string, path: string, selector: string): Promise<number> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: markVisible(selector) });
    const page = await context.newPage();
    await page.goto(base + path);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', values.password);
    await page.click('button[type="submit"]');
    const visible = await visibleAt(page);
    const submitted = await page.evaluate(() => (globalThis as { __submittedAt?: number }).__submittedAt ?? NaN);
    await context.request.post(`${base}/graphql`, { data: { query: 'mutation { signOut { message } }' } }).catch(() => undefined);
    return visible - submitted;
  } finally {
    await context.close();
  }
}

const remoteOf = (script: Script) => /^\/remotes\/([^/]+)\//.exec(script.path)?.[1] ?? null;
const sum = (scripts: Script[], key: 'raw' | 'gzip' | 'brotli' | 'wire') => scripts.reduce((total, script) => total + script[key], 0);
const line = (label: string, scripts: Script[]) =>
  `  ${label.padEnd(22)} ${String(scripts.length).padStart(2)} files  ${kib(sum(scripts, 'raw')).padStart(6)} KiB raw  ${kib(sum(scripts, 'gzip')).padStart(6)} KiB gz  ${kib(sum(scripts, 'brotli')).padStart(6)} KiB br`;
const ms = (numbers: number[]) => `median ${median(numbers).toFixed(0)} ms (min ${Math.min(...numbers).toFixed(0)}, max ${Math.max(...numbers).toFixed(0)})`;

const memberCookie = await sessionCookie(values.email);
const managerCookie = await sessionCookie(values['manager-email']);
const reportsPath = values['reports-path'];
const chartPath = `${reportsPath}${reportsPath.includes('?') ? '&' : '?'}view=BAR`;
const browser = await launchChromium();
const cold: number[] = [];
const warm: number[] = [];
const reportCold: number[] = [];
const reportWarm: number[] = [];
const chartCold: number[] = [];
const signInList: number[] = [];
const signInReport: number[] = [];
let lastScripts: Script[] = [];
let reportScripts: Script[] = [];
let chartScripts: Script[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const month = await load(browser, memberCookie, values.path, MONTH_LIST_VISIBLE, { warm: true });
    cold.push(month.cold);
    warm.push(month.warm!);
    lastScripts = month.scripts;
    const report = await load(browser, managerCookie, reportsPath, REPORT_VISIBLE, { warm: true });
    reportCold.push(report.cold);
    reportWarm.push(report.warm!);
    reportScripts = report.scripts;
    const chart = await load(browser, managerCookie, chartPath, REPORT_VISIBLE, { warm: false, alsoWait: CHART_DRAWN });
    chartCold.push(chart.cold);
    chartScripts = chart.scripts;
    signInList.push(await signInThenVisible(browser, values.email, values.path, MONTH_LIST_VISIBLE));
    signInReport.push(await signInThenVisible(browser, values['manager-email'], reportsPath, REPORT_VISIBLE));
    console.log(
      `run ${run}: list visible after ${month.cold.toFixed(0)} ms cold, ${month.warm!.toFixed(0)} ms warm; report ${report.cold.toFixed(0)} ms cold, ` +
        `${report.warm!.toFixed(0)} ms warm (with the chart ${chart.cold.toFixed(0)} ms); from sign-in: list ${signInList.at(-1)!.toFixed(0)} ms, report ${signInReport.at(-1)!.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
}

const remote = lastScripts.filter((script) => remoteOf(script) !== null);
const shell = lastScripts.filter((script) => remoteOf(script) === null);
if (values.files) {
  for (const script of [...lastScripts].sort((a, b) => b.gzip - a.gzip)) console.log(`${kib(script.gzip).padStart(7)} KiB gz  ${script.path}`);
}
const total = sum(lastScripts, 'gzip');
const baseline = Number(values['baseline-kib']);
const grew = total / 1024 - baseline;
console.log(`
First load of ${values.path} as ${values.email} (${runs} runs, ${base})
  shell    ${String(shell.length).padStart(2)} files  ${kib(sum(shell, 'raw')).padStart(6)} KiB raw  ${kib(sum(shell, 'gzip')).padStart(6)} KiB gz  ${kib(sum(shell, 'brotli')).padStart(6)} KiB br
  remote   ${String(remote.length).padStart(2)} files  ${kib(sum(remote, 'raw')).padStart(6)} KiB raw  ${kib(sum(remote, 'gzip')).padStart(6)} KiB gz  ${kib(sum(remote, 'brotli')).padStart(6)} KiB br
  total    ${String(lastScripts.length).padStart(2)} files  ${kib(sum(lastScripts, 'raw')).padStart(6)} KiB raw  ${kib(total).padStart(6)} KiB gz (${(total / 1000).toFixed(1)} kB)  ${kib(sum(lastScripts, 'brotli')).padStart(6)} KiB br; sent ${kib(sum(lastScripts, 'wire'))} KiB
  against ${baseline} KiB gz recorded before: ${grew > 0.05 ? `grew by ${grew.toFixed(1)} KiB` : grew < -0.05 ? `shrank by ${(-grew).toFixed(1)} KiB` : 'the same'}
  month list visible: median ${median(cold).toFixed(0)} ms cold (min ${Math.min(...cold).toFixed(0)}), ${median(warm).toFixed(0)} ms warm reload`);

const reportsOnly = (scripts: Script[]) => scripts.filter((script) => remoteOf(script) === 'reports');
const withoutChart = reportsOnly(reportScripts);
const withChart = reportsOnly(chartScripts);
const tableFiles = new Set(withoutChart.map((script) => script.path));
const chartChunk = withChart.filter((script) => !tableFiles.has(script.path));
const otherRemotes = reportScripts.filter((script) => remoteOf(script) !== null && remoteOf(script) !== 'reports');
const reportShell = reportScripts.filter((script) => remoteOf(script) === null);
if (values.files) {
  for (const script of [...chartScripts].sort((a, b) => b.gzip - a.gzip)) console.log(`${kib(script.gzip).padStart(7)} KiB gz  ${script.path}${tableFiles.has(script.path) || remoteOf(script) !== 'reports' ? '' : '  (chart)'}`);
}
console.log(`
First load of ${reportsPath} as ${values['manager-email']} (${runs} runs)
${line('shell', reportShell)}
${line('reports remote', withoutChart)}  (table view: no chart)
${line('other remotes', otherRemotes)}${otherRemotes.length > 0 ? `  (${[...new Set(otherRemotes.map(remoteOf))].join(', ')})` : ''}
${line('shell + reports', [...reportShell, ...withoutChart])}
${line('reports with chart', withChart)}  (${chartPath}, once the chart is drawn)
${line('the chart chunk(s)', chartChunk)}  (${chartChunk.map((script) => script.path.split('/').pop()).join(', ')})
  report visible: ${ms(reportCold)} cold, median ${median(reportWarm).toFixed(0)} ms warm reload; with the chart view ${ms(chartCold)} cold (first row)
  month list visible in the same runs: ${ms(cold)} cold

From the sign-in form submitted to the first row (${runs} runs each, target ≤ 1 s for the report)
  month list (${values.email}): ${ms(signInList)}
  report (${values['manager-email']}):  ${ms(signInReport)}`);
