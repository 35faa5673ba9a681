import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { characterSet } from './sfnt';

/**
 * The fonts every document and picture is set in: DejaVu Sans from the
 * `dejavu-fonts-ttf` package, which covers German (ä ö ü ß „“ –) and much
 * more; the PDF and the PNG draw emoji with Noto Emoji (emoji-font.ts).
 * Exports never use system fonts and never fetch one.
 *
 * Resolved through Node's module resolution from this file: in development
 * that is server/exports/, in production a chunk of the bundle in build/, and both
 * find the package in the project's node_modules, which `npm ci` installs and
 * the production server needs anyway (server/build.mjs keeps packages external).
 */
const require = createRequire(import.meta.url);

export const FONT_FILES = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')
} as const;

let loaded: { regular: Buffer; bold: Buffer } | null = null;

/** The font files' bytes, read once. */
export function fontData(): { regular: Buffer; bold: Buffer } {
	loaded ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
	return loaded;
}

let characters: { regular: ReadonlySet<number>; bold: ReadonlySet<number> } | null = null;

/** The code points each font has a glyph for, read from its cmap once. */
export function fontCharacters(): { regular: ReadonlySet<number>; bold: ReadonlySet<number> } {
	const fonts = fontData();
	characters ??= { regular: characterSet(fonts.regular), bold: characterSet(fonts.bold) };
	return characters;
}
