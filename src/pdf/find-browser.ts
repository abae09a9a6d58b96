import { accessSync, constants } from 'node:fs';
import { CommuniqueError } from '../core/errors.js';

/** Where Chromium is usually installed, fastest first (the headless shell prints about 4× faster). */
export const BROWSER_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
] as const;

/** The install instructions shown when no browser is found. */
export const BROWSER_HINT =
  'Install Chromium: on Debian or Ubuntu, as root, `apt-get update && apt-get install -y chromium-headless-shell` ' +
  '(or run `npm run setup`); elsewhere install Chromium or Chrome and set CHROME_PATH to its executable. ' +
  'To build HTML only, pass --no-pdf.';

/** Finds the Chromium to print with: CHROME_PATH, else the usual paths (default list: BROWSER_PATHS). */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = BROWSER_PATHS): string {
  const fromEnv = env['CHROME_PATH'];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new CommuniqueError('BrowserNotFound', `CHROME_PATH is set to "${fromEnv}", which is not an executable file.`, BROWSER_HINT, { exitCode: 3 });
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new CommuniqueError('BrowserNotFound', 'No Chromium or Chrome browser was found to print the PDFs.', BROWSER_HINT, { exitCode: 3 });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
