import { inflateSync } from 'node:zlib';

/**
 * Just enough of the OpenType container to use a web font where only TrueType
 * or OpenType files are read: WOFF 1 (each table zlib-compressed on its own, see
 * the W3C's WOFF File Format 1.0) unpacked back to the SFNT it was made from, and
 * the code points a font's `cmap` maps to a glyph. resvg reads fonts from files
 * and knows no WOFF; the emoji font ships as WOFF only (@fontsource/noto-emoji).
 */

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;
/** What a font's checksum adds up to with `head.checkSumAdjustment` (the OpenType spec's magic number). */
const CHECKSUM_MAGIC = 0xb1b0afba;

export class FontFormatError extends Error {}

function fail(message: string): never {
	throw new FontFormatError(message);
}

function tagOf(value: number): string {
	return String.fromCharCode(
		(value >>> 24) & 0xff,
		(value >>> 16) & 0xff,
		(value >>> 8) & 0xff,
		value & 0xff
	);
}

/** The OpenType table checksum: the sum of its big-endian 32-bit words, zero-padded, modulo 2³². */
export function tableChecksum(data: Uint8Array): number {
	let sum = 0;
	const whole = data.length & ~3;
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
	if (whole < data.length) {
		let last = 0;
		for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i]! : 0);
		sum = (sum + (last >>> 0)) >>> 0;
	}
	return sum;
}

export function isWoff(data: Uint8Array): boolean {
	return (
		data.length >= 4 &&
		Buffer.from(data.buffer, data.byteOffset, 4).readUInt32BE(0) === WOFF_SIGNATURE
	);
}

interface Table {
	readonly tag: number;
	readonly data: Buffer;
}

/**
 * The SFNT (TrueType or CFF-flavoured OpenType, as the WOFF says) packed in a WOFF 1 file.
 * Checks every offset and length against the file and each table's checksum, so a file
 * cut short or damaged is refused (FontFormatError) rather than handed on half-made.
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
	const file = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
	if (file.length < WOFF_HEADER) fail('WOFF: shorter than its header');
	if (file.readUInt32BE(0) !== WOFF_SIGNATURE) fail('WOFF: not a WOFF 1 file');
	const flavor = file.readUInt32BE(4);
	const length = file.readUInt32BE(8);
	const numTables = file.readUInt16BE(12);
	if (length !== file.length) fail(`WOFF: says ${length} bytes long, is ${file.length}`);
	if (numTables === 0) fail('WOFF: no tables');
	if (WOFF_HEADER + numTables * WOFF_ENTRY > file.length) fail('WOFF: table directory cut short');
	const tables: Table[] = [];
	let previous = -1;
	for (let i = 0; i < numTables; i++) {
		const at = WOFF_HEADER + i * WOFF_ENTRY;
		const tag = file.readUInt32BE(at);
		const offset = file.readUInt32BE(at + 4);
		const compLength = file.readUInt32BE(at + 8);
		const origLength = file.readUInt32BE(at + 12);
		const origChecksum = file.readUInt32BE(at + 16);
		const name = tagOf(tag);
		// The directory is sorted by tag, as the SFNT's must be (the WOFF spec requires it).
		if (tag <= previous) fail(`WOFF: table ${name} out of order`);
		previous = tag;
		if (offset + compLength > file.length) fail(`WOFF: table ${name} runs past the end`);
		if (compLength > origLength) fail(`WOFF: table ${name} larger packed than unpacked`);
		const stored = file.subarray(offset, offset + compLength);
		let data: Buffer;
		if (compLength === origLength) data = Buffer.from(stored);
		else {
			try {
				data = inflateSync(stored, { maxOutputLength: origLength });
			} catch (error) {
				fail(`WOFF: table ${name} does not unpack (${(error as Error).message})`);
			}
		}
		if (data.length !== origLength) fail(`WOFF: table ${name} unpacks to the wrong length`);
		// head's checksum is taken with checkSumAdjustment as zero.
		const sum = tableChecksum(name === 'head' ? withoutAdjustment(data) : data);
		if (sum !== origChecksum) fail(`WOFF: table ${name} fails its checksum`);
		tables.push({ tag, data });
	}
	return sfnt(flavor, tables);
}

function withoutAdjustment(head: Buffer): Buffer {
	if (head.length < 12) fail('head table too short');
	const copy = Buffer.from(head);
	copy.writeUInt32BE(0, 8);
	return copy;
}

/** An SFNT file of these tables (sorted by tag), each on a 4-byte boundary, with `head`'s checksum adjustment set. */
function sfnt(flavor: number, tables: readonly Table[]): Buffer {
	const count = tables.length;
	let entrySelector = 0;
	while (2 ** (entrySelector + 1) <= count) entrySelector++;
	const searchRange = 2 ** entrySelector * 16;
	const directory = SFNT_HEADER + count * SFNT_ENTRY;
	const size = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), directory);
	const out = Buffer.alloc(size);
	out.writeUInt32BE(flavor, 0);
	out.writeUInt16BE(count, 4);
	out.writeUInt16BE(searchRange, 6);
	out.writeUInt16BE(entrySelector, 8);
	out.writeUInt16BE(count * 16 - searchRange, 10);
	let offset = directory;
	let head = -1;
	tables.forEach((table, i) => {
		const entry = SFNT_HEADER + i * SFNT_ENTRY;
		const isHead = tagOf(table.tag) === 'head';
		out.writeUInt32BE(table.tag, entry);
		out.writeUInt32BE(
			tableChecksum(isHead ? withoutAdjustment(table.data) : table.data),
			entry + 4
		);
		out.writeUInt32BE(offset, entry + 8);
		out.writeUInt32BE(table.data.length, entry + 12);
		table.data.copy(out, offset);
		if (isHead) {
			head = offset;
			out.writeUInt32BE(0, offset + 8);
		}
		offset += (table.data.length + 3) & ~3;
	});
	if (head >= 0) out.writeUInt32BE((CHECKSUM_MAGIC - tableChecksum(out)) >>> 0, head + 8);
	return out;
}

