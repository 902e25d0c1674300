// Starts `guichet demo` on a free port with a throw-away SQLite database, and Debian's chromium through
// playwright-core, for the browser tests.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.GUICHET_BINARY ?? join(root, 'build', 'src', 'app', 'guichet');

export const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export async function startDemo() {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-browser-'));
  const child = spawn(binary, ['demo', '--port', '0', '--database', join(folder, 'guichet.db')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`guichet did not start: ${output}`)), 30000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /Guichet is serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code) => reject(new Error(`guichet exited with ${code}: ${output}`)));
  });
  const database = join(folder, 'guichet.db');
  return {
    base,
    database,
    // Runs `guichet ARGS --database <this server's database>` and returns its standard output.
    cli(...args) {
      return execFileSync(binary, [...args, '--database', database], { encoding: 'utf8' });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Runs axe-core in the page itself with the WCAG 2.1 A and AA rules and returns its violations. axe is evaluated
// through the DevTools protocol, which the page's CSP does not restrict, so the page needs no CSP bypass and keeps its
// state (the response of a POST, the focus, what the person typed). Needs JavaScript enabled in the page's context.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (values) =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values } }), wcagTags);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Checks the page as it is (no reload: a page answered to a POST is checked as the person sees it) at its viewport.
// `browser` is unused since axe runs in the page itself; kept so that callers need not change.
export async function noViolations(browser, page, what) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`${what}: ${violations.join('; ')}`);
  }
}

// Checks a page shown with JavaScript off, where axe cannot run in the page itself: its document, as the browser holds
// it, is replayed with scripts blocked in a checking context (the same cookies and viewport), and axe runs there at
// 1280 px and 360 px. The page is not reloaded, so the answer to a POST is checked as the person sees it.
export async function noViolationsWithoutScript(browser, page, what) {
  const checker = await browser.newContext({ viewport: page.viewportSize() });
  try {
    await checker.addCookies(await page.context().cookies());
    await checker.route(/\.js(\?.*)?$/, (route) => route.abort());
    const body = await page.content();
    const url = page.url();
    await checker.route((target) => target.href === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }), { times: 1 });
    const checked = await checker.newPage();
    await checked.goto(url);
    const found = [];
    for (const width of [1280, 360]) {
      await checked.setViewportSize({ width, height: 900 });
      await checked.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      for (const violation of await axeViolations(checked)) found.push(`at ${width}px: ${violation}`);
    }
    if (found.length > 0) throw new Error(`${what} (JavaScript off): ${found.join('; ')}`);
  } finally {
    await checker.close();
  }
}

// Clicks a submit button and waits until the document it leads to is committed and loaded; returns the response of the
// navigation (for a POST answered by a redirect, the redirect itself).
export async function submit(page, button) {
  const main = page.mainFrame();
  const responded = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === main);
  const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === main });
  await button.click();
  const [response] = await Promise.all([responded, committed]);
  await page.waitForLoadState('load');
  return response;
}

