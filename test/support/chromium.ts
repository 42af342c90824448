import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real Chromium for the browser tests: Debian's `chromium` package (scripts/test.sh
 * installs it with apt when missing), driven by playwright-core, which bundles
 * no browser of its own. Each launch gets a fresh profile in a temporary folder.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags, plus what keeps a headless run quiet and offline (no first-run UI, sync, QUIC or updates). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface LaunchedChromium {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

export async function launchChromium(opts: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium), as scripts/test.sh does`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'sandbox-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/**
 * Numbered screenshots in test-results/<folder>/: `01-report-modal.png`,
 * `02-…`. The folder's old PNGs are removed first, so what is there belongs
 * to the last run.
 */
export async function screenshotter(folder: string): Promise<(page: Page, name: string) => Promise<string>> {
  const dir = join(RESULTS_DIR, folder);
  await mkdir(dir, { recursive: true });
  for (const file of await readdir(dir)) {
    if (file.endsWith('.png')) await rm(join(dir, file), { force: true });
  }
  let n = 0;
  return async (page, name) => {
    const file = join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
}
