// Browser tests of testing rounds, the "done when" path: an officer creates a round over their
// district with the pool advice; tubes are registered and boxed through the API as the sampler; the
// lab receives the box one tube short and uploads a results CSV with one positive pool; the commander
// follows the positive pool, its members' retests, the coverage chart and the missing list; a grid
// worker on a phone sees the missing list of their grid; the next round's advice says stop pooling.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from './browser.ts';
import { assert, type TestCase } from './runner.ts';
import { login, openMenu } from './tests.ts';

interface Api {
  get: <T>(path: string) => Promise<T>;
  post: <T>(path: string, body: unknown) => Promise<T>;
}

/** Signs in through the API; JSON GET and POST with the bearer token. */
async function apiAs(baseUrl: string, username: string): Promise<Api> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'cordon-demo' }),
  });
  assert(res.ok, `API login of ${username} failed: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path} as ${username}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

interface PlaceRow {
  id: number;
  code: string;
  name: string;
}

const dataNumber = async (page: Page, selector: string, attr = 'data-value') => Number(await page.locator(selector).first().getAttribute(attr));

export function buildScreeningTests(browser: Browser, artifacts: string, baseUrl: string): TestCase[] {
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name), fullPage: true });
  const noPageErrors = (errors: string[]) => assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);

  // What the tests hand on to each other.
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const roundName = `端到端第${tag}轮`;
  const tubes = { pooled: `E2EP${tag}A`, pooledNegative: `E2EP${tag}B`, single: `E2ES${tag}C` };
  const boxCode = `E2EBOX${tag}`;
  const state: { roundId?: number; district?: PlaceRow; grid?: PlaceRow; siteCode?: string } = {};
  const need = <T>(v: T | undefined, what: string): T => {
    assert(v !== undefined, `${what} missing: an earlier screening test failed`);
    return v;
  };

  /** Opens the new-round drawer and picks the officer's district as the round's place. */
  async function pickDistrict(page: Page, district: PlaceRow): Promise<void> {
    await page.getByTestId('round-new').click();
    const drawer = page.getByTestId('new-round-drawer');
    await drawer.waitFor();
    const picked = drawer.locator('[data-testid=picked-place]', { hasText: district.name });
    for (let attempt = 1; !(await picked.isVisible()); attempt++) {
      await drawer.locator('[data-testid=round-places] .ant-select-selector').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: district.name }).first().click();
      try {
        await picked.waitFor({ timeout: 5_000 });
      } catch (err) {
        if (attempt >= 3) {
          await shot(page, 'screening-failure.png');
          throw err;
        }
      }
    }
    await drawer.locator('[data-testid=pool-advice-row]').first().waitFor();
  }

  return [
    {
      name: 'officer creates a testing round over their district and sees the pool advice',
      fn: async () => {
        const officer = await apiAs(baseUrl, 'officer');
        const [district] = (await officer.get<{ items: PlaceRow[] }>('/api/places/roots')).items;
        assert(district, 'the officer has no scope root');
        state.district = district;
        const { page, errors } = await browser.newPage();
        await login(page, 'officer');
        await openMenu(page, '核酸筛查', /^\/screening$/);
        await pickDistrict(page, district);
        const drawer = page.getByTestId('new-round-drawer');
        await drawer.getByTestId('round-name').fill(roundName);
        const advice = drawer.getByTestId('pool-advice');
        const row = advice.locator('[data-testid=pool-advice-row]').first();
        const rowText = await row.innerText();
        assert(rowText.includes(district.name), `the advice row does not name ${district.name}: ${rowText}`);
        assert(/合1|单采单检/.test(rowText), `the advice row gives no pool size: ${rowText}`);
        assert(Number(await row.getAttribute('data-best')) >= 1, 'no best pool size on the advice row');
        // The modes default to DESIGN §5: sealed single, controlled 10合1, precaution 20合1.
        const modes = await drawer.locator('.ant-select-selection-item').allInnerTexts();
        assert(modes.includes('单采单检') && modes.includes('10合1') && modes.includes('20合1'), `default modes not shown: ${modes.join(', ')}`);
        await shot(page, 'screening-new-round.png');
        await drawer.getByTestId('round-submit').click();
        await page.waitForURL(/\/screening\/\d+/);
        state.roundId = Number(/\/screening\/(\d+)/.exec(page.url())?.[1]);
        await page.getByTestId('round-name').filter({ hasText: roundName }).waitFor();
        assert((await dataNumber(page, '[data-testid=status-expected]')) > 0, 'the new round expects nobody');
        await page.goto('/screening');
        await page.locator('[data-testid=rounds-table] tr', { hasText: roundName }).waitFor();
        await shot(page, 'screening-rounds.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'sampler registers five people in three tubes and boxes them (API)',
      fn: async () => {
        const roundId = need(state.roundId, 'round');
        const commander = await apiAs(baseUrl, 'commander');
        const sampler = await apiAs(baseUrl, 'sampler');
        const grid = await apiAs(baseUrl, 'grid');
        const [gridPlace] = (await grid.get<{ items: PlaceRow[] }>('/api/places/roots')).items;
        assert(gridPlace, 'the grid worker has no grid');
        state.grid = gridPlace;
        // People of the grid worker's grid (inside the sampler's subdistrict), with their full ID numbers.
        const people = (await commander.get<{ items: { id: number }[] }>(`/api/persons?placeId=${gridPlace.id}&limit=5`)).items;
        assert(people.length === 5, `only ${people.length} people in ${gridPlace.name}`);
        const ids = await Promise.all(people.map(async (p) => (await commander.get<{ idNumber: string }>(`/api/persons/${p.id}?unmask=true`)).idNumber));
        // A fixed site of the round in the sampler's area (a subdistrict) that was given time slots.
        const sites = (await sampler.get<{ items: { code: string; siteMode: string; slots: number }[] }>(`/api/screening/rounds/${roundId}/sites`)).items;
        const siteCode = sites.find((s) => s.siteMode === 'fixed' && s.slots > 0)?.code;
        assert(siteCode, 'no fixed site with time slots in the round');
        state.siteCode = siteCode;
        const item = (tubeCode: string, person: string, extra: Record<string, unknown>) => ({ clientId: randomUUID(), roundId, tubeCode, person, siteCode, ...extra });
        const reg = await sampler.post<{ items: { tube: { code: string; members: number; sealed: boolean } }[] }>('/api/screening/registrations', {
          items: [
            item(tubes.pooled, ids[0], { tubeKind: 'pool', capacity: 10 }),
            item(tubes.pooled, ids[1], { tubeKind: 'pool', capacity: 10 }),
            item(tubes.pooled, ids[2], { tubeKind: 'pool', capacity: 10, seal: true }),
            item(tubes.pooledNegative, ids[3], { tubeKind: 'pool', capacity: 10, seal: true }),
            item(tubes.single, ids[4], { tubeKind: 'single' }),
          ],
        });
        const pooled = reg.items.filter((o) => o.tube.code === tubes.pooled).at(-1)?.tube;
        assert(pooled?.members === 3 && pooled.sealed, `pooled tube after registration: ${JSON.stringify(pooled)}`);
        const box = await sampler.post<{ code: string; tubes: number }>('/api/screening/boxes', { code: boxCode, siteCode, tubeCodes: Object.values(tubes) });
        assert(box.tubes === 3, `box holds ${box.tubes} tubes, expected 3`);
      },
    },
    {
      name: 'lab receives the box scanning one tube fewer and sees that tube listed missing',
      fn: async () => {
        need(state.roundId, 'round');
        const { page, errors } = await browser.newPage();
        await login(page, 'lab');
        await openMenu(page, '检测机构', /^\/screening\/lab$/);
        const receive = page.getByTestId('box-receive');
        await receive.locator('.ant-select-selector').first().click();
        await page.locator('.ant-select-item-option', { hasText: '望川区疾控中心实验室' }).first().click();
        // A keyboard-wedge scanner types the code and presses Enter.
        await page.getByTestId('box-scan').fill(boxCode);
        await page.getByTestId('box-scan').press('Enter');
        await page.locator(`[data-testid=box-summary][data-code="${boxCode}"]`).waitFor();
        for (const code of [tubes.pooled, tubes.pooledNegative]) {
          await page.getByTestId('tube-scan').fill(code);
          await page.getByTestId('tube-scan').press('Enter');
        }
        await page.locator('[data-testid=scan-tally][data-found="2"][data-listed="3"]').waitFor();
        await page.getByTestId('receive-submit').click();
        const result = page.getByTestId('receive-result');
        await result.waitFor();
        assert((await result.getAttribute('data-expected')) === '3' && (await result.getAttribute('data-received')) === '2', 'receipt is not 2 of 3');
        const missing = await page.locator('[data-testid=receive-missing] [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
        assert(missing.length === 1 && missing[0] === tubes.single, `missing tubes ${JSON.stringify(missing)}, expected [${tubes.single}]`);
        const color = await page.locator(`[data-testid=receive-missing] [data-code="${tubes.single}"]`).evaluate((e) => getComputedStyle(e).color);
        assert(/rgb\((2[0-9]{2}|1[5-9][0-9]), \d{1,2}, \d{1,2}\)/.test(color), `the missing tube is not shown in red: ${color}`);
        await shot(page, 'screening-lab-receive.png');
        // The same box scanned again: received already, said plainly, no second receipt offered.
        await page.getByTestId('receive-next').click();
        await page.getByTestId('box-scan').fill(boxCode);
        await page.getByTestId('box-scan').press('Enter');
        const again = page.getByTestId('box-already-received');
        await again.waitFor();
        assert((await again.innerText()).includes('已经接收过'), `no clear already-received message: ${await again.innerText()}`);
        assert((await page.getByTestId('receive-submit').count()) === 0, 'a received box can be received again');
        noPageErrors(errors);
      },
    },
    {
      name: 'lab uploads a results CSV with one positive pool and sees its members controlled',
      fn: async () => {
        need(state.roundId, 'round');
        const dir = mkdtempSync(join(tmpdir(), 'cordon-e2e-results-'));
        const file = join(dir, 'results.csv');
        const unknown = `E2EX${tag}`;
        writeFileSync(
          file,
          [
            'tube_code,result,ct_orf1ab,ct_n,tested_at,lab_code,instrument',
            `${tubes.pooled},positive,27.4,29.1,,FL99010101,ABI 7500`,
            `${tubes.pooledNegative},negative,,,,FL99010101,ABI 7500`,
            `${unknown},negative,,,,FL99010101,ABI 7500`,
          ].join('\n'),
          'utf8',
        );
        try {
          const { page, errors } = await browser.newPage();
          await login(page, 'lab');
          await page.goto('/screening/lab');
          await page.locator('[data-testid=results-upload] input[type=file]').setInputFiles(file);
          await page.locator('[data-testid=results-upload] [data-testid=import-job][data-status=done]').waitFor({ timeout: 30_000 });
          const summary = page.locator('[data-testid=results-upload] [data-testid=import-summary]');
          const stat = async (k: string) => Number(await summary.getByTestId(`import-${k}`).getAttribute('data-value'));
          const got = { accepted: await stat('accepted'), unmatched: await stat('unmatched'), positivePools: await stat('positivePools'), membersControlled: await stat('membersControlled'), retestTasks: await stat('retestTasks') };
          const want = { accepted: 2, unmatched: 1, positivePools: 1, membersControlled: 3, retestTasks: 3 };
          assert(JSON.stringify(got) === JSON.stringify(want), `summary ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
          await page.locator('[data-testid=unmatched-table] tr', { hasText: unknown }).waitFor();
          // The positive pooled tube: its custody and its result with Ct values.
          await page.getByTestId('tube-lookup-input').fill(tubes.pooled);
          await page.getByTestId('tube-lookup-input').press('Enter');
          const custody = page.locator(`[data-testid=tube-custody][data-code="${tubes.pooled}"]`);
          await custody.waitFor();
          const text = await custody.innerText();
          assert(text.includes('阳性') && text.includes('27.4'), `tube view lacks the result or Ct: ${text.slice(0, 300)}`);
          assert(text.includes('********') && !/\d{17}[\dX]/.test(text), 'tube members are not masked');
          await shot(page, 'screening-lab.png');
          noPageErrors(errors);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
    {
      name: 'commander follows the positive pool, its members retests, the coverage chart and the missing list',
      fn: async () => {
        const roundId = need(state.roundId, 'round');
        const { page, errors } = await browser.newPage();
        await login(page, 'commander');
        await openMenu(page, '核酸筛查', /^\/screening$/);
        await page.locator('[data-testid=rounds-table] tr', { hasText: roundName }).getByTestId('round-link').click();
        await page.waitForURL(new RegExp(`/screening/${roundId}`));
        await page.waitForFunction(() => Number(document.querySelector('[data-testid=status-positivePools]')?.getAttribute('data-value')) === 1);
        assert((await dataNumber(page, '[data-testid=status-membersControlled]')) === 3, 'members controlled is not 3');
        assert((await dataNumber(page, '[data-testid=status-sampled]')) === 5, 'sampled is not 5');
        // Coverage: chart of the children, the coverage map, the drill-down and the missing list.
        await page.locator('[data-testid=coverage-progress-chart] canvas').first().waitFor();
        await page.locator('[data-testid=coverage-map] canvas').first().waitFor();
        await page.locator('[data-testid=missing-list]').waitFor();
        await page.waitForTimeout(800); // first chart animation
        const chart = await page.getByTestId('coverage-progress-chart').boundingBox();
        assert(chart && chart.height >= 200 && chart.width >= 300, `coverage chart too small: ${JSON.stringify(chart)}`);
        await shot(page, 'screening-command.png');
        // Drill down to the grid of the sampled people: the missing list is theirs, minus the sampled.
        const grid = need(state.grid, 'grid');
        const chain = (await (await apiAs(baseUrl, 'commander')).get<{ ancestors: PlaceRow[] }>(`/api/places/${grid.id}`)).ancestors;
        for (const a of [...chain.slice(chain.findIndex((x) => x.id === state.district?.id) + 1), grid]) {
          await page.locator(`[data-testid=coverage-row][data-place-id="${a.id}"]`).click();
          await page.locator(`[data-testid=coverage-panel][data-place-id="${a.id}"] [data-testid=coverage-summary]`).waitFor();
        }
        const summary = page.getByTestId('coverage-summary');
        const expected = Number(await summary.getAttribute('data-expected'));
        const sampled = Number(await summary.getAttribute('data-sampled'));
        assert(sampled === 5, `the grid shows ${sampled} sampled, expected 5`);
        await page.waitForFunction((n) => Number(document.querySelector('[data-testid=missing-list]')?.getAttribute('data-total')) === n, expected - sampled);
        const rows = page.locator('[data-testid=missing-list] tr.ant-table-row');
        await rows.first().waitFor();
        assert((await rows.first().innerText()).includes('********'), 'the missing list is not masked');
        const href = (await page.getByTestId('missing-export').getAttribute('href')) ?? '';
        assert(href === `/api/screening/rounds/${roundId}/missing/${grid.id}/export.xlsx`, `export link ${href}`);
        const sheet = await page.request.get(href);
        assert(sheet.status() === 200 && (await sheet.body()).length > 0, `missing export: ${sheet.status()}`);
        await shot(page, 'screening-command-grid.png');
        // Positive pools: the pooled tube with its three members controlled.
        await page.getByRole('tab', { name: /混阳处置/ }).click();
        const pool = page.locator(`[data-testid=positive-pool][data-tube="${tubes.pooled}"]`);
        await pool.waitFor();
        assert((await pool.getByTestId('pool-controlled').getAttribute('data-value')) === '3', 'the pool does not show 3 members controlled');
        await shot(page, 'screening-pools.png');
        // Retests: one single-tube task per member of that pool.
        await page.getByRole('tab', { name: /复核任务/ }).click();
        const retests = page.locator(`[data-testid=retest-row][data-source-tube="${tubes.pooled}"]`);
        await retests.first().waitFor();
        assert((await retests.count()) === 3, `${await retests.count()} retest tasks from the pool, expected 3`);
        await page.getByTestId('retest-filter').getByText('待采样').click();
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=retest-status]')].every((e) => e.getAttribute('data-status') === 'open'));
        await shot(page, 'screening-retests.png');
        // The schedule (分时段分批): the site the sampler worked at has its five samples and its time slots.
        await page.getByRole('tab', { name: /采样安排/ }).click();
        const siteRow = page.locator(`[data-testid=schedule-site][data-site-code="${need(state.siteCode, 'site')}"]`);
        await siteRow.click();
        assert((await siteRow.getAttribute('data-samples')) === '5', `the sampler's site shows ${await siteRow.getAttribute('data-samples')} samples, expected 5`);
        await page.locator(`[data-testid=schedule-site-detail][data-site-code="${state.siteCode}"] [data-testid=schedule-slot]`).first().waitFor();
        await shot(page, 'screening-schedule.png');
        await page.getByRole('tab', { name: /检测时效/ }).click();
        await page.getByTestId('turnaround-panel').waitFor();
        await page.waitForTimeout(600);
        await shot(page, 'screening-turnaround.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'grid worker on a phone sees the missing list of their own grid',
      fn: async () => {
        const roundId = need(state.roundId, 'round');
        const grid = need(state.grid, 'grid');
        const { page, errors } = await browser.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await login(page, 'grid');
        await openMenu(page, '核酸筛查', /^\/screening$/);
        await page.locator('[data-testid=rounds-table] tr', { hasText: roundName }).getByTestId('round-link').click();
        // The round covers the district; the grid worker's drill-down starts at their grid.
        await page.locator(`[data-testid=coverage-panel][data-place-id="${grid.id}"]`).waitFor();
        const item = page.getByTestId('missing-item').first();
        await item.waitFor();
        assert((await item.innerText()).includes('********'), 'missing list on the phone is not masked');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert(overflow <= 1, `the page scrolls sideways on a phone by ${overflow} px`);
        await page.getByTestId('missing-list').scrollIntoViewIfNeeded();
        await shot(page, 'screening-missing-mobile.png');
        assert(new URL(page.url()).pathname === `/screening/${roundId}`, `unexpected page ${page.url()}`);
        noPageErrors(errors);
      },
    },
    {
      name: 'the next round over the district is told to stop pooling (prevalence above 0.1 %)',
      fn: async () => {
        const district = need(state.district, 'district');
        const { page, errors } = await browser.newPage();
        await login(page, 'officer');
        await page.goto('/screening');
        await pickDistrict(page, district);
        const stop = page.getByTestId('pool-advice-stop');
        await stop.waitFor();
        const text = await stop.innerText();
        assert(text.includes('停止混检') && text.includes(district.name), `stop-pooling alert: ${text}`);
        const row = await page.locator('[data-testid=pool-advice-row]').first().innerText();
        assert(row.includes(roundName), `the advice is not from ${roundName}: ${row}`);
        await shot(page, 'screening-advice-stop.png');
        // One click follows the advice: the pooled levels switch to single tubes.
        await page.getByTestId('pool-advice-use-single').click();
        const modes = await page.getByTestId('new-round-drawer').locator('.ant-select-selection-item').allInnerTexts();
        assert(modes.length === 3 && modes.every((m) => m === '单采单检'), `modes after "use single tubes": ${modes.join(', ')}`);
        noPageErrors(errors);
      },
    },
  ];
}
