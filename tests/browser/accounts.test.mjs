// G2 in a real browser: a family creates its space by filling the form by its labels, an administrator reads the
// held confirmation mail in the back office and the family follows the link; every page passes axe-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertErrorState, errorStateViolations, field, launchBrowser, noViolations as checkPage, signIn as signInTo,
  startDemo, submit,
} from './harness.mjs';

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

test('a family signs up, an administrator reads the held mail, the family confirms and signs in', async () => {
  const family = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await family.newPage();
  await page.goto(server.base + C);
  await page.getByRole('link', { name: 'Créer mon espace', exact: true }).first().click();
  await checkPage(browser, page, 'sign-up form');

  // Values the browser lets through but the server refuses: the answer to the POST shows the errors, checked as is.
  await field(page, 'Civilité').selectOption('madame');
  await field(page, 'Nom').fill('Dupont');
  await field(page, 'Prénom').fill('Marie');
  await field(page, 'Numéro et voie').fill('18 avenue de Poissy');
  await field(page, 'Code postal').fill('7857');
  await field(page, 'Commune').fill('Chanteloup-les-Vignes');
  await field(page, 'Adresse électronique').fill('marie.browser@example');
  await field(page, 'Nom d’utilisateur').fill('m!');
  await field(page, 'Mot de passe').fill('court');
  const refused = await submit(page, page.getByRole('button', { name: /Créer mon espace/ }));
  const signupErrors = await errorStateViolations(browser, page, 'sign-up form with errors', refused);
  for (const id of ['champ-postal_code', 'champ-email', 'champ-username', 'champ-password']) {
    assert.ok(signupErrors.links.some((link) => link.target === id), `the summary links to #${id}`);
  }

  await field(page, 'Civilité').selectOption('madame');
  await field(page, 'Nom').fill('Dupont');
  await field(page, 'Prénom').fill('Marie');
  await field(page, 'Numéro et voie').fill('18 avenue de Poissy');
  await field(page, 'Code postal').fill('78570');
  await field(page, 'Commune').fill('Chanteloup-les-Vignes');
  await field(page, 'Adresse électronique').fill('marie.browser@example.fr');
  await field(page, 'Nom d’utilisateur').fill('marie.browser');
  await field(page, 'Mot de passe').fill('le chat dort sur le radiateur');
  await page.getByRole('button', { name: /Créer mon espace/ }).click();
  await page.getByText('marie.browser@example.fr').first().waitFor({ timeout: 5000 }).catch(async (error) => {
    throw new Error(`no confirmation page: ${(await page.locator('main').innerText()).slice(0, 1500)}`);
  });
  await checkPage(browser, page, 'sign-up done');

  const created = server.cli('agent', 'add', 'chanteloup-les-vignes', '--email', 'admin.browser@mairie.example.fr',
    '--role', 'admin', '--first-name', 'Anne', '--last-name', 'Admin');
  const invitation = /http\S+definir-mot-de-passe\S+/.exec(created)[0];
  const office = await browser.newContext();
  const admin = await office.newPage();
  await admin.goto(invitation.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base));
  await checkPage(browser, admin, 'set password page');
  await admin.getByLabel(/mot de passe/i).first().fill('administration du portail');
  await admin.getByRole('button').filter({ hasText: /mot de passe/i }).click();
  await signInTo(server, admin, 'admin.browser@mairie.example.fr', 'administration du portail');
  await admin.waitForURL(/agents\/$/);
  await checkPage(browser, admin, 'back office home');
  await admin.getByRole('link', { name: /Courriels envoyés/ }).first().click();
  await checkPage(browser, admin, 'mails list');
  await admin.getByRole('link', { name: /Confirmez/ }).first().click();
  await checkPage(browser, admin, 'one mail');
  const confirmLink = await admin.locator('a[href*="confirmer-mon-adresse"]').first().getAttribute('href');

  await page.goto(confirmLink.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.base));
  await checkPage(browser, page, 'confirmation page');
  await page.getByRole('button', { name: /Confirmer/ }).click();
  await page.getByText(/confirmée/).first().waitFor();

  const wrongPassword = await signInTo(server, page, 'marie.browser', 'pas le bon mot de passe');
  await errorStateViolations(browser, page, 'sign-in with a wrong password', wrongPassword, { status: 401 });
  await signInTo(server, page, 'marie.browser', 'le chat dort sur le radiateur');
  await page.waitForURL(/mon-espace$/);
  assert.match(await page.locator('main').innerText(), /Bonjour\s+Madame DUPONT/);
  await checkPage(browser, page, 'home');

  await page.goto(server.base + C + 'mon-compte');
  const passwordForm = page.locator('form[action$="mon-compte/mot-de-passe"]');
  await passwordForm.locator('#champ-password-current_password').fill('pas le bon mot de passe');
  await passwordForm.locator('#champ-password-new_password').fill('un tout nouveau mot de passe');
  const wrongCurrent = await submit(page, passwordForm.locator('button[type="submit"]'));
  const passwordErrors = await errorStateViolations(browser, page,
    'Mon compte: password change with a wrong current password', wrongCurrent);
  assert.ok(passwordErrors.links.some((link) => link.target === 'champ-password-current_password'));
  for (const path of ['mon-compte', 'coordonnees', 'mes-donnees']) {
    await page.goto(server.base + C + path);
    await checkPage(browser, page, path);
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling at 360 px (${width})`);

  await page.getByRole('button', { name: /Se déconnecter/ }).click();
  await page.waitForURL(new RegExp(`${C}$`));
  assert.match(await page.getByRole("status").innerText(), /déconnexion a bien été effectuée/i);
  await family.close();
  await office.close();
});

test('the sign-in page works without JavaScript and says nothing about which accounts exist', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const refused = await signInTo(server, page, 'personne', 'un mot de passe quelconque');
  assert.match(await page.locator('body').innerText(), /Identifiant ou mot de passe incorrect/);
  await errorStateViolations(browser, page, 'sign-in with error, without JavaScript', refused,
    { status: 401, javaScript: false });
  await context.close();
});

test('the error-state check fails on a blank form and on an axe violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.base + C + 'connexion');
  await assert.rejects(assertErrorState(page, 'blank sign-in form'), /no visible error summary/);
  const refused = await signInTo(server, page, 'personne', 'un autre mot de passe');
  await page.evaluate(() => document.querySelector('label[for="champ-login"]').remove());
  await assert.rejects(errorStateViolations(browser, page, 'sign-in with a label removed', refused, { status: 401 }),
    /at 360px: label: .*at 1280px: label: /);
  await context.close();
});
