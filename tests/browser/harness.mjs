// Starts `guichet demo` on a free port with a throw-away SQLite database, and Debian's chromium through
// playwright-core, for the browser tests.
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

// Runs axe-core in the page with the WCAG 2.1 A and AA rules and returns its violations.
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Checks a page with axe-core in a CSP-bypassing copy (axe is injected as an inline script), with the same cookies.
export async function noViolations(browser, page, what) {
  const checker = await browser.newContext({ bypassCSP: true, viewport: page.viewportSize() });
  await checker.addCookies(await page.context().cookies());
  const copy = await checker.newPage();
  await copy.goto(page.url());
  const violations = await axeViolations(copy);
  await checker.close();
  if (violations.length > 0) {
    throw new Error(`${what}: ${violations.join('; ')}`);
  }
}

// The input whose label is exactly this text (plus the "(obligatoire)" mark of required fields).
export function field(page, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^\\s*${escaped}(\\s*\\(obligatoire\\))?\\s*$`)).first();
}

// Signs in through the sign-in page of the demo commune.
export async function signIn(server, page, login, password) {
  await page.goto(`${server.base}/chanteloup-les-vignes/connexion`);
  await field(page, 'Nom d’utilisateur ou adresse électronique').fill(login);
  await field(page, 'Mot de passe').fill(password);
  await page.getByRole('button', { name: /Se connecter/ }).click();
}
