// G1 in a real browser: accessibility (axe-core, WCAG 2.1 AA), keyboard use, small screens, no JavaScript needed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, startDemo } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startDemo();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(path, options = {}) {
  // CSP reports are the page's own business: addScriptTag injects axe as an inline script, so it runs in a context
  // that bypasses the page's CSP (as a browser extension would); the page itself must not need inline code.
  const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false, ...options.context });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const response = await page.goto(server.base + path);
  return { context, page, response, problems };
}

for (const [name, path, status] of [
  ['landing page (French)', '/chanteloup-les-vignes/', 200],
  ['landing page (English)', '/chanteloup-les-vignes/?lang=en', 200],
  ['accessibility statement', '/chanteloup-les-vignes/accessibilite', 200],
  ['404 of a known commune', '/chanteloup-les-vignes/nulle-part', 404],
  ['404 of an unknown commune', '/nulle-part/', 404],
]) {
  test(`${name} has no WCAG 2.1 AA violation at phone and desktop widths`, async () => {
    for (const width of [360, 1280]) {
      const { context, page, response } = await openPage(path, {
        bypassCSP: true,
        context: { viewport: { width, height: 800 } },
      });
      assert.equal(response.status(), status);
      assert.deepEqual(await axeViolations(page), [], `${path} at ${width}px`);
      await context.close();
    }
  });
}

test('the page loads without any console error (no CSP violation, no missing asset)', async () => {
  const { context, problems, page } = await openPage('/chanteloup-les-vignes/');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), true,
    'the script (served as a hashed asset) ran');
  await context.close();
});

test('at 360 px nothing scrolls sideways and the calls to action are large enough to tap', async () => {
  const { context, page } = await openPage('/chanteloup-les-vignes/', { context: { viewport: { width: 360, height: 740 } } });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= 360, `page is ${scrollWidth}px wide`);
  for (const label of ['Créer mon espace', 'Se connecter']) {
    const box = await page.getByRole('link', { name: label, exact: true }).first().boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${label} is ${box.width}x${box.height}`);
  }
  await context.close();
});

test('keyboard: the first Tab shows the skip link, which moves focus to the main content', async () => {
  const { context, page } = await openPage('/chanteloup-les-vignes/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    href: document.activeElement.getAttribute('href'),
    visible: (() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0;
    })(),
  }));
  assert.deepEqual(focused, { href: '#contenu', visible: true });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'contenu');
  await context.close();
});

test('keyboard focus is always visible on links', async () => {
  const { context, page } = await openPage('/chanteloup-les-vignes/');
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { tag: document.activeElement.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
    });
    assert.ok((style.outline !== 'none' && style.width >= 2) || style.shadow !== 'none',
      `focused ${style.tag} has no visible focus indicator: ${JSON.stringify(style)}`);
  }
  await context.close();
});

test('without JavaScript the page is complete and the ways in are links', async () => {
  const { context, page } = await openPage('/chanteloup-les-vignes/', { context: { javaScriptEnabled: false } });
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Créer mon espace', exact: true }).first().getAttribute('href'),
    '/chanteloup-les-vignes/creer-mon-espace');
  assert.equal(await page.getByRole('link', { name: 'Se connecter', exact: true }).first().getAttribute('href'),
    '/chanteloup-les-vignes/connexion');
  await context.close();
});

test('the language link switches to English and back, and the choice is remembered', async () => {
  const { context, page } = await openPage('/chanteloup-les-vignes/');
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.goto(server.base + '/chanteloup-les-vignes/accessibilite');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('link', { name: 'Français' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await context.close();
});
