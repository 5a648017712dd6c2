// The browser tests: places tree and map, login errors, grid-worker scope, audit after a change.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from './browser.ts';
import { assert, type TestCase } from './runner.ts';

const PASSWORD = 'cordon-demo';

export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/places(\/|$)/);
}

/** Opens a menu item and waits for its page. The places page that login lands on may still redirect
 * to its first root while the click happens: then the click is repeated. */
export async function openMenu(page: Page, name: string, path: RegExp): Promise<void> {
  const there = () => path.test(new URL(page.url()).pathname);
  for (let attempt = 1; ; attempt++) {
    if ((page.viewportSize()?.width ?? 1440) < 768) await page.getByTestId('menu-toggle').click();
    await page.getByRole('menuitem', { name }).click();
    await page.waitForURL((u) => path.test(u.pathname), { timeout: 5_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    if (there()) return;
    assert(attempt < 3, `the menu item ${name} did not open ${path}: at ${page.url()}`);
  }
}

const treeNode = (page: Page, text: string) =>
  page.locator('[data-testid=place-tree] .ant-tree-treenode').filter({ hasText: text }).first();

/** Opens `parent` until `child` shows (the tree may already have opened it by itself). */
async function expand(page: Page, parent: string, child: string): Promise<void> {
  const node = treeNode(page, parent);
  await node.waitFor();
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await treeNode(page, child).isVisible()) return;
    if ((await node.locator('.ant-tree-switcher_open').count()) === 0) await node.locator('.ant-tree-switcher').click();
    try {
      await treeNode(page, child).waitFor({ timeout: 5_000 });
      return;
    } catch {
      /* toggled closed by a concurrent auto-expand: try again */
    }
  }
  throw new Error(`${child} did not appear under ${parent}`);
}

async function select(page: Page, text: string): Promise<void> {
  await treeNode(page, text).locator('.ant-tree-node-content-wrapper').click();
  await page.locator('[data-testid=place-detail] .ant-card-head-title', { hasText: text }).waitFor();
}

export function buildTests(browser: Browser, artifacts: string): TestCase[] {
  mkdirSync(artifacts, { recursive: true });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name), fullPage: true });
  const noPageErrors = (errors: string[]) => assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);

  return [
    {
      name: 'admin sees 演示省, expands to 演示市 and the map renders',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await login(page, 'admin');
        await treeNode(page, '演示省').waitFor();
        await expand(page, '演示省', '演示市');
        await select(page, '演示市');
        const canvas = page.locator('[data-testid=place-map] canvas').first();
        await canvas.waitFor();
        await page.waitForTimeout(1_000); // let the map finish its first animation
        const box = await canvas.boundingBox();
        assert(box && box.width > 0 && box.height > 0, `map canvas has no size: ${JSON.stringify(box)}`);
        const mapBox = await page.getByTestId('place-map').boundingBox();
        assert(mapBox && mapBox.height >= 400, `map container too small: ${JSON.stringify(mapBox)}`);
        await shot(page, 'places-map.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'wrong password shows the error message',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await page.goto('/login');
        await page.getByTestId('login-username').fill('admin');
        await page.getByTestId('login-password').fill('not-the-password');
        await page.getByTestId('login-submit').click();
        const alert = page.getByTestId('login-error');
        await alert.waitFor();
        const text = await alert.innerText();
        assert(text.includes('用户名或密码错误'), `unexpected error text: ${text}`);
        assert(new URL(page.url()).pathname === '/login', `left the login page: ${page.url()}`);
        await shot(page, 'login-error.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'grid worker sees only their grid as the tree root',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await login(page, 'grid');
        const first = page.locator('[data-testid=place-tree] .ant-tree-treenode').first();
        await first.waitFor();
        const rootText = await first.innerText();
        assert(!rootText.includes('演示省'), `grid worker's root is the province: ${rootText}`);
        assert(rootText.includes('网格'), `grid worker's root is not a grid: ${rootText}`);
        assert((await treeNode(page, '演示省').count()) === 0, 'the province is in the grid worker tree');
        assert((await page.getByRole('menuitem', { name: '审计日志' }).count()) === 0, 'audit menu shown to grid worker');
        await page.locator('[data-testid=place-detail]').waitFor();
        await shot(page, 'grid-tree.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'creating a child place shows up in the audit log',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await login(page, 'admin');
        await select(page, '演示省');
        const code = `E2E${Date.now().toString(36).toUpperCase()}`;
        await page.getByTestId('place-create').click();
        const modal = page.locator('.ant-modal').filter({ hasText: '新建地点' });
        await modal.waitFor();
        await page.getByTestId('place-form-code').fill(code);
        await page.getByTestId('place-form-name').fill('端到端测试市');
        await modal.locator('.ant-btn-primary').click();
        await page.locator('.ant-message', { hasText: '已创建地点' }).waitFor();
        await treeNode(page, '端到端测试市').waitFor();
        await page.getByRole('menuitem', { name: '审计日志' }).click();
        await page.waitForURL(/\/audit$/);
        const rows = page.locator('[data-testid=audit-table] tr.ant-table-row');
        await rows.first().waitFor();
        const row = rows.filter({ hasText: 'admin' }).filter({ hasText: /place/i }).first();
        await row.waitFor();
        await row.locator('.ant-table-row-expand-icon').click();
        const diff = page.getByTestId('json-diff').first();
        await diff.waitFor();
        const text = await diff.innerText();
        assert(text.includes(code), `the newest place audit entry does not show ${code}: ${text.slice(0, 300)}`);
        await shot(page, 'audit.png');
        noPageErrors(errors);
      },
    },
    {
      name: 'language switch turns the UI to English and persists',
      fn: async () => {
        const { page, errors } = await browser.newPage();
        await login(page, 'admin');
        await page.getByTestId('lang-switch').getByText('EN').click();
        await page.getByRole('menuitem', { name: 'Places' }).waitFor();
        await page.reload();
        await page.getByRole('menuitem', { name: 'Audit log' }).waitFor();
        await page.locator('[data-testid=place-detail]').waitFor();
        await shot(page, 'places-en.png');
        await page.getByTestId('lang-switch').getByText('中文').click();
        await page.getByRole('menuitem', { name: '地点' }).waitFor();
        noPageErrors(errors);
      },
    },
  ];
}
