import { describe, expect, it } from 'vitest';
import { readComparisonFiles } from './comparison-files';

const json = (name: string, body: unknown = { version: 1 }) =>
	new File([JSON.stringify(body)], name, { type: 'application/json' });

describe('the export files chosen for a comparison', () => {
	it('are parsed when there are two to twenty', async () => {
		const result = await readComparisonFiles([json('a.json', { a: 1 }), json('b.json', { b: 2 })]);
		expect(result).toEqual({ ok: true, documents: [{ a: 1 }, { b: 2 }] });
	});

	it('are not sent when too few, too many, too large or not JSON, naming the file', async () => {
		const problem = async (files: File[]) => {
			const result = await readComparisonFiles(files);
			return result.ok ? null : result.problem;
		};
		expect(await problem([json('a.json')])).toEqual({ key: 'compare.noFiles' });
		expect(await problem(Array.from({ length: 21 }, (_, i) => json(`${i}.json`)))).toEqual({
			key: 'compare.problem.tooMany',
			params: { max: 20, count: 21 }
		});
		const big = json('gross.json');
		Object.defineProperty(big, 'size', { value: 9 * 1024 * 1024 });
		expect(await problem([json('a.json'), big])).toEqual({
			key: 'compare.fileTooLarge',
			params: { name: 'gross.json', max: 8 }
		});
		const five = Array.from({ length: 5 }, (_, i) => {
			const file = json(`${i}.json`);
			Object.defineProperty(file, 'size', { value: 7 * 1024 * 1024 });
			return file;
		});
		expect(await problem(five)).toEqual({ key: 'compare.filesTooLarge', params: { max: 32 } });
		expect(await problem([json('a.json'), new File(['{"version": 1'], 'kaputt.json')])).toEqual({
			key: 'compare.notJson',
			params: { name: 'kaputt.json' }
		});
	});
});