/** An SFNT file's tables by tag, each a view into the file, and its flavour (TrueType 0x00010000 or 'OTTO'). */
export function readSfnt(font: Uint8Array): { flavor: number; tables: Map<string, Buffer> } {
	const file = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
	if (file.length < SFNT_HEADER) fail('SFNT: shorter than its header');
	const flavor = file.readUInt32BE(0);
	if (flavor !== 0x00010000 && tagOf(flavor) !== 'OTTO' && tagOf(flavor) !== 'true')
		fail('SFNT: not a TrueType or OpenType font');
	const count = file.readUInt16BE(4);
	if (SFNT_HEADER + count * SFNT_ENTRY > file.length) fail('SFNT: table directory cut short');
	const tables = new Map<string, Buffer>();
	for (let i = 0; i < count; i++) {
		const entry = SFNT_HEADER + i * SFNT_ENTRY;
		const tag = tagOf(file.readUInt32BE(entry));
		const offset = file.readUInt32BE(entry + 8);
		const length = file.readUInt32BE(entry + 12);
		if (offset + length > file.length) fail(`SFNT: table ${tag} runs past the end`);
		tables.set(tag, file.subarray(offset, offset + length));
	}
	return { flavor, tables };
}

/** An SFNT file of these tables (sorted by tag, each on a 4-byte boundary, checksums and `head`'s adjustment set). */
export function writeSfnt(flavor: number, tables: ReadonlyMap<string, Uint8Array>): Buffer {
	const sorted = [...tables]
		.map(([tag, data]) => {
			if (!/^[\x20-\x7e]{4}$/.test(tag)) fail(`SFNT: bad table tag ${JSON.stringify(tag)}`);
			return { tag: Buffer.from(tag, 'latin1').readUInt32BE(0), data: Buffer.from(data) };
		})
		.sort((a, b) => a.tag - b.tag);
	return sfnt(flavor, sorted);
}

/**
 * The font's Unicode `cmap`: each code point with its glyph (never .notdef),
 * from format 12 (all of Unicode) where the font has one, else format 4 (the BMP).
 */
export function cmapGlyphs(font: Uint8Array): Map<number, number> {
	const cmap = readSfnt(font).tables.get('cmap') ?? fail('SFNT: no cmap table');
	if (cmap.length < 4) fail('cmap: too short');
	const count = cmap.readUInt16BE(2);
	if (4 + count * 8 > cmap.length) fail('cmap: encoding records cut short');
	let format4 = -1;
	let format12 = -1;
	for (let i = 0; i < count; i++) {
		const platform = cmap.readUInt16BE(4 + i * 8);
		const encoding = cmap.readUInt16BE(4 + i * 8 + 2);
		const offset = cmap.readUInt32BE(4 + i * 8 + 4);
		if (offset + 2 > cmap.length) fail('cmap: subtable past the end');
		const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
		if (!unicode) continue;
		const format = cmap.readUInt16BE(offset);
		if (format === 12 && format12 < 0) format12 = offset;
		if (format === 4 && format4 < 0) format4 = offset;
	}
	if (format12 >= 0) return format12Glyphs(cmap, format12);
	if (format4 >= 0) return format4Glyphs(cmap, format4);
	fail('cmap: no Unicode subtable of format 4 or 12');
}

