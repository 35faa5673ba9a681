import { parentPort } from 'node:worker_threads';
import type { ExportWriter } from '../../src/lib/domain/export/model';
import { runComparison } from './comparison-job';
import { readImport } from './import-job';
import { isHeavyFormat, loadHeavyWriter, type HeavyFormat } from './heavy';
import type { ComparisonJob, WorkerJob, WorkerReply } from './worker-protocol';

/**
 * The export worker thread (build/export-worker.js): renders DOCX, PDF, PNG
 * and XLSX, compares sessions and reads imports, so that a large board's
 * document, a comparison of many or a large file to import does not stall
 * every board's sync on the main thread for a good part of a second.
 */
const port = parentPort;
if (!port) throw new Error('the export worker runs as a worker thread');

const writers = new Map<HeavyFormat, Promise<ExportWriter>>();

port.on('message', (job: WorkerJob) => {
	void render(job).then((reply) => port.postMessage(reply));
});

async function render(job: WorkerJob): Promise<WorkerReply> {
	if ('comparison' in job) return compare(job);
	if ('importBody' in job) return { id: job.id, ok: true, outcome: readImport(job.importBody) };
	try {
		if (!isHeavyFormat(job.format)) throw new Error(`no worker writer for ${String(job.format)}`);
		let writer = writers.get(job.format);
		if (!writer) writers.set(job.format, (writer = loadHeavyWriter(job.format)));
		const file = await (await writer)(job.model, job.options);
		return { id: job.id, ok: true, file };
	} catch (error) {
		writers.delete(job.format);
		return {
			id: job.id,
			ok: false,
			message: error instanceof Error ? error.message : String(error)
		};
	}
}

async function compare(job: ComparisonJob): Promise<WorkerReply> {
	try {
		return { id: job.id, ok: true, outcome: await runComparison(job.comparison) };
	} catch (error) {
		return {
			id: job.id,
			ok: false,
			message: error instanceof Error ? error.message : String(error)
		};
	}
}
