// Background jobs in a real browser: an agent starts the clé enfance letters from the families page and follows the
// job's page until its download link shows, with JavaScript updating the page in place instead of reloading it;
// the page passes axe-core while the job runs and once it is done.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { launchBrowser, noViolations as checkPage, signIn, startDemo, submit } from './harness.mjs';

const C = '/chanteloup-les-vignes/';
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

// Runs SQL on the demo's SQLite database behind the server's back (python3 is there for the end-to-end tests), and
// returns the first column of the first row, if any.
function sql(statement) {
  const script = 'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=10)\n'
    + 'r = c.execute(sys.argv[2]).fetchone()\nc.commit()\nprint("" if r is None else r[0])';
  return execFileSync('/usr/bin/python3', ['-c', script, server.database, statement], { encoding: 'utf8' }).trim();
}

async function agentPage() {
  const out = server.cli('agent', 'add', 'chanteloup-les-vignes', '--email', 'travaux@mairie.example.fr',
    '--first-name', 'Anne', '--last-name', 'Agent');
  const link = /http\S+definir-mot-de-passe\S+/.exec(out)[0].replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel(/mot de passe/i).first().fill('les travaux de la mairie');
  await page.getByRole('button').filter({ hasText: /mot de passe/i }).click();
  await signIn(server, page, 'travaux@mairie.example.fr', 'les travaux de la mairie');
  await page.waitForURL(/agents\/$/);
  return page;
}

test('an agent follows the letters job on its page, updated in place, and downloads the PDF', async () => {
  const agent = await agentPage();

  // A job as the runner leaves it between two chunks, so that the running page is seen whatever the machine's speed.
  const commune = sql("SELECT id FROM commune WHERE slug = 'chanteloup-les-vignes'");
  const account = sql("SELECT id FROM account WHERE email_lower = 'travaux@mairie.example.fr'");
  const now = Date.now() * 1000;
  sql('INSERT INTO job (commune_id, kind, requested_by, language, parameters, status, done_count, total_count, '
    + `file_name, error_key, created_at_us, started_at_us) VALUES (${commune}, 'key_letters', ${account}, 'fr', '{}', `
    + `'running', 1500, 20000, 'job-0-0000000000000000.pdf', '', ${now}, ${now})`);
  const running = sql('SELECT MAX(id) FROM job');
  await agent.goto(`${server.base}${C}agents/travaux/${running}`);
  await agent.evaluate(() => { window.sameDocument = true; });
  assert.equal(await agent.getByRole('status').innerText(), 'En cours\u00a0: 1\u202f500 / 20\u202f000 lettres.');
  assert.equal(await agent.getByLabel('Avancement').getAttribute('value'), '1500');
  await agent.getByRole('heading', { level: 1, name: 'Lettres de clé enfance' }).waitFor();
  await checkPage(browser, agent, 'job page while the job runs');
  // The runner moves on: the page reads itself again and shows it, without a reload.
  sql(`UPDATE job SET done_count = 19000 WHERE id = ${running}`);
  await agent.waitForFunction(() => document.getElementById('travail-avancement')?.getAttribute('value') === '19000',
    null, { timeout: 20000 });
  sql(`UPDATE job SET status = 'failed', error_key = 'err_job_interrupted' WHERE id = ${running}`);
  await agent.getByText('Le serveur s’est arrêté pendant le travail').waitFor({ timeout: 20000 });
  assert.equal(await agent.evaluate(() => window.sameDocument), true, 'updated in place, not reloaded');
  assert.equal(await agent.locator('#travail-avancement').count(), 0, 'no progress bar on a failed job');
  await checkPage(browser, agent, 'job page of a failed job');

  // The real batch: the demo's households have unlinked representatives.
  await agent.goto(server.base + C + 'agents/familles');
  await submit(agent, agent.getByRole('button', { name: /Préparer les lettres/ }));
  assert.match(agent.url(), /agents\/travaux\/\d+$/);
  await checkPage(browser, agent, 'job page after starting the letters');
  const download = agent.getByRole('link', { name: 'Télécharger le fichier' });
  await download.waitFor({ timeout: 60000 });
  await checkPage(browser, agent, 'job page once the letters are ready');
  const [file] = await Promise.all([agent.waitForEvent('download'), download.click()]);
  assert.equal(file.suggestedFilename(), 'cles-enfance-chanteloup-les-vignes.pdf');
  for (const width of [360]) {
    await agent.setViewportSize({ width, height: 800 });
    await checkPage(browser, agent, `job page at ${width} px`);
    const scroll = await agent.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `no sideways scrolling at ${width} px (${scroll})`);
  }
  await agent.context().close();
});
