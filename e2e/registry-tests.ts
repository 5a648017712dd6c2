// Browser tests of the registry: census on a phone, people search with masking, residents import.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeIdCard } from '../domain/id-card.ts';
import type { Browser } from './browser.ts';
import { assert, type TestCase } from './runner.ts';
import { login, openMenu } from './tests.ts';

/** Signs in through the API and returns a function for authenticated JSON GETs. */
async function apiAs(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'cordon-demo' }),
  });
  assert(res.ok, `API login of ${username} failed: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return async <T>(path: string): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error(`GET ${path} as ${username}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

const visitedCount = async (page: Page) =>
  Number(await page.locator('[data-testid=census-place-summary] [data-testid=coverage-households]').getAttribute('data-done'));

export function buildRegistryTests(browser: Browser, artifacts: string, baseUrl: string): TestCase[] {
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name), fullPage: true });
  const noPageErrors = (errors: string[]) => assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);

  return [
    {
      name: 'grid worker on a phone records a visit and the grid coverage goes up by one household',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await login(page, 'grid');
        await openMenu(page, '敲门行动', /^\/census$/);
        const gridCard = page.getByTestId('coverage-card').first();
        await gridCard.waitFor();
        const gridName = (await gridCard.getAttribute('data-name')) ?? '';
        const gridId = await gridCard.getAttribute('data-place-id');
        await gridCard.click();
        await page.getByTestId('census-place-summary').waitFor();
        const before = await visitedCount(page);
        await page.locator('[data-testid=coverage-card][data-name="1号楼"]').click();
        await page.locator('[data-testid=coverage-card][data-name="1单元"]').click();
        const row = page.locator('[data-testid=household-row][data-visited=false]').filter({ hasNotText: '登记 0 人' }).first();
        await row.waitFor();
        const household = (await row.getAttribute('data-name')) ?? '';
        await row.click();
        await page.getByTestId('visit-form').waitFor();
        await page.getByTestId('member-seen').first().click();
        await page.getByTestId('outcome-present').click();
        const submit = page.getByTestId('visit-submit');
        assert((await submit.innerText()).includes('在家'), `submit button does not say 在家: ${await submit.innerText()}`);
        await shot(page, 'census-mobile-household.png');
        await submit.click();
        await page.locator('.ant-message', { hasText: '已记录' }).waitFor();
        await page.locator(`[data-testid=household-row][data-name="${household}"][data-visited=true]`).first().waitFor();
        await page.getByTestId('census-breadcrumb').getByRole('link', { name: gridName }).click();
        await page.waitForURL(new RegExp(`/census/${gridId}$`));
        await page.waitForFunction(
          (n) => Number(document.querySelector('[data-testid=census-place-summary] [data-testid=coverage-households]')?.getAttribute('data-done')) === n,
          before + 1,
        );
        const after = await visitedCount(page);
        assert(after === before + 1, `visited households went from ${before} to ${after}, expected +1`);
        await shot(page, 'census-mobile.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'officer finds a person by full ID number and sees it masked',
      fn: async () => {
        const asOfficer = await apiAs(baseUrl, 'officer');
        const asCommander = await apiAs(baseUrl, 'commander');
        const [someone] = (await asOfficer<{ items: { id: number; name: string }[] }>('/api/persons?q=%E7%8E%8B&limit=1')).items;
        assert(someone, 'no person named 王… in the officer district');
        const full = await asCommander<{ idNumber: string; masked: boolean }>(`/api/persons/${someone.id}?unmask=true`);
        assert(!full.masked && /^\d{17}[\dX]$/.test(full.idNumber), `unmask did not give a full number: ${full.idNumber}`);

        const { page, errors } = await browser.newPage();
        await login(page, 'officer');
        await openMenu(page, '人员', /^\/persons$/);
        const search = page.locator('input[data-testid=person-search], [data-testid=person-search] input').first();
        await search.fill(full.idNumber);
        await search.press('Enter');
        const rows = page.locator('[data-testid=persons-table] tr.ant-table-row');
        await page.waitForFunction(
          (name) => {
            const r = document.querySelectorAll('[data-testid=persons-table] tr.ant-table-row');
            return r.length === 1 && (r[0].textContent ?? '').includes(name);
          },
          someone.name,
        );
        const text = await rows.first().innerText();
        assert(text.includes('********'), `ID number not masked in the table: ${text}`);
        assert(!text.includes(full.idNumber), 'the full ID number is shown to the officer');
        assert((await page.getByTestId('person-unmask').count()) === 0, 'the officer (no persons.unmask) sees the unmask button');
        await shot(page, 'persons.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'officer imports a CSV with one good and one bad row and gets the errors sheet',
      fn: async () => {
        const good = makeIdCard('990101', '1986-04-12', 700 + (Date.now() % 200), 'M');
        const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0'); // wrong check digit
        const csv = [
          'id_type,id_number,name,sex,birth_date,phone,household_code,tags',
          `身份证,${good},端到端甲,男,1986-04-12,13800138000,990101001001001010110101,独居老人`,
          `身份证,${bad},端到端乙,,,,990101001001001010110101,`,
        ].join('\n');
        const { page, errors } = await browser.newPage();
        await login(page, 'officer');
        await page.goto('/persons/import');
        await page.getByTestId('import-upload').waitFor();
        await page.locator('[data-testid=import-upload] input[type=file]').setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
        await page.locator('[data-testid=import-job][data-status=done]').waitFor({ timeout: 30_000 });
        const summary = page.getByTestId('import-summary');
        const stat = async (k: string) => Number(await summary.getByTestId(`import-${k}`).getAttribute('data-value'));
        assert((await stat('accepted')) === 1, `accepted ${await stat('accepted')}, expected 1`);
        assert((await stat('rejected')) === 1, `rejected ${await stat('rejected')}, expected 1`);
        const link = page.getByTestId('import-errors');
        await link.waitFor();
        const href = (await link.getAttribute('href')) ?? '';
        assert(/^\/api\/jobs\/\d+\/errors\.xlsx$/.test(href), `unexpected errors link ${href}`);
        const sheet = await page.request.get(href);
        assert(sheet.status() === 200 && (await sheet.body()).length > 0, `errors sheet: ${sheet.status()}`);
        await shot(page, 'import.png');
        noPageErrors(errors);
      },
    },
  ];
}
