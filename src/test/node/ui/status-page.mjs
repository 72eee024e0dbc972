// Drives the status page in Debian's headless Chromium (playwright-core, no browser download): enters
// the API key, reads what a person would look at, takes the screenshots, and prints one JSON object
// of findings for StatusPageTest. Arguments: base URL, API key, screenshot directory, the id of a
// session with tool calls, the hostile serverId.
import { chromium } from 'playwright-core';

const [base, key, out, sessionId, hostile] = process.argv.slice(2);
const WAIT = { timeout: 20000 };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const found = { dialogs: [], urls: [], consoleErrors: [] };
try {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  page.on('dialog', dialog => { found.dialogs.push(dialog.message()); dialog.dismiss(); });
  page.on('request', request => found.urls.push(request.url()));
  page.on('console', message => { if (message.type() === 'error') found.consoleErrors.push(message.text()); });

  await page.goto(base + '/ui/');
  await page.fill('#key', key);
  await page.click('#key-form button');
  await page.waitForSelector('#upstream-rows tr[data-upstream="offline"] .badge', WAIT);
  await page.waitForSelector('#session-rows tr[data-session]', WAIT);
  found.upstreams = await page.$$eval('#upstream-rows tr', rows => rows.map(row => ({
    id: row.dataset.upstream, state: row.querySelector('.badge')?.textContent, cells: [...row.cells].map(c => c.textContent),
  })));
  found.status = await page.textContent('#status');
  found.database = await page.textContent('#database');
  found.cleanupBars = await page.$$eval('#cleanup-chart rect', bars => bars.length);
  found.storage = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
  await page.screenshot({ path: out + '/status-upstreams.png', fullPage: true });
  await page.locator('#upstream-rows tr[data-upstream="everything"] .badge').screenshot({ path: out + '/badge-up.png' });
  await page.locator('#upstream-rows tr[data-upstream="offline"] .badge').screenshot({ path: out + '/badge-down.png' });

  await page.locator('#session-rows tr[data-session]').filter({ hasText: sessionId }).first().click();
  await page.waitForFunction(id => document.getElementById('detail').dataset.shown === id, sessionId, WAIT);
  found.detailTitle = await page.textContent('#detail-title');
  found.toolCalls = await page.$$eval('#tool-call-rows tr', rows => rows.map(row => [...row.cells].map(c => c.textContent)));
  found.detailUpstream = await page.textContent('#detail-upstream');
  found.events = await page.$$eval('#event-rows tr', rows => rows.map(row => [...row.cells].map(c => c.textContent)));
  await page.locator('#detail').screenshot({ path: out + '/session-detail.png' });

  await page.fill('#filter-server', hostile);
  await page.click('#filters button');
  await page.waitForFunction(text => [...document.querySelectorAll('#session-rows tr[data-session] td:nth-child(2)')]
    .some(cell => cell.textContent === text), hostile, WAIT);
  found.hostileCells = await page.$$eval('#session-rows tr[data-session] td', cells => cells.map(c => c.textContent));
  await page.locator('#session-rows tr[data-session]').first().click();
  await page.waitForFunction(id => document.getElementById('detail').dataset.shown !== id, sessionId, WAIT);
  found.hostileDetail = await page.textContent('#detail-record');
  await page.locator('#sessions').screenshot({ path: out + '/hostile-server-id.png' });
  found.images = await page.$$eval('img', images => images.length);
  found.scripts = await page.$$eval('script', scripts => scripts.map(script => script.getAttribute('src')));
} finally {
  await browser.close();
}
console.log(JSON.stringify(found));