/** The code points the font has a glyph for. */
export function characterSet(font: Uint8Array): Set<number> {
	return new Set(cmapGlyphs(font).keys());
}

function format12Glyphs(cmap: Buffer, at: number): Map<number, number> {
	if (at + 16 > cmap.length) fail('cmap 12: header cut short');
	const groups = cmap.readUInt32BE(at + 12);
	if (at + 16 + groups * 12 > cmap.length) fail('cmap 12: groups cut short');
	const glyphs = new Map<number, number>();
	for (let g = 0; g < groups; g++) {
		const group = at + 16 + g * 12;
		const start = cmap.readUInt32BE(group);
		const end = cmap.readUInt32BE(group + 4);
		const first = cmap.readUInt32BE(group + 8);
		if (end < start || end > 0x10ffff) fail('cmap 12: bad group');
		for (let cp = start; cp <= end; cp++)
			if (first + (cp - start) !== 0) glyphs.set(cp, first + (cp - start));
	}
	return glyphs;
}

function format4Glyphs(cmap: Buffer, at: number): Map<number, number> {
	if (at + 14 > cmap.length) fail('cmap 4: header cut short');
	const segments = cmap.readUInt16BE(at + 6) / 2;
	const ends = at + 14;
	const starts = ends + segments * 2 + 2;
	const deltas = starts + segments * 2;
	const rangeOffsets = deltas + segments * 2;
	if (rangeOffsets + segments * 2 > cmap.length) fail('cmap 4: segments cut short');
	const glyphs = new Map<number, number>();
	for (let s = 0; s < segments; s++) {
		const end = cmap.readUInt16BE(ends + s * 2);
		const start = cmap.readUInt16BE(starts + s * 2);
		const delta = cmap.readUInt16BE(deltas + s * 2);
		const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
		for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
			let glyph: number;
			if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
			else {
				const index = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
				if (index + 2 > cmap.length) fail('cmap 4: glyph index past the end');
				const raw = cmap.readUInt16BE(index);
				glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
			}
			if (glyph !== 0) glyphs.set(cp, glyph);
		}
	}
	return glyphs;
}

/**
 * A `cmap` table with one format 12 subtable mapping these code points to their
 * glyphs, listed for Unicode (platform 0, encoding 4) and Windows (3, 10).
 */
export function cmapTable(glyphs: ReadonlyMap<number, number>): Buffer {
	const codes = [...glyphs.keys()].sort((a, b) => a - b);
	const groups: [number, number, number][] = [];
	for (const code of codes) {
		const glyph = glyphs.get(code)!;
		if (code < 0 || code > 0x10ffff || !Number.isInteger(code))
			fail(`cmap: bad code point ${code}`);
		const last = groups[groups.length - 1];
		if (last && code === last[1] + 1 && glyph === last[2] + (code - last[0])) last[1] = code;
		else groups.push([code, code, glyph]);
	}
	const subtable = Buffer.alloc(16 + groups.length * 12);
	subtable.writeUInt16BE(12, 0);
	subtable.writeUInt32BE(subtable.length, 4);
	subtable.writeUInt32BE(groups.length, 12);
	groups.forEach(([start, end, glyph], i) => {
		subtable.writeUInt32BE(start, 16 + i * 12);
		subtable.writeUInt32BE(end, 20 + i * 12);
		subtable.writeUInt32BE(glyph, 24 + i * 12);
	});
	const header = Buffer.alloc(4 + 2 * 8);
	header.writeUInt16BE(2, 2);
	header.writeUInt16BE(0, 4);
	header.writeUInt16BE(4, 6);
	header.writeUInt32BE(header.length, 8);
	header.writeUInt16BE(3, 12);
	header.writeUInt16BE(10, 14);
	header.writeUInt32BE(header.length, 16);
	return Buffer.concat([header, subtable]);
}
