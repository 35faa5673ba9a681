import { createHash } from 'node:crypto';
import {
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
	type Stats
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { fontData } from './fonts';
import { cmapGlyphs, cmapTable, readSfnt, woffToSfnt, writeSfnt } from './sfnt';

/**
 * The emoji font of the PDF and the PNG: Noto Emoji (monochrome, SIL Open Font
 * License 1.1) from the `@fontsource/noto-emoji` package, whose "emoji" subset
 * holds all of the font's emoji in one WOFF. Made ready once per process (or
 * worker thread), on the first export that draws text: unpacked to TrueType,
 * set one em wide with DejaVu Sans's line metrics, and given code points for its
 * glyphs (see GLYPH_CODES). Nothing is fetched and no system font is used.
 */
const require = createRequire(import.meta.url);

export const EMOJI_WOFF =
	require.resolve('@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff');

/**
 * Where each glyph of the prepared font also has a code point of its own
 * (Supplementary Private Use Area-A, U+F0000 + glyph id). resvg falls back to
 * another font for a character only when shaping with that font gives as many
 * glyphs as the first did, which an emoji made of several code points (👍🏽,
 * 👩‍💻, 🇩🇪) never does: the PNG hands resvg each emoji as the code points of
 * the glyphs it is drawn with, shaped beforehand (emojiAsGlyphs).
 */
export const GLYPH_CODES = 0xf0000;
const GLYPH_CODES_END = 0xffffd;

/** The advance width most glyphs have: the font's emoji width. */
function commonAdvance(hhea: Buffer, hmtx: Buffer): number {
	const metrics = hhea.readUInt16BE(34);
	const counts = new Map<number, number>();
	for (let i = 0; i < metrics && i * 4 + 2 <= hmtx.length; i++) {
		const advance = hmtx.readUInt16BE(i * 4);
		counts.set(advance, (counts.get(advance) ?? 0) + 1);
	}
	let best = 0;
	let seen = 0;
	for (const [advance, count] of counts)
		if (count > seen && advance > 0) [best, seen] = [advance, count];
	if (best === 0) throw new Error('emoji font: no advance widths');
	return best;
}

/**
 * The emoji font (an SFNT) made to sit in DejaVu Sans text: its units per em set
 * to its emoji's advance width, so that every emoji is one em wide (what the
 * picture's text measuring counts, text-width.ts) and about as tall as a capital
 * letter; its ascent, descent and line gap those of the text font, so that a line
 * keeps its height and baseline in PDFKit whichever font a part of it is in; and
 * every glyph at GLYPH_CODES + its id in the cmap too.
 */
export function prepareEmojiFont(emoji: Uint8Array, textFont: Uint8Array): Buffer {
	const { flavor, tables } = readSfnt(emoji);
	const text = readSfnt(textFont).tables;
	const table = (from: Map<string, Buffer>, tag: string) => {
		const found = from.get(tag);
		if (!found) throw new Error(`emoji font: no ${tag} table`);
		return Buffer.from(found);
	};
	const head = table(tables, 'head');
	const hhea = table(tables, 'hhea');
	const os2 = table(tables, 'OS/2');
	const maxp = table(tables, 'maxp');
	const em = commonAdvance(hhea, table(tables, 'hmtx'));
	const textHead = table(text, 'head');
	const textHhea = table(text, 'hhea');
	const textOs2 = table(text, 'OS/2');
	const scale = em / textHead.readUInt16BE(18);
	head.writeUInt16BE(em, 18);
	// hhea: ascender, descender, line gap.
	for (const at of [4, 6, 8]) hhea.writeInt16BE(Math.round(textHhea.readInt16BE(at) * scale), at);
	// OS/2: sTypoAscender, sTypoDescender, sTypoLineGap, then usWinAscent, usWinDescent.
	for (const at of [68, 70, 72]) os2.writeInt16BE(Math.round(textOs2.readInt16BE(at) * scale), at);
	for (const at of [74, 76]) os2.writeUInt16BE(Math.round(textOs2.readUInt16BE(at) * scale), at);
	const glyphs = cmapGlyphs(emoji);
	const count = maxp.readUInt16BE(4);
	if (GLYPH_CODES + count - 1 > GLYPH_CODES_END) throw new Error('emoji font: too many glyphs');
	for (let id = 1; id < count; id++) glyphs.set(GLYPH_CODES + id, id);
	const prepared = new Map(tables);
	prepared.set('head', head);
	prepared.set('hhea', hhea);
	prepared.set('OS/2', os2);
	prepared.set('cmap', cmapTable(glyphs));
	return writeSfnt(flavor, prepared);
}

export interface EmojiFont {
	/** The prepared font, for PDFKit. */
	readonly data: Buffer;
	/** The prepared font's file, for resvg; null where no file could be written (the PNG then has no emoji). */
	readonly file: string | null;
	/** The code points the font draws (its own, without GLYPH_CODES). */
	readonly characters: ReadonlySet<number>;
}

/** The glyphs an emoji text is drawn with, shaped as PDFKit and resvg shape it; null when one is missing. */
export type EmojiGlyphs = (text: string) => number[] | null;

let loaded: EmojiFont | null = null;
let shaper: Promise<EmojiGlyphs> | null = null;

/**
 * The emoji font, made ready on first use and kept (about 0.9 MB). Its file is
 * written again when it has gone: a server runs for weeks, and systemd-tmpfiles
 * and the like clean the temporary directory meanwhile, after which resvg would
 * draw no emoji until a restart.
 */
export function emojiFont(): EmojiFont {
	if (!loaded) {
		const original = woffToSfnt(readFileSync(EMOJI_WOFF));
		const data = prepareEmojiFont(original, fontData().regular);
		loaded = { data, file: fontFile(data), characters: new Set(cmapGlyphs(original).keys()) };
	} else if (loaded.file !== null && !stillOurs(loaded.file)) {
		loaded = { ...loaded, file: fontFile(loaded.data) };
	}
	return loaded;
}

/**
 * Shapes emoji with the prepared font: fontkit, PDFKit's own font engine, so
 * that the PNG draws an emoji with the glyph the PDF draws it with. Loaded only
 * for a picture with emoji in it (fontkit takes a good part of a second to load
 * on a busy machine), and kept with what it shaped.
 */
export function emojiGlyphs(): Promise<EmojiGlyphs> {
	shaper ??= import('fontkit').then(({ create }) => {
		const font = create(emojiFont().data);
		const shaped = new Map<string, number[] | null>();
		return (text) => {
			let glyphs = shaped.get(text);
			if (glyphs === undefined) {
				const ids = font.layout(text).glyphs.map((g) => g.id);
				glyphs = ids.length > 0 && ids.every((id) => id !== 0) ? ids : null;
				shaped.set(text, glyphs);
			}
			return glyphs;
		};
	});
	return shaper;
}

/**
 * The prepared font in a file, since resvg reads fonts from files only: in a
 * directory of this user's alone in the system's temporary directory, named by
 * its content, so that every worker and every restart uses the one file (written
 * whole, then renamed into place). Where that directory is not this user's alone,
 * one of this thread's own is made instead (see fallbackDirectory).
 */
function fontFile(data: Buffer): string | null {
	const name = `noto-emoji-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.ttf`;
	try {
		const file = path.join(privateDirectory(), name);
		try {
			if (readFileSync(file).equals(data)) return file;
		} catch {
			// Not there yet.
		}
		const partial = `${file}.${process.pid}-${threadId}.partial`;
		writeFileSync(partial, data, { mode: 0o600 });
		renameSync(partial, file);
		return file;
	} catch (error) {
		process.stderr.write(
			JSON.stringify({
				time: new Date().toISOString(),
				level: 'warn',
				event: 'export.emoji-font-unwritable',
				error: error instanceof Error ? error.message : String(error)
			}) + '\n'
		);
		return null;
	}
}

const uid = process.getuid?.();
const ours = (stat: Stats) => uid === undefined || stat.uid === uid;

/** A directory nobody else can write to, or put a font of theirs in. */
function isPrivate(directory: string): boolean {
	try {
		const stat = lstatSync(directory);
		return stat.isDirectory() && ours(stat) && (stat.mode & 0o077) === 0;
	} catch {
		return false;
	}
}

/**
 * Whether the font's file is still the one written: the temporary directory may
 * have been cleaned, and a directory of that name made since by someone else.
 */
function stillOurs(file: string): boolean {
	try {
		const stat = lstatSync(file);
		return stat.isFile() && ours(stat) && isPrivate(path.dirname(file));
	} catch {
		return false;
	}
}

function privateDirectory(): string {
	const shared = sharedDirectory();
	try {
		mkdirSync(shared, { mode: 0o700 });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return isPrivate(shared) ? shared : fallbackDirectory();
}

function sharedDirectory(): string {
	return path.join(tmpdir(), `fokusrunde-fonts${uid === undefined ? '' : `-${uid}`}`);
}

let fallback: string | null = null;

/**
 * This thread's own directory, made once and named with the process id
 * ("fokusrunde-fonts-1000-4711-Ab3dE9"): removed when the thread ends, and, since
 * the export worker is terminated rather than ended (which runs no exit
 * listener), by the next process that needs one, for every process that has
 * ended. Each would otherwise keep 0.9 MB in the temporary directory for good.
 */
function fallbackDirectory(): string {
	if (fallback !== null && isPrivate(fallback)) return fallback;
	const first = fallback === null;
	removeLeftFallbacks();
	fallback = mkdtempSync(`${sharedDirectory()}-${process.pid}-`);
	if (first)
		process.once('exit', () => {
			if (fallback !== null) rmSync(fallback, { recursive: true, force: true });
		});
	return fallback;
}

function removeLeftFallbacks(): void {
	const pattern = new RegExp(`^${path.basename(sharedDirectory())}-(\\d+)-[A-Za-z0-9]{6}$`);
	try {
		for (const name of readdirSync(tmpdir())) {
			const pid = Number(pattern.exec(name)?.[1]);
			if (!pid || pid === process.pid || running(pid)) continue;
			const directory = path.join(tmpdir(), name);
			if (isPrivate(directory)) rmSync(directory, { recursive: true, force: true });
		}
	} catch {
		// Tidying up is no reason to draw no emoji.
	}
}

function running(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: running, as another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
