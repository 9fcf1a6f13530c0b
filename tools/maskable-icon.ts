/**
 * Writes static/icons/icon-maskable-512.png from static/favicon.svg: the favicon's gradient fills the whole
 * square (a launcher crops it to a circle, squircle or rounded square), and its glyph is shrunk into the
 * safe zone, the centred circle of radius 40 % that every mask keeps. Rendered by Chromium, so the PNG is
 * the browser's own drawing of the SVG. Run: npx tsx tools/maskable-icon.ts
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SIZE = 512;
/** The glyph's farthest point (the wave's end) lies ~30 units from the centre of the 64-unit favicon: × 0.72 ≈ 34 %. */
const GLYPH_SCALE = 0.72;

const favicon = readFileSync(new URL('../static/favicon.svg', import.meta.url), 'utf8');
const background = /<rect width="64" height="64" rx="14" fill="url\(#g\)" \/>/;
if (!background.test(favicon)) throw new Error('static/favicon.svg changed: update tools/maskable-icon.ts');
const svg = favicon
	.replace(background, '<rect width="64" height="64" fill="url(#g)" /><g id="glyph">')
	.replace('</svg>', '</g></svg>')
	.replace('id="glyph"', `transform="translate(32 32) scale(${GLYPH_SCALE}) translate(-32 -32)"`)
	.replace('viewBox="0 0 64 64"', `viewBox="0 0 64 64" width="${SIZE}" height="${SIZE}"`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
	const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
	await page.setContent(`<body style="margin:0">${svg}</body>`);
	await page.screenshot({ path: 'static/icons/icon-maskable-512.png', omitBackground: false });
} finally {
	await browser.close();
}
