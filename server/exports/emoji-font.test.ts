import { renderAsync } from '@resvg/resvg-js';
import { execFileSync } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create as createFont } from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { EMOJI_WOFF, GLYPH_CODES, emojiFont, emojiGlyphs, prepareEmojiFont } from './emoji-font';
import { FONT_FILES, fontCharacters, fontData } from './fonts';
import { renderPicture, svgForResvg } from './png';
import { cmapGlyphs, readSfnt, tableChecksum, woffToSfnt } from './sfnt';

// A temporary directory of this file's own: a test here cleans it, as systemd-tmpfiles would.
const temporary = mkdtempSync(path.join(tmpdir(), 'emoji-font-test-'));
process.env.TMPDIR = temporary;
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const original = woffToSfnt(readFileSync(EMOJI_WOFF));
const prepared = prepareEmojiFont(original, fontData().regular);

describe('the emoji font', () => {
	it('is one em wide per emoji, with the line metrics of DejaVu Sans', () => {
		const font = createFont(prepared) as ReturnType<typeof createFont> & {
			ascent: number;
			descent: number;
			lineGap: number;
		};
		const dejavu = createFont(fontData().regular) as typeof font;
		for (const emoji of ['🌱', '👍🏽', '👩‍💻', '🇩🇪', '❤️'])
			expect(font.layout(emoji).glyphs.map((g) => g.advanceWidth / font.unitsPerEm)).toEqual([1]);
		for (const metric of ['ascent', 'descent', 'lineGap'] as const)
			expect(font[metric] / font.unitsPerEm).toBeCloseTo(dejavu[metric] / dejavu.unitsPerEm, 3);
		expect(tableChecksum(prepared)).toBe(0xb1b0afba);
	});

	it('keeps every glyph and code point of Noto Emoji, and gives each glyph a code point of its own', () => {
		const before = cmapGlyphs(original);
		const after = cmapGlyphs(prepared);
		for (const [code, glyph] of before) expect(after.get(code)).toBe(glyph);
		const glyphs = readSfnt(prepared).tables.get('maxp')!.readUInt16BE(4);
		for (let id = 1; id < glyphs; id++) expect(after.get(GLYPH_CODES + id)).toBe(id);
		expect(after.has(GLYPH_CODES)).toBe(false);
	});

	it('is made once, with a file for resvg that holds it, and shapes emoji as PDFKit does', async () => {
		const font = emojiFont();
		expect(emojiFont()).toBe(font);
		expect(font.file).not.toBeNull();
		expect(readFileSync(font.file!).equals(font.data)).toBe(true);
		expect(font.data.equals(prepared)).toBe(true);
		expect(font.characters.has(0x1f331)).toBe(true);
		expect(font.characters.has(GLYPH_CODES + 1)).toBe(false);
		const glyphs = await emojiGlyphs();
		expect(await emojiGlyphs()).toBe(glyphs);
		expect(glyphs('👍🏽')).toHaveLength(1);
		expect(glyphs('🌱🚀')).toHaveLength(2);
		expect(glyphs('Ω')).toBeNull();
	});
});

