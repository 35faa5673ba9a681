import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates a directory and the missing ones above it, each with `mode`. Node's own
 * `mkdirSync(dir, { recursive: true })` never returns where creating a level fails with ENOENT
 * although the level above exists (under /proc): a DATA_DIR there hung the server at start
 * without a word. Here each level is created once, and the first failure is thrown, as
 * `mkdirSync` throws it (ENOENT, EACCES, ENOTDIR …), for the caller to word.
 */
export function makeDirectory(dir: string, mode: number): void {
	const missing: string[] = [];
	let level = path.resolve(dir);
	while (!existsSync(level)) {
		missing.unshift(level);
		const parent = path.dirname(level);
		if (parent === level) break;
		level = parent;
	}
	for (const each of missing) {
		try {
			mkdirSync(each, { mode });
		} catch (error) {
			// Another process made it meanwhile: what counts is that it is there now.
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isDirectory(each)) throw error;
		}
	}
	if (!isDirectory(dir))
		throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${dir}'`), {
			code: 'EEXIST'
		});
}

function isDirectory(dir: string): boolean {
	try {
		return statSync(dir).isDirectory();
	} catch {
		return false;
	}
}
