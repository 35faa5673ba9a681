import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { create as createFont } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { EMOJI_WOFF } from './emoji-font';
import { FONT_FILES } from './fonts';
import {
	FontFormatError,
	characterSet,
	cmapGlyphs,
	cmapTable,
	isWoff,
	readSfnt,
	tableChecksum,
	woffToSfnt,
	writeSfnt
} from './sfnt';

const dejavu = readFileSync(FONT_FILES.regular);

/** A WOFF 1 file of the font's tables, each zlib-packed where that makes it smaller (unless `packed` is false). */
function toWoff(font: Buffer, packed = true): Buffer {
	const { flavor, tables } = readSfnt(font);
	const entries = [...tables].sort(([a], [b]) => (a < b ? -1 : 1));
	const directory = 44 + entries.length * 20;
	const parts: Buffer[] = [];
	const header = Buffer.alloc(directory);
	let offset = directory;
	let sfntSize = 12 + entries.length * 16;
	entries.forEach(([tag, data], i) => {
		const zipped = deflateSync(data);
		const stored = packed && zipped.length < data.length ? zipped : data;
		const forChecksum = Buffer.from(data);
		if (tag === 'head') forChecksum.writeUInt32BE(0, 8);
		const at = 44 + i * 20;
		header.write(tag, at, 'latin1');
		header.writeUInt32BE(offset, at + 4);
		header.writeUInt32BE(stored.length, at + 8);
		header.writeUInt32BE(data.length, at + 12);
		header.writeUInt32BE(tableChecksum(forChecksum), at + 16);
		const padded = Buffer.alloc((stored.length + 3) & ~3);
		stored.copy(padded);
		parts.push(padded);
		offset += padded.length;
		sfntSize += (data.length + 3) & ~3;
	});
	header.write('wOFF', 0, 'latin1');
	header.writeUInt32BE(flavor, 4);
	header.writeUInt32BE(offset, 8);
	header.writeUInt16BE(entries.length, 12);
	header.writeUInt32BE(sfntSize, 16);
	header.writeUInt16BE(1, 20);
	return Buffer.concat([header, ...parts]);
}

/** The tables with head's checkSumAdjustment (which depends on the whole file's layout) left out. */
function comparable(font: Buffer): Record<string, string> {
	const tables = readSfnt(font).tables;
	return Object.fromEntries(
		[...tables].map(([tag, data]) => {
			const copy = Buffer.from(data);
			if (tag === 'head') copy.writeUInt32BE(0, 8);
			return [tag, copy.toString('base64')];
		})
	);
}

describe('WOFF to TrueType', () => {
	it('gives back the tables the WOFF was made from, packed or not, as a font whose checksum adds up', () => {
		for (const packed of [true, false]) {
			const woff = toWoff(dejavu, packed);
			expect(isWoff(woff)).toBe(true);
			const font = woffToSfnt(woff);
			expect(isWoff(font)).toBe(false);
			expect(comparable(font)).toEqual(comparable(dejavu));
			// The whole file, head's adjustment included, sums to the OpenType spec's magic number.
			expect(tableChecksum(font)).toBe(0xb1b0afba);
			const entries = readSfnt(font).tables;
			for (const [tag, data] of entries) expect(data.byteOffset % 4, tag).toBe(0);
		}
	});

	it('unpacks the shipped Noto Emoji to a font that fontkit reads as it reads the WOFF', () => {
		const woff = readFileSync(EMOJI_WOFF);
		const font = woffToSfnt(woff);
		const fromWoff = createFont(woff) as unknown as { numGlyphs: number; characterSet: number[] };
		const fromTtf = createFont(font) as unknown as { numGlyphs: number; characterSet: number[] };
		expect(fromTtf.numGlyphs).toBe(fromWoff.numGlyphs);
		expect(fromTtf.characterSet).toEqual(fromWoff.characterSet);
		expect(createFont(font).layout('🌱').glyphs[0]!.id).toBe(
			createFont(woff).layout('🌱').glyphs[0]!.id
		);
		expect(tableChecksum(font)).toBe(0xb1b0afba);
	});

	it('refuses what is not a whole, sound WOFF 1 file', () => {
		const woff = toWoff(dejavu);
		const refused = (bytes: Buffer, message: RegExp) => {
			expect(() => woffToSfnt(bytes)).toThrow(FontFormatError);
			expect(() => woffToSfnt(bytes)).toThrow(message);
		};
		refused(dejavu, /not a WOFF 1 file/);
		refused(woff.subarray(0, 20), /shorter than its header/);
		refused(woff.subarray(0, woff.length - 4), /says \d+ bytes long/);
		// A table said to run past the end of the file.
		const past = Buffer.from(woff);
		past.writeUInt32BE(woff.length, 44 + 4);
		refused(past, /runs past the end/);
		// Packed data that does not unpack.
		const broken = Buffer.from(woff);
		const offset = broken.readUInt32BE(44 + 4);
		broken.fill(0xff, offset, offset + 8);
		refused(broken, /does not unpack|wrong length|checksum/);
		// Stored data changed by one byte: its checksum no longer adds up.
		const plain = toWoff(dejavu, false);
		const changed = Buffer.from(plain);
		const first = changed.readUInt32BE(44 + 4);
		changed[first + 1]! ^= 0x01;
		refused(changed, /fails its checksum/);
		// Tables out of order.
		const swapped = Buffer.from(woff);
		const a = Buffer.from(swapped.subarray(44, 64));
		swapped.copy(swapped, 44, 64, 84);
		a.copy(swapped, 64);
		refused(swapped, /out of order/);
	});

	it('sums tables as OpenType does: big-endian words, the last one padded with zeros', () => {
		expect(tableChecksum(Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]))).toBe(3);
		expect(tableChecksum(Buffer.from([1, 2, 3]))).toBe(0x01020300);
		expect(tableChecksum(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2]))).toBe(1);
	});
});

describe('cmap', () => {
	it('reads the code points and glyphs fontkit reads', () => {
		const glyphs = cmapGlyphs(dejavu);
		const reference = createFont(dejavu) as unknown as {
			characterSet: number[];
			glyphForCodePoint(code: number): { id: number };
		};
		expect(new Set(reference.characterSet.filter((c) => glyphs.has(c))).size).toBe(glyphs.size);
		for (const char of 'Aä„–€ß♥✔😀') {
			const code = char.codePointAt(0)!;
			expect(glyphs.get(code), char).toBe(reference.glyphForCodePoint(code).id);
		}
		expect(characterSet(dejavu).has(0x1f331)).toBe(false);
	});

	it('writes a format 12 cmap that reads back as written, beyond the BMP too', () => {
		const glyphs = new Map([
			[0x20, 3],
			[0x41, 4],
			[0x42, 5],
			[0x43, 9],
			[0x1f331, 10],
			[0xf0001, 1],
			[0xf0002, 2]
		]);
		const { flavor, tables } = readSfnt(dejavu);
		const font = writeSfnt(flavor, new Map([...tables, ['cmap', cmapTable(glyphs)]]));
		expect(cmapGlyphs(font)).toEqual(glyphs);
		expect(tableChecksum(font)).toBe(0xb1b0afba);
		const reread = createFont(font);
		expect(reread.layout('AB').glyphs.map((g) => g.id)).toEqual([4, 5]);
	});
});