describe('the SVG as resvg draws it', () => {
	const emoji = emojiFont();
	const fonts = { text: fontCharacters().regular, emoji: emoji.characters };

	it('has each emoji as the code points of its glyphs, and the rest as it was', async () => {
		const glyphs = await emojiGlyphs();
		const glyph = (e: string) => String.fromCodePoint(...glyphs(e)!.map((id) => GLYPH_CODES + id));
		const svg = '<text>Gut 👍🏽 gemacht, 👩‍💻 ♥ ❤️ „Grün“ &amp; 🌱</text>';
		expect(svgForResvg(svg, fonts, glyphs)).toBe(
			`<text>Gut ${glyph('👍🏽')} gemacht, ${glyph('👩‍💻')} ♥ ${glyph('❤️')} „Grün“ &amp; ${glyph('🌱')}</text>`
		);
		// People's own code points of that range are not the font's glyphs; a leftover selector goes.
		expect(svgForResvg('<text>\u{F0010} ☀︎</text>', fonts, null)).toBe('<text>\uFFFD ☀</text>');
		expect(svgForResvg('<text>Große Lose</text>', fonts, glyphs)).toBe('<text>Große Lose</text>');
	});

	it('is drawn with the emoji where DejaVu Sans alone draws boxes', async () => {
		const picture = (line: string) =>
			`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>` +
			`<text x="4" y="28" font-size="20" font-family="DejaVu Sans">${line}</text></svg>`;
		const render = async (svg: string, files: string[]) =>
			Buffer.from(
				(
					await renderAsync(svg, {
						font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
						logLevel: 'off'
					})
				).pixels
			);
		const dejavu = [FONT_FILES.regular, FONT_FILES.bold];
		const withEmoji = [...dejavu, emoji.file!];
		for (const [one, other] of [
			['Gut 🌱', 'Gut 🚀'],
			['Gut 👍🏽 so', 'Gut 👎🏽 so'],
			['Team 👩‍💻 da', 'Team 👩‍🔬 da'],
			// A letter with its accent apart (NFD), which DejaVu Sans shapes as one glyph.
			['Cafe\u0301 🌱', 'Cafe\u0301 🚀']
		] as const) {
			// DejaVu Sans alone: each a row of the same boxes.
			expect(
				(await render(picture(one), dejavu)).equals(await render(picture(other), dejavu))
			).toBe(true);
			const glyphs = await emojiGlyphs();
			const drawn = (line: string) => render(svgForResvg(picture(line), fonts, glyphs), withEmoji);
			expect((await drawn(one)).equals(await drawn(other)), one).toBe(false);
			expect((await drawn(one)).equals(await render(picture(one), dejavu)), one).toBe(false);
		}
	});
});

describe('the font’s file', () => {
	/** The PNG export's picture of one line of text, as pixels. */
	const drawn = async (line: string) => {
		const svg =
			`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>` +
			`<text x="4" y="28" font-size="20" font-family="DejaVu Sans">${line}</text></svg>`;
		return Buffer.from((await renderPicture({ svg, width: 200, height: 40 }, 1)).pixels);
	};

	it('is written again when the temporary directory was cleaned while the server ran', async () => {
		const before = emojiFont();
		expect(path.dirname(before.file!)).toBe(
			path.join(temporary, `fokusrunde-fonts-${process.getuid!()}`)
		);
		rmSync(path.dirname(before.file!), { recursive: true });
		// The PNG still draws the emoji, not the same blank for each.
		expect((await drawn('Gut 🌱')).equals(await drawn('Gut 🚀'))).toBe(false);
		const after = emojiFont();
		expect(readFileSync(after.file!).equals(after.data)).toBe(true);
	});

	it('is kept in a directory of the process’s own where the shared one is someone else’s, removed when the process ends', () => {
		const uid = process.getuid!();
		const dir = mkdtempSync(path.join(temporary, 'elsewhere-'));
		// Shared with others: not used.
		mkdirSync(path.join(dir, `fokusrunde-fonts-${uid}`));
		chmodSync(path.join(dir, `fokusrunde-fonts-${uid}`), 0o777);
		// Left by a process that was killed (no such process id can run: above Linux's largest).
		const left = path.join(dir, `fokusrunde-fonts-${uid}-4194305-AbC123`);
		mkdirSync(left, { mode: 0o700 });
		const file = execFileSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'--input-type=module',
				'-e',
				`const { emojiFont } = await import(${JSON.stringify(path.resolve('server/exports/emoji-font.ts'))});` +
					'const { file } = emojiFont(); emojiFont(); process.stdout.write(file ?? "none");'
			],
			{ env: { ...process.env, TMPDIR: dir }, encoding: 'utf8' }
		);
		expect(path.basename(path.dirname(file))).toMatch(
			new RegExp(`^fokusrunde-fonts-${uid}-\\d+-\\w{6}$`)
		);
		expect(existsSync(file)).toBe(false);
		// (tsx keeps its cache there too.)
		expect(readdirSync(dir).filter((name) => name.startsWith('fokusrunde-'))).toEqual([
			`fokusrunde-fonts-${uid}`
		]);
	}, 30_000);
});
