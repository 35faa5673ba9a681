import { afterAll, describe, expect, it } from 'vitest';
import { documentWriters } from '../../server/exports/documents';
import { ExportWorker } from '../../server/exports/export-worker';
import type { HeavyFormat } from '../../server/exports/heavy';
import { exportOptions, musterstadtExport } from '../helpers/export-fixture';

/**
 * The export worker thread (the production server renders DOCX, PDF, PNG and
 * XLSX there, off the sync loop), run from its TypeScript source through tsx.
 */
const model = musterstadtExport();
const options = exportOptions(model);
const worker = new ExportWorker(new URL('../../server/exports/worker.ts', import.meta.url));
afterAll(() => worker.close());

const bytes = (body: Uint8Array | string) => Buffer.from(body);

describe('the export worker', () => {
	it('renders the same picture as the writer in this thread, and every document', async () => {
		const [inWorker, here] = await Promise.all([
			worker.render('png', model, options),
			documentWriters.png(model, options)
		]);
		expect(inWorker.contentType).toBe('image/png');
		expect(bytes(inWorker.body).equals(bytes(here.body))).toBe(true);
		const magic: Record<Exclude<HeavyFormat, 'png'>, string> = {
			pdf: '%PDF-',
			docx: 'PK\x03\x04',
			xlsx: 'PK\x03\x04'
		};
		for (const [format, start] of Object.entries(magic) as [keyof typeof magic, string][]) {
			const file = await worker.render(format, model, options);
			expect(file.extension).toBe(format);
			expect(bytes(file.body).subarray(0, start.length).toString('latin1')).toBe(start);
		}
	});

	it('refuses what it cannot render and goes on with the next export', async () => {
		await expect(worker.render('odt' as HeavyFormat, model, options)).rejects.toThrow(
			/no worker writer for odt/
		);
		const file = await worker.render('pdf', model, options);
		expect(bytes(file.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	it('reads an import’s body as the import takes it, and refuses a broken one in the caller’s language', async () => {
		const file = JSON.parse(JSON.stringify(model)) as typeof model;
		const read = await worker.readImport({
			body: Buffer.from(JSON.stringify(file)),
			callerLocale: 'en'
		});
		expect(read).toEqual({ ok: true, document: file });
		const broken = { ...file, cards: [...file.cards, file.cards[0]] };
		expect(
			await worker.readImport({ body: Buffer.from(JSON.stringify(broken)), callerLocale: 'en' })
		).toEqual({
			ok: false,
			error: 'import_invalid',
			detail: `cards: the id “${file.cards[0]!.id}” appears more than once.`
		});
		expect(
			await worker.readImport({ body: Buffer.from('{"version": 1,'), callerLocale: 'de' })
		).toEqual({ ok: false, error: 'invalid_json', detail: null });
	});

	it('ends only itself when an export needs more memory than it has, and the next export works', async () => {
		// A heap too small for a thousand-card workbook: the worker, not this process, must end.
		const small = new ExportWorker(new URL('../../server/exports/worker.ts', import.meta.url), 16);
		try {
			const big = musterstadtExport({ cards: 1000, rounds: 3 });
			await expect(small.render('xlsx', big, exportOptions(big))).rejects.toThrow(/memory/i);
			const file = await worker.render('pdf', model, options);
			expect(bytes(file.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		} finally {
			await small.close();
		}
	});

	it('fails an export whose worker is ended, and starts a new one for the next', async () => {
		const failed = expect(worker.render('xlsx', model, options)).rejects.toThrow(/closed/);
		await worker.close();
		await failed;
		const file = await worker.render('png', model, options);
		expect(file.contentType).toBe('image/png');
	});
});
