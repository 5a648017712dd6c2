// Browser test of the antigen self-test: a resident signs in on a phone, lands on 抗原自测 (the
// only page they may use), reports a negative and then a positive result for their household.
import { join } from 'node:path';
import type { Browser } from './browser.ts';
import { assert, type TestCase } from './runner.ts';

export function buildAntigenTests(browser: Browser, artifacts: string): TestCase[] {
  return [
    {
      name: 'resident on a phone reports antigen self-tests; a positive one asks for a PCR confirmation',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/login');
        await page.getByTestId('login-username').fill('resident');
        await page.getByTestId('login-password').fill('cordon-demo');
        await page.getByTestId('login-submit').click();
        await page.waitForURL(/\/antigen$/);
        const card = page.locator('[data-testid^=antigen-person-]').first();
        await card.waitFor();
        const id = ((await card.getAttribute('data-testid')) ?? '').replace('antigen-person-', '');
        assert((await card.innerText()).includes('*'), 'the ID number is not masked');
        await page.getByTestId(`antigen-negative-${id}`).click();
        await page.getByTestId('antigen-sent').waitFor();
        await page.locator(`[data-testid=antigen-person-${id}]`, { hasText: '阴性' }).waitFor();
        await page.getByTestId(`antigen-positive-${id}`).click();
        await page.locator('[data-testid=antigen-sent]', { hasText: '核酸复核' }).waitFor();
        await page.screenshot({ path: join(artifacts, 'antigen-mobile.png'), fullPage: true });
        assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
      },
    },
  ];
}
