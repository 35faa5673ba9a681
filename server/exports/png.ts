import { renderAsync } from '@resvg/resvg-js';
import { crc32, deflateSync } from 'node:zlib';
import type { ExportFile, ExportModel, ExportWriter } from '../../src/lib/domain/export/model';
import {
	PICTURE_FONT,
	boardPicture,
	pictureSize,
	type BoardPicture
} from '../../src/lib/domain/export/svg';
import { GLYPH_CODES, emojiFont, emojiGlyphs, type EmojiGlyphs } from './emoji-font';
import { hasEmoji, replaceEmoji, type FontCoverage } from './font-runs';
import { FONT_FILES, fontCharacters } from './fonts';

/**
 * The board picture as PNG, rendered by resvg from the SVG writer's picture
 * with the shipped fonts only, DejaVu Sans and for emoji Noto Emoji (no system
 * fonts, so every server draws the same picture). Rendering runs on libuv's
 * thread pool, not the event loop.
 */

/** Twice the board's size for sharp text, but never more than this many pixels or this long a side. */
const PREFERRED_SCALE = 2;
export const MAX_PIXELS = 16_000_000;
export const MAX_SIDE = 16_384;

/** The zoom at which a picture of this size is rendered. */
export function pictureScale(
	width: number,
	height: number,
	limits: { preferred?: number; maxPixels?: number; maxSide?: number } = {}
): number {
	const preferred = limits.preferred ?? PREFERRED_SCALE;
	const maxPixels = limits.maxPixels ?? MAX_PIXELS;
	const maxSide = limits.maxSide ?? MAX_SIDE;
	return Math.min(
		preferred,
		Math.sqrt(maxPixels / (width * height)),
		maxSide / Math.max(width, height)
	);
}

export interface RenderedPicture {
	readonly width: number;
	readonly height: number;
	/** RGBA, row by row. */
	readonly pixels: Buffer;
	readonly png: Buffer;
}

/**
 * The picture's SVG as resvg is to draw it: each emoji that Noto Emoji draws
 * written as the code points of its glyphs (GLYPH_CODES), so that resvg draws
 * 👍🏽, 👩‍💻 or 🇩🇪 in a line of text as one picture rather than as boxes (`glyphs`
 * may be null for a picture without emoji). Code points of that range in
 * people's text are not the font's to draw: they become U+FFFD. Variation
 * selectors left over (after text such as ♥︎) draw nothing and would keep resvg
 * from falling back to the emoji font in that line: they go. (Text whose glyphs
 * DejaVu Sans joins, Arabic for one, can still keep resvg from falling back in
 * that line.)
 */
export function svgForResvg(svg: string, fonts: FontCoverage, glyphs: EmojiGlyphs | null): string {
	// Composed (NFC), as DejaVu Sans shapes it: a letter and its accent apart would be one glyph in
	// DejaVu Sans and two in Noto Emoji, and resvg falls back only where the counts agree.
	const own = svg.normalize('NFC').replace(/[\u{F0000}-\u{FFFFD}]/gu, '\uFFFD');
	const shaped = glyphs
		? replaceEmoji(own, fonts, (piece) => {
				const ids = glyphs(piece);
				return ids ? String.fromCodePoint(...ids.map((id) => GLYPH_CODES + id)) : piece;
			})
		: own;
	return shaped.replace(/[\uFE0E\uFE0F]/g, '');
}

export async function renderPicture(
	picture: BoardPicture,
	scale: number
): Promise<RenderedPicture> {
	const emoji = emojiFont();
	const fonts = { text: fontCharacters().regular, emoji: emoji.characters };
	const svg = emoji.file
		? svgForResvg(picture.svg, fonts, hasEmoji(picture.svg, fonts) ? await emojiGlyphs() : null)
		: picture.svg;
	const image = await renderAsync(svg, {
		fitTo: { mode: 'zoom', value: scale },
		font: {
			fontFiles: [FONT_FILES.regular, FONT_FILES.bold, ...(emoji.file ? [emoji.file] : [])],
			loadSystemFonts: false,
			defaultFontFamily: PICTURE_FONT,
			sansSerifFamily: PICTURE_FONT
		},
		logLevel: 'off'
	});
	return {
		width: image.width,
		height: image.height,
		get pixels() {
			return image.pixels;
		},
		get png() {
			return image.asPng();
		}
	};
}

/**
 * An opaque RGB PNG from RGBA pixels. PDFKit embeds such a PNG's compressed
 * data as it is, while a PNG with an alpha channel it decodes and splits in
 * JavaScript, which takes seconds for a big board. The board's background is
 * opaque, so dropping alpha loses nothing.
 */
export function opaquePng(rgba: Buffer, width: number, height: number): Buffer {
	const raw = Buffer.alloc((width * 3 + 1) * height);
	let to = 0;
	for (let y = 0, from = 0; y < height; y++) {
		raw[to++] = 0; // filter: none
		for (let x = 0; x < width; x++, from += 4) {
			raw[to++] = rgba[from]!;
			raw[to++] = rgba[from + 1]!;
			raw[to++] = rgba[from + 2]!;
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 6 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** Below this height in pixels card text is unreadable; it is drawn as lines instead (see PictureOptions). */
export const LEGIBLE_TEXT_PX = 6;

/** The board picture for rendering at a scale that fits the limits. */
export function rasterPicture(
	model: ExportModel,
	limits: Parameters<typeof pictureScale>[2] = {}
): { picture: BoardPicture; scale: number } {
	const size = pictureSize(model);
	const scale = pictureScale(size.width, size.height, limits);
	return { picture: boardPicture(model, { textAsLinesBelow: LEGIBLE_TEXT_PX / scale }), scale };
}

export const pngWriter = (async (model: ExportModel): Promise<ExportFile> => {
	const { picture, scale } = rasterPicture(model);
	const rendered = await renderPicture(picture, scale);
	return { body: rendered.png, contentType: 'image/png', extension: 'png' };
}) satisfies ExportWriter;
