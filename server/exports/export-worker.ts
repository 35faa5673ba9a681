import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
	ExportFile,
	ExportModel,
	ExportOptions,
	ExportWriter
} from '../../src/lib/domain/export/model';
import { HEAVY_FORMATS, type HeavyFormat } from './heavy';
import type { ComparisonJobInput, ComparisonOutcome } from './comparison-job';
import type { ImportJobInput, ImportReading } from './import-job';
import type { WorkerJob, WorkerReply } from './worker-protocol';

interface Pending {
	resolve(value: unknown): void;
	reject(error: Error): void;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * An export that takes longer than this is given up and its worker replaced: a
 * 1,000-card PDF takes about a second (docs/performance.md), so this is a hang.
 */
const RENDER_TIMEOUT_MS = 120_000;

/**
 * The worker's own heap, in MB. Without a limit of its own a worker that runs out
 * of memory aborts the whole process, every live board with it; with one, only the
 * worker ends and the exports it was rendering fail. The largest comparison the
 * cell limit lets through needs about 1.5 GB (docs/performance.md).
 */
export const EXPORT_WORKER_HEAP_MB = 3072;

/**
 * Runs the heavy export writers in one worker thread, started on the first
 * export (the libraries load there, not in the main thread). A worker that
 * dies fails the exports it was rendering; the next export starts a new one.
 */
export class ExportWorker {
	private worker: Worker | null = null;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;

	/** `file`: the worker script; a TypeScript one (development, tests) runs through tsx. */
	constructor(
		private readonly file: URL,
		private readonly heapMb = EXPORT_WORKER_HEAP_MB
	) {}

	/** A writer for each heavy format that renders in the worker. */
	writers(): Record<HeavyFormat, ExportWriter> {
		const entries = HEAVY_FORMATS.map((format) => [
			format,
			(model: ExportModel, options: ExportOptions) => this.render(format, model, options)
		]);
		return Object.fromEntries(entries) as Record<HeavyFormat, ExportWriter>;
	}

	render(format: HeavyFormat, model: ExportModel, options: ExportOptions): Promise<ExportFile> {
		return this.run<ExportFile>((id) => ({ id, format, model, options }));
	}

	/** An import's body, read and checked as the import takes it. */
	readImport(input: ImportJobInput): Promise<ImportReading> {
		return this.run<ImportReading>((id) => ({ id, importBody: input }));
	}

	/** A whole comparison of sessions, from the request's body to the file or the refusal. */
	compare(comparison: ComparisonJobInput): Promise<ComparisonOutcome> {
		return this.run<ComparisonOutcome>((id) => ({ id, comparison }));
	}

	private run<T>(job: (id: number) => WorkerJob): Promise<T> {
		const worker = this.start();
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(
				() => void this.stop(worker, new Error('export took too long')),
				RENDER_TIMEOUT_MS
			);
			timer.unref();
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
			try {
				worker.postMessage(job(id));
			} catch (error) {
				clearTimeout(timer);
				this.pending.delete(id);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	}

	/** Ends the worker; exports still rendering fail. */
	async close(): Promise<void> {
		if (this.worker) await this.stop(this.worker, new Error('export worker closed'));
	}

	private async stop(worker: Worker, error: Error): Promise<void> {
		this.failAll(worker, error);
		await worker.terminate();
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		// Node 20 does not pass `--import tsx` on to worker threads: the TypeScript source is loaded with tsx's API.
		// tsx is found from the script, not from wherever the process was started.
		const tsx = () => {
			const manifest = createRequire(this.file).resolve('tsx/package.json');
			const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
				exports: Record<string, { import: { default: string } }>;
			};
			return new URL(exports['./esm/api']!.import.default, pathToFileURL(manifest)).href;
		};
		const resourceLimits = { maxOldGenerationSizeMb: this.heapMb };
		const worker = this.file.pathname.endsWith('.ts')
			? new Worker(
					`import(${JSON.stringify(tsx())}).then(({ tsImport }) => tsImport(${JSON.stringify(this.file.href)}, ${JSON.stringify(this.file.href)}))`,
					{ eval: true, resourceLimits }
				)
			: new Worker(this.file, { resourceLimits });
		// The HTTP server keeps the process alive; an idle worker should not.
		worker.unref();
		worker.on('message', (reply: WorkerReply) => {
			const waiting = this.pending.get(reply.id);
			if (!waiting) return;
			clearTimeout(waiting.timer);
			this.pending.delete(reply.id);
			if (!reply.ok) waiting.reject(new Error(reply.message));
			else waiting.resolve('outcome' in reply ? reply.outcome : reply.file);
		});
		worker.on('error', (error) => this.failAll(worker, error));
		// A reply that cannot be read leaves its export without an answer: start afresh.
		worker.on('messageerror', (error) => void this.stop(worker, error));
		worker.on('exit', (code) => this.failAll(worker, new Error(`export worker exited (${code})`)));
		return (this.worker = worker);
	}

	private failAll(worker: Worker, error: Error): void {
		if (this.worker !== worker) return;
		this.worker = null;
		for (const waiting of this.pending.values()) {
			clearTimeout(waiting.timer);
			waiting.reject(error);
		}
		this.pending.clear();
	}
}