// Asserts that the page shows a failed submission as the templates do it: a visible error summary (role "alert", named
// by its heading) that has the focus, whose links each lead to a control marked aria-invalid="true" and described by
// a visible message beside it. Returns what it found, for the caller's own checks.
export async function assertErrorState(page, what) {
  // Autofocus happens once the page has rendered: wait for it, unless there is no error summary to wait for.
  if (await page.locator('.error-summary:visible').count() > 0) {
    await page.waitForFunction(() => document.activeElement?.closest('.error-summary'), null, { timeout: 3000 })
      .catch(() => {});
  }
  const state = await page.evaluate(() => {
    const shown = (element) => !!element && element.getClientRects().length > 0
      && getComputedStyle(element).visibility !== 'hidden';
    const summaries = [...document.querySelectorAll('.error-summary')].filter(shown);
    const problems = [];
    const links = [];
    for (const summary of summaries) {
      const heading = document.getElementById(summary.getAttribute('aria-labelledby') ?? '');
      if (summary.getAttribute('role') !== 'alert') problems.push('the error summary has no role="alert"');
      if (!heading || !/^H[1-6]$/.test(heading.tagName) || !summary.contains(heading) || !heading.textContent.trim()) {
        problems.push('the error summary is not named by a heading inside it');
      }
      const anchors = [...summary.querySelectorAll('a[href^="#"]')];
      if (anchors.length === 0) problems.push('the error summary has no link to a field');
      for (const anchor of anchors) {
        const id = decodeURIComponent(anchor.getAttribute('href').slice(1));
        const target = document.getElementById(id);
        links.push({ text: anchor.textContent.trim(), target: id });
        if (!target || !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
          problems.push(`"${anchor.textContent.trim()}" leads to #${id}, which is not a form control`);
          continue;
        }
        if (target.getAttribute('aria-invalid') !== 'true') problems.push(`#${id} is not aria-invalid="true"`);
        const messages = (target.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
          .map((ref) => document.getElementById(ref))
          .filter((m) => m && m.classList.contains('field__error') && shown(m) && m.textContent.trim());
        if (messages.length === 0) problems.push(`#${id} is not described by a visible error message beside it`);
      }
    }
    const focused = document.activeElement;
    return {
      summaries: summaries.length,
      links,
      invalid: document.querySelectorAll('[aria-invalid="true"]').length,
      messages: [...document.querySelectorAll('.field__error')].filter(shown).map((m) => m.textContent.trim()),
      focusInSummary: summaries.some((summary) => summary.contains(focused)),
      focused: focused ? `${focused.tagName.toLowerCase()}${focused.id ? `#${focused.id}` : ''}.${focused.className}`
        : '',
      problems,
    };
  });
  const description = `${what} (${page.url()}): ${JSON.stringify(state)}`;
  assert.ok(state.summaries >= 1, `no visible error summary on ${description}`);
  assert.ok(state.links.length >= 1, `the error summary links to no field on ${description}`);
  assert.ok(state.invalid >= 1, `no aria-invalid="true" control on ${description}`);
  assert.ok(state.messages.length >= 1, `no error message beside a field on ${description}`);
  assert.deepEqual(state.problems, [], description);
  assert.ok(state.focusInSummary, `the focus is not on the error summary (${state.focused}) on ${description}`);
  return state;
}

// After a failed submission (`response` is what submit() returned): asserts that the page is the POST's own answer with
// status `status` and shows the error state, then runs axe on that very page at 360 px and 1280 px (the viewport is
// resized, not the page reloaded) and throws on any violation. With `javaScript: false` (a context with JavaScript
// off, where axe cannot run), the exact response received is replayed, with scripts blocked, in a checking context.
export async function errorStateViolations(browser, page, what, response, { status = 422, javaScript = true } = {}) {
  assert.equal(response.request().method(), 'POST', `${what}: the page checked is not the answer to a POST`);
  assert.equal(response.status(), status, `${what}: status of the POST`);
  assert.equal(page.url(), response.url(), `${what}: the POST was not answered in place`);
  const state = await assertErrorState(page, what);
  let checked = page;
  let checker;
  if (!javaScript) {
    checker = await browser.newContext({ viewport: page.viewportSize() });
    await checker.addCookies(await page.context().cookies());
    await checker.route(/\.js(\?.*)?$/, (route) => route.abort());
    const [body, headers] = [await response.body(), await response.allHeaders()];
    const replay = (route) => route.fulfill({ status: response.status(), headers, body });
    await checker.route((url) => url.href === response.url(), replay, { times: 1 });
    checked = await checker.newPage();
    await checked.goto(response.url());
    await assertErrorState(checked, `${what} (replayed)`);
  }
  const original = checked.viewportSize();
  const found = [];
  try {
    for (const width of [360, 1280]) {
      await checked.setViewportSize({ width, height: original?.height ?? 800 });
      // Two frames, so that the layout at the new width is painted before axe measures it.
      await checked.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      for (const violation of await axeViolations(checked)) found.push(`at ${width}px: ${violation}`);
    }
  } finally {
    if (checker) await checker.close();
    else if (original) await page.setViewportSize(original);
  }
  if (found.length > 0) {
    throw new Error(`${what} (${response.url()}): ${found.join('; ')}`);
  }
  return state;
}

// The input whose label is exactly this text (plus the "(obligatoire)" mark of required fields).
export function field(page, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^\\s*${escaped}(\\s*\\(obligatoire\\))?\\s*$`)).first();
}

// Signs in through the sign-in page of the demo commune; returns the response to the form (see submit()).
export async function signIn(server, page, login, password) {
  await page.goto(`${server.base}/chanteloup-les-vignes/connexion`);
  await field(page, 'Nom d’utilisateur ou adresse électronique').fill(login);
  await field(page, 'Mot de passe').fill(password);
  return submit(page, page.getByRole('button', { name: /Se connecter/ }));
}
