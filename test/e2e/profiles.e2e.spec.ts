import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsDouble, type StsDouble } from '../doubles/aws-sts';
import { startAzureDouble, type AzureDouble } from '../doubles/azure';
import { SECRET_APP, SUBSCRIPTIONS, TENANT } from '../doubles/azure-ids';
import { startServe } from '../helpers/cli';
import { launchChromium } from '../helpers/chromium';
import { startSecretService, type PrivateSecretService } from '../helpers/secret-service';
import { NO_KEYCHAIN_SENTENCE } from '../../main/core/profiles/secrets/secret-errors';

// Generated values in the providers' formats; not real credentials.
const alice = { accessKeyId: 'AKIAEXAMPLEE2E00001', secretAccessKey: 'e2eAwsSecretKey/EXAMPLE+00000000000000001', account: '111122223333', arn: 'arn:aws:iam::111122223333:user/e2e', userId: 'AIDAEXAMPLEE2E00001' };
const AZURE_SECRET = 'E2e8~azure-client-secret.value-0000001';
const SECRETS = [alice.secretAccessKey, AZURE_SECRET];

/**
 * The "done when": in Chromium against browser mode, add an AWS and an Azure profile,
 * test both against the doubles, reload and see them kept — and find neither secret in the page,
 * in what the server sent back, in the database or in the logs.
 */
describe('Profiles in browser mode (Chromium, real keychain, doubles)', () => {
  let browser: Browser;
  let keyring: PrivateSecretService;
  let sts: StsDouble;
  let azure: AzureDouble;
  let home: string;
  let serve: Awaited<ReturnType<typeof startServe>>;
  let page: Page;
  /** Everything the server sent the page: call responses and pushed events. */
  const received: string[] = [];
  /** What the page sent, apart from the two add calls that must carry the secrets in. */
  const sentOtherwise: string[] = [];

  beforeAll(async () => {
    keyring = await startSecretService();
    sts = await startStsDouble([alice]);
    azure = await startAzureDouble({ tenants: [{ id: TENANT, apps: [{ clientId: SECRET_APP, secret: AZURE_SECRET, subscriptions: SUBSCRIPTIONS }] }] });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-e2e-profiles-'));
    serve = await startServe({ SKYLIFT_HOME: home, DBUS_SESSION_BUS_ADDRESS: keyring.address });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('response', async (response) => {
      if (response.url().startsWith(serve.url)) received.push(await response.text().catch(() => ''));
    });
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (!body.includes('"kind":"aws-static"') && !body.includes('"kind":"azure-client-secret"')) sentOtherwise.push(body);
    });
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => received.push(String(frame.payload))));
    await page.goto(serve.openUrl);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await sts?.close();
    await azure?.close();
    await keyring?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const card = (name: string) => page.getByRole('article', { name, exact: true });

  it('keeps secrets in the keychain: the page says so', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles', exact: true }).click();
    await expect.poll(() => page.getByTestId('secret-storage').textContent()).toMatch(/keychain/i);
  });

  it('adds an AWS profile with an STS endpoint override and tests it: account and ARN', async () => {
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('radio', { name: 'AWS', exact: true }).check();
    await page.getByRole('radio', { name: 'Access keys' }).check();
    await page.getByLabel('Profile name').fill('dev-aws');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Access key ID').fill(alice.accessKeyId);
    await page.getByLabel('Secret access key').fill(alice.secretAccessKey);
    await page.getByText('Endpoint overrides').click();
    await page.getByLabel('STS endpoint URL (optional)').fill(sts.url);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await card('dev-aws').waitFor();
    expect(await card('dev-aws').textContent()).toContain('AKIA…0001');

    await card('dev-aws').getByRole('button', { name: 'Test connection' }).click();
    const result = card('dev-aws').getByRole('status').filter({ hasText: 'Connection works' });
    await result.waitFor();
    expect(await result.textContent()).toContain(alice.arn);
    expect(await result.textContent()).toContain(alice.account);
  });

  it('adds an Azure service principal on a custom cloud and tests it: the subscriptions', async () => {
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('radio', { name: 'Azure', exact: true }).check();
    await page.getByRole('radio', { name: 'Service principal (secret)' }).check();
    await page.getByLabel('Profile name').fill('ml-azure');
    await page.getByLabel('Tenant ID', { exact: true }).fill(TENANT);
    await page.getByLabel('Client ID').fill(SECRET_APP);
    await page.getByLabel('Client secret').fill(AZURE_SECRET);
    await page.getByLabel('Cloud').selectOption('custom');
    await page.getByLabel('Authority host').fill(azure.authorityHost);
    await page.getByLabel('Resource Manager URL').fill(azure.resourceManager);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await card('ml-azure').waitFor();

    await card('ml-azure').getByRole('button', { name: 'Test connection' }).click();
    const result = card('ml-azure').getByRole('status').filter({ hasText: 'Connection works' });
    await result.waitFor();
    for (const sub of SUBSCRIPTIONS) {
      expect(await result.textContent()).toContain(sub.name);
      expect(await result.textContent()).toContain(sub.id);
    }
  });

  it('shows both profiles, with their last tests, after a reload', async () => {
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles', exact: true }).click();
    await card('dev-aws').waitFor();
    await card('ml-azure').waitFor();
    const awsLine = await card('dev-aws').getByTestId('profile-last-test').textContent();
    expect(awsLine).toContain('Last test passed');
    expect(awsLine).toContain(alice.arn);
    const azureLine = await card('ml-azure').getByTestId('profile-last-test').textContent();
    expect(azureLine).toContain('Last test passed');
    expect(azureLine).toContain(`${SUBSCRIPTIONS.length} subscriptions`);
  });

  it('finds neither secret in the page, the traffic back, the database or the logs', async () => {
    // The edit form never shows a secret, not even masked into a field's value.
    await card('dev-aws').getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Replace secret' }).waitFor();
    const page_ = await page.content();
    const inputs = await page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('\n'));
    const files = fs.readdirSync(home, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.some((f) => f.name === 'skylift.db')).toBe(true);
    // The capture saw the traffic: the test outcomes, with the ARN, came back through it.
    expect(received.join('\n')).toContain(alice.arn);
    const haystacks: Array<[string, string]> = [
      ['the page', page_ + inputs],
      ['a response or event', received.join('\n')],
      ['a request other than the adds', sentOtherwise.join('\n')],
      ...files.map((f): [string, string] => [path.join(f.parentPath, f.name), fs.readFileSync(path.join(f.parentPath, f.name), 'latin1')]),
    ];
    for (const [where, text] of haystacks) for (const secret of SECRETS) expect(text.includes(secret), `secret in ${where}`).toBe(false);
  });

  it('deletes a profile only on the second click, and it stays deleted after a reload', async () => {
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles', exact: true }).click();
    await card('dev-aws').getByRole('button', { name: 'Delete' }).click();
    const question = card('dev-aws').getByRole('group', { name: 'Delete profile dev-aws?' });
    expect(await question.textContent()).toContain('Its stored secret is deleted too.');
    await question.getByRole('button', { name: 'Keep' }).click();
    expect(await question.count()).toBe(0);

    await card('dev-aws').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('profile-delete-confirm').click();
    await card('dev-aws').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles', exact: true }).click();
    await card('ml-azure').waitFor();
    expect(await card('dev-aws').count()).toBe(0);
  });
});

