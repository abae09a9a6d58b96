import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { truetypeFont } from '../pdf/truetype-font.js';
import type { Templates } from './create-templates.js';

/** A file served to the browser or written to the output, with its media type. */
export interface Asset {
  readonly body: Uint8Array | string;
  readonly type: string;
}

/** Files by path below the output root (e.g. "assets/communique.css"). */
export type Assets = Map<string, Asset>;

const require = createRequire(import.meta.url);
const DSFR_FONTS = join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');

/** Where converted print fonts are kept between builds. */
const FONT_CACHE = fileURLToPath(new URL('../../node_modules/.cache/communique/fonts', import.meta.url));

/** The stylesheets and the fonts they use (from the DSFR package), written under assets/. */
export async function sharedAssets(templates: Templates): Promise<Assets> {
  const assets: Assets = new Map();
  for (const [name, css] of templates.styles) {
    assets.set(`assets/${name}`, { body: css, type: 'text/css; charset=utf-8' });
    for (const [, font] of css.matchAll(/url\("fonts\/([A-Za-z0-9_-]+\.woff2)"\)/g)) {
      const path = `assets/fonts/${font!}`;
      if (!assets.has(path)) assets.set(path, { body: await readFile(join(DSFR_FONTS, font!)), type: 'font/woff2' });
    }
  }
  return assets;
}

/**
 * The same assets for printing: Chromium embeds TrueType outlines only, so each web font is served as a TrueType
 * version of itself (converted once, cached); the stylesheets are unchanged.
 */
export async function printAssets(assets: ReadonlyMap<string, Asset>): Promise<Assets> {
  const print: Assets = new Map(assets);
  for (const path of assets.keys()) {
    if (!path.startsWith('assets/fonts/')) continue;
    const woff = join(DSFR_FONTS, path.slice('assets/fonts/'.length).replace(/\.woff2$/, '.woff'));
    print.set(path, { body: await truetypeFont(woff, FONT_CACHE), type: 'font/ttf' });
  }
  return print;
}
