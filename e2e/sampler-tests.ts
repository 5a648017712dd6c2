// Browser test of the sampler PWA on a phone: registrations scanned offline are kept in IndexedDB
// (across an offline reload served by the service worker), drain when the network is back, and are
// stored exactly once — also when the same batch is sent again.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from './browser.ts';
import { assert, type TestCase } from './runner.ts';
import { login } from './tests.ts';

interface ApiSession {
  token: string;
  user: { username: string; assignments: { placeId: number | null }[] };
  get: <T>(path: string) => Promise<T>;
  post: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>;
}

async function apiSession(baseUrl: string, username: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'cordon-demo' }),
  });
  assert(res.ok, `API login of ${username} failed: ${res.status}`);
  const { token, user } = (await res.json()) as { token: string; user: ApiSession['user'] };
  const headers = { authorization: `Bearer ${token}` };
  return {
    token,
    user,
    get: async <T>(path: string): Promise<T> => {
      const r = await fetch(`${baseUrl}${path}`, { headers });
      if (!r.ok) throw new Error(`GET ${path} as ${username}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    post: async (path, body) => {
      const r = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
  };
}

interface RoundRow { id: number; name: string; status: string }
interface SiteRow { id: number; code: string; name: string; placeId: number; siteMode: string; slots: number }
interface TubeView { code: string; members: number; sealed: boolean; kind: string; capacity: number; people: { slot: number; personId: number }[] }

/** An open round the sampler sees (one is created over the sampler's area when there is none). */
async function openRound(admin: ApiSession, sampler: ApiSession): Promise<RoundRow> {
  const open = (await sampler.get<{ items: RoundRow[] }>('/api/screening/rounds')).items.filter((r) => r.status === 'open');
  if (open.length) return open[0];
  const placeId = sampler.user.assignments[0]?.placeId;
  assert(placeId, 'the demo sampler has no place');
  const now = Date.now();
  const created = await admin.post('/api/screening/rounds', {
    name: `端到端采样轮次 ${now.toString(36).toUpperCase()}`,
    placeIds: [placeId],
    startsAt: new Date(now - 3_600_000).toISOString(),
    deadline: new Date(now + 23 * 3_600_000).toISOString(),
  });
  assert(created.status === 201, `creating a round: ${created.status} ${JSON.stringify(created.json)}`);
  return created.json as RoundRow;
}

/** Full ID numbers of three active residents under a place (as admin, unmasked). */
async function residentsUnder(admin: ApiSession, placeId: number): Promise<{ id: number; idNumber: string }[]> {
  const people = (await admin.get<{ items: { id: number; idType?: string }[] }>(`/api/persons?placeId=${placeId}&status=active&limit=50`)).items;
  const out: { id: number; idNumber: string }[] = [];
  for (const p of people) {
    const full = await admin.get<{ id: number; idNumber: string; idType: string; masked: boolean }>(`/api/persons/${p.id}?unmask=true`);
    if (!full.masked && full.idType === 'id_card' && /^\d{17}[\dX]$/.test(full.idNumber)) out.push({ id: full.id, idNumber: full.idNumber });
    if (out.length === 3) break;
  }
  assert(out.length === 3, `fewer than 3 residents with an ID card under place ${placeId}`);
  return out;
}

async function chooseOption(page: Page, selectTestId: string, option: string): Promise<void> {
  await page.locator(`[data-testid=${selectTestId}] .ant-select-selector`).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator(option).first().click();
}

const syncBar = (page: Page) => page.getByTestId('sync-bar');
const waitQueued = (page: Page, n: number, timeout?: number) => page.locator(`[data-testid=sync-bar][data-queued="${n}"]`).waitFor({ timeout });

async function scan(page: Page, text: string): Promise<void> {
  const field = page.getByTestId('scan-field');
  await field.fill(text);
  await field.press('Enter');
}

/** Registrations waiting in the sampler's IndexedDB queue, read straight from the database. */
const queuedInIndexedDb = (page: Page, username: string) =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('queue', 'readonly').objectStore('queue').count();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    `cordon-sampler:${username}`,
  );

export function buildSamplerTests(browser: Browser, artifacts: string, baseUrl: string): TestCase[] {
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name), fullPage: true });

  return [
    {
      name: 'sampler on a phone registers a tube of 3 offline; it survives a reload and is stored once when back online',
      fn: async () => {
        const admin = await apiSession(baseUrl, 'admin');
        const samplerApi = await apiSession(baseUrl, 'sampler');
        const round = await openRound(admin, samplerApi);
        const site = (await samplerApi.get<{ items: SiteRow[] }>(`/api/screening/rounds/${round.id}/sites`)).items.find((s) => s.siteMode === 'fixed' && s.slots > 0);
        assert(site, `round ${round.name} has no fixed site with time slots in the sampler's area`);
        const people = await residentsUnder(admin, site.placeId);
        const tubeCode = `E2E${Date.now().toString(36).toUpperCase()}`;

        const { page, errors } = await browser.newPage();
        const batches: string[] = [];
        page.on('request', (r) => {
          if (r.method() === 'POST' && r.url().endsWith('/api/screening/registrations')) batches.push(r.postData() ?? '');
        });
        try {
          await page.setViewportSize({ width: 390, height: 844 });
          await login(page, 'sampler');
          // Through the menu, as a sampler would (below 768 px it opens from the header).
          await page.getByTestId('menu-toggle').click();
          await page.getByRole('menuitem', { name: '采样登记' }).click();
          await page.waitForURL(/\/sampler$/);
          await page.getByTestId('setup-card').waitFor();
          assert((await page.locator('link[rel=manifest]').getAttribute('href')) === '/sampler.webmanifest', 'no web app manifest linked');
          await shot(page, 'sampler-setup.png');

          await chooseOption(page, 'setup-round', '.ant-select-item-option');
          await chooseOption(page, 'setup-site', `.ant-select-item-option:has([data-site-code="${site.code}"])`);
          const summary = page.getByTestId('setup-summary');
          await summary.waitFor();
          const roundId = Number(await summary.getAttribute('data-round-id'));
          assert(roundId === round.id, `picked round ${roundId}, expected the first open round ${round.id}`);
          assert((await page.getByTestId('mode-picker').getAttribute('data-mode')) === 'pool20', 'new tubes do not default to the precaution mode 20合1');
          // A fixed site sees its time slots (分时段分批): the buildings it serves and when.
          await page.getByTestId('slots-headline').click();
          await page.getByTestId('slot').first().waitFor();
          assert((await page.getByTestId('slot').count()) === site.slots, `the fixed site shows ${await page.getByTestId('slot').count()} time slots, the round gave it ${site.slots}`);

          // No camera in headless Chromium: the sampler gets a message, not a broken screen.
          await page.getByTestId('scan-camera').click();
          await page.getByTestId('camera-error').waitFor();
          await shot(page, 'sampler-camera-error.png');
          await page.getByTestId('camera-error').getByRole('button').click();

          // Opened from the menu, the page was loaded as /places: a service worker scoped to /sampler
          // controls only a page loaded as /sampler (as the installed app is). Load it so, once online;
          // the round and site are remembered.
          await page.reload();
          await page.getByTestId('setup-summary').waitFor();
          await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 });

          await browser.context.setOffline(true);
          await page.locator('[data-testid=sync-bar][data-online=false]').waitFor();
          await scan(page, tubeCode);
          const tube = page.locator(`[data-testid=current-tube][data-code="${tubeCode}"]`);
          await tube.waitFor();
          // A misread ID number (wrong check digit) is refused on the phone and never queued.
          const first = people[0].idNumber;
          await scan(page, first.slice(0, 17) + (first[17] === '0' ? '1' : '0'));
          await page.locator('[data-testid=scan-feedback][data-code=PERSON_ID_INVALID]').waitFor();
          for (const [i, p] of people.entries()) {
            await scan(page, p.idNumber);
            await page.locator(`[data-testid=current-tube][data-used="${i + 1}"]`).waitFor();
          }
          await waitQueued(page, 3);
          const queuedSlots = await tube.locator('[data-testid=tube-slot][data-state=queued]').count();
          assert(queuedSlots === 3, `the tube card shows ${queuedSlots} queued people, expected 3`);
          assert((await tube.getAttribute('data-capacity')) === '20', 'a 20合1 tube does not have capacity 20');
          await shot(page, 'sampler-offline-queue.png');

          // Seal early (3 of 20): the seal rides on the last queued registration.
          await page.getByTestId('seal-tube').click();
          await page.getByTestId('seal-confirm').click();
          await page.locator(`[data-testid=recent-tube][data-code="${tubeCode}"] [data-testid=tube-status][data-status=seal-pending]`).waitFor();
          await page.getByTestId('no-tube').waitFor();
          await waitQueued(page, 3);
          assert(batches.length === 0, `a batch was sent while offline: ${batches.length}`);

          // Reload while offline: the service worker serves the app shell, the queue comes back from IndexedDB.
          await page.reload();
          await page.locator('[data-testid=sampler-page][data-ready=true]').waitFor();
          await waitQueued(page, 3);
          assert((await queuedInIndexedDb(page, 'sampler')) === 3, 'the IndexedDB queue does not hold 3 registrations after the reload');
          await page.locator(`[data-testid=recent-tube][data-code="${tubeCode}"][data-used="3"]`).waitFor();
          await shot(page, 'sampler-offline-reload.png');

          await browser.context.setOffline(false);
          await waitQueued(page, 0, 30_000);
          await page.locator(`[data-testid=recent-tube][data-code="${tubeCode}"] [data-testid=tube-status][data-status=sealed]`).waitFor();
          const sent = await page.locator(`[data-testid=recent-tube][data-code="${tubeCode}"] [data-testid=tube-slot][data-state=sent]`).count();
          assert(sent === 3, `${sent} registrations shown as sent, expected 3`);
          assert((await syncBar(page).getAttribute('data-rejected')) === '0', 'registrations were rejected');
          assert((await queuedInIndexedDb(page, 'sampler')) === 0, 'the IndexedDB queue is not empty after the sync');
          await shot(page, 'sampler-synced.png');
        } finally {
          await browser.context.setOffline(false);
        }

        // Every registration stored exactly once, the tube sealed at 3 of 20.
        const stored = await admin.get<TubeView>(`/api/screening/tubes/${tubeCode}`);
        assert(stored.members === 3 && stored.people.length === 3, `tube ${tubeCode} has ${stored.members} members (${stored.people.length} people), expected 3`);
        assert(stored.sealed, `tube ${tubeCode} is not sealed`);
        assert(stored.kind === 'pool' && stored.capacity === 20, `tube ${tubeCode} is ${stored.kind}/${stored.capacity}, expected pool/20`);
        const ids = new Set(stored.people.map((p) => p.personId));
        assert(people.every((p) => ids.has(p.id)), `tube ${tubeCode} holds other people: ${[...ids].join(',')}`);

        // The very batch the phone sent, sent again: every item is a replay and nothing is added.
        assert(batches.length >= 1, 'the phone sent no batch');
        const batch = JSON.parse(batches[0]) as { items: { clientId: string }[] };
        assert(batch.items.length === 3, `the first batch had ${batch.items.length} items, expected 3`);
        const replay = await samplerApi.post('/api/screening/registrations', batch);
        const answer = replay.json as { items: { replayed: boolean }[] };
        assert(replay.status === 200, `replaying the batch answered ${replay.status}, expected 200 (all replays): ${JSON.stringify(replay.json)}`);
        assert(answer.items.length === 3 && answer.items.every((i) => i.replayed), `replay answers: ${JSON.stringify(answer.items)}`);
        const after = await admin.get<TubeView>(`/api/screening/tubes/${tubeCode}`);
        assert(after.members === 3 && after.people.length === 3, `after the replay tube ${tubeCode} has ${after.members} members`);
        assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
      },
    },
    {
      name: 'sampler picks a door team (in English) and sees its households with members and sampled counts',
      fn: async () => {
        const admin = await apiSession(baseUrl, 'admin');
        const samplerApi = await apiSession(baseUrl, 'sampler');
        const round = await openRound(admin, samplerApi);
        const sites = (await samplerApi.get<{ items: (SiteRow & { doorVisits: number })[] }>(`/api/screening/rounds/${round.id}/sites`)).items;
        const team = sites.find((s) => s.siteMode === 'door' && s.doorVisits > 0) ?? sites.find((s) => s.siteMode === 'door');
        assert(team, `round ${round.name} has no door team in the sampler's area`);
        const visits = (await samplerApi.get<{ items: unknown[] }>(`/api/screening/rounds/${round.id}/door-visits?siteId=${team.id}`)).items;

        const { page, errors } = await browser.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await login(page, 'sampler');
        await page.goto('/sampler');
        await page.getByTestId('lang-switch').getByText('EN').click();
        await page.getByTestId('sampler-header').getByText('Sampling').waitFor();
        // The previous test's choice is remembered: change it.
        if (await page.getByTestId('setup-change').isVisible()) await page.getByTestId('setup-change').click();
        await chooseOption(page, 'setup-round', '.ant-select-item-option');
        await chooseOption(page, 'setup-site', `.ant-select-item-option:has([data-site-code="${team.code}"])`);
        await page.locator(`[data-testid=setup-summary][data-site-code="${team.code}"]`).waitFor();
        const list = page.getByTestId('door-visits');
        await list.locator('.ant-collapse-header').click();
        if (visits.length) {
          await list.getByTestId('door-visit').first().waitFor();
          const text = await list.getByTestId('door-visit').first().innerText();
          assert(/\d+\/\d+ sampled/.test(text), `a door visit does not show sampled/members: ${text}`);
        } else await list.getByText('No door visits').waitFor();
        await shot(page, 'sampler-door-en.png');
        await page.getByTestId('lang-switch').getByText('中文').click();
        assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
      },
    },
  ];
}