describe('Profiles without a keychain (Chromium)', () => {
  let browser: Browser;
  let home: string;
  let serve: Awaited<ReturnType<typeof startServe>>;

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'skylift-e2e-nokeychain-'));
    // A session bus address nobody listens on: a headless box without a Secret Service.
    serve = await startServe({ SKYLIFT_HOME: home, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-bus')}` });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('says in one sentence what is missing and the two ways out, the D-Bus words only behind Details', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(serve.openUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles', exact: true }).click();
    const sentence = page.getByTestId('secret-storage-sentence');
    await expect.poll(() => sentence.textContent()).toBe(NO_KEYCHAIN_SENTENCE);
    const details = page.getByTestId('secret-storage').locator('details');
    expect(await details.locator('p').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('p').textContent()).toMatch(/D-Bus/);
    expect(await sentence.textContent()).not.toMatch(/D-?Bus|Platform failure/);
  });

  it('disables Save with its reason next to the opt-in, keeps what was typed when a save is refused, and clears the stale error on opt-in (0600 file)', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(serve.openUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Profiles', exact: true }).click();
    await page.getByTestId('secret-storage').waitFor();
    await page.getByRole('button', { name: 'Add profile' }).click();
    const form = page.getByTestId('profile-form');
    await page.getByRole('radio', { name: 'AWS', exact: true }).check();
    await page.getByRole('radio', { name: 'Access keys' }).check();
    await page.getByLabel('Profile name').fill('headless');
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Access key ID').fill(alice.accessKeyId);
    await page.getByLabel('Secret access key').fill(alice.secretAccessKey);

    // The sentence and the opt-in sit in the form, once on the page; Save is off and says why.
    expect(await page.getByTestId('secret-storage').count()).toBe(1);
    expect(await form.getByTestId('secret-storage-sentence').textContent()).toBe(NO_KEYCHAIN_SENTENCE);
    const save = page.getByRole('button', { name: 'Save profile' });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.getByTestId('profile-save-reason').textContent()).toMatch(/no keychain and no opt-in/);
    expect(await save.getAttribute('aria-describedby')).toContain(await page.getByTestId('profile-save-reason').getAttribute('id'));

    const optIn = async () => {
      await form.getByLabel('I understand this file is not encrypted').check();
      await form.getByRole('button', { name: 'Keep secrets in a file' }).click();
      await expect.poll(() => save.isDisabled()).toBe(false);
    };
    await optIn();

    // Another tab (or the CLI) turns the file off again: this form's save is refused.
    const optedOut = await page.evaluate(async () => (await fetch('/api/call/profiles:setFileOptIn', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false }) })).status);
    expect(optedOut).toBe(200);
    await save.click();
    const notSaved = page.getByTestId('profile-form-error');
    await expect.poll(() => notSaved.textContent()).toContain(NO_KEYCHAIN_SENTENCE);
    expect(await notSaved.textContent()).not.toMatch(/D-?Bus/);
    expect(fs.existsSync(path.join(home, 'secrets', 'secrets.json'))).toBe(false);
    // Nothing typed is lost, the secret included; the form re-read the storage, so Save is off again.
    expect(await page.getByLabel('Profile name').inputValue()).toBe('headless');
    expect(await page.getByLabel('Access key ID').inputValue()).toBe(alice.accessKeyId);
    expect(await page.getByLabel('Secret access key').inputValue()).toBe(alice.secretAccessKey);
    await expect.poll(() => save.isDisabled()).toBe(true);

    await optIn();
    expect(await notSaved.count()).toBe(0);
    await save.click();
    await page.getByRole('article', { name: 'headless', exact: true }).waitFor();
    expect(fs.statSync(path.join(home, 'secrets', 'secrets.json')).mode & 0o777).toBe(0o600);
    await expect.poll(() => page.getByTestId('secret-storage').textContent()).toContain('not encrypted');
  });
});
