/** The little of fontkit (PDFKit's font engine, which has no types of its own) that emoji-font.ts uses. */
declare module 'fontkit' {
	export interface Glyph {
		readonly id: number;
		readonly advanceWidth: number;
	}
	export interface GlyphRun {
		readonly glyphs: readonly Glyph[];
	}
	export interface Font {
		readonly unitsPerEm: number;
		layout(text: string): GlyphRun;
	}
	export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
