import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DSFR_FONTS, type Asset, type Assets } from '../render/assets.js';
import { printFont } from './truetype-font.js';

/** Where converted print fonts are kept between builds. */
const FONT_CACHE = fileURLToPath(new URL('../../node_modules/.cache/communique/fonts', import.meta.url));

/**
 * The same assets for printing: Chromium embeds TrueType outlines only, so each web font is served as a TrueType
 * version of itself, wrapped as WOFF (made once, cached; see printFont); the stylesheets are unchanged.
 */
export async function printAssets(assets: ReadonlyMap<string, Asset>): Promise<Assets> {
  const print: Assets = new Map(assets);
  // All at once: each font takes a few reads, which a build waits for before it renders (its browser's pages need them).
  await Promise.all(
    [...assets.keys()]
      .filter((path) => path.startsWith('assets/fonts/'))
      .map(async (path) => {
        const woff = join(DSFR_FONTS, path.slice('assets/fonts/'.length).replace(/\.woff2$/, '.woff'));
        print.set(path, { body: await printFont(woff, FONT_CACHE), type: 'font/woff' });
      }),
  );
  return print;
}
