/**
 * Loaded with `node --import` into a process the benchmark measures (the plain
 * relay or the unchanged production server): answers the benchmark's IPC
 * requests with this process's CPU time and memory, so the server's cost is
 * measured inside the server and never mixed up with the load generator's.
 * It can also profile the process during the measurement window only, which
 * `node --cpu-prof` cannot (that covers start-up and shutdown too), and time
 * the server's steps (bench/lib/breakdown.ts).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { ProbeReply, ProbeRequest } from './lib/protocol';

const REQUESTS: readonly string[] = [
	'stats',
	'profile-start',
	'profile-stop',
	'breakdown-start',
	'breakdown-stop'
];

function isProbeRequest(message: unknown): message is ProbeRequest {
	if (typeof message !== 'object' || message === null) return false;
	const { type, id } = message as { type?: unknown; id?: unknown };
	return typeof type === 'string' && REQUESTS.includes(type) && typeof id === 'number';
}

let inspector: Session | null = null;

function post(method: string, params?: object): Promise<unknown> {
	return new Promise((resolve, reject) => {
		inspector!.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
	});
}

async function handle(request: ProbeRequest): Promise<ProbeReply> {
	switch (request.type) {
		case 'stats': {
			const cpu = process.cpuUsage();
			const memory = process.memoryUsage();
			return {
				type: 'stats',
				id: request.id,
				userMicros: cpu.user,
				systemMicros: cpu.system,
				rssBytes: memory.rss,
				heapUsedBytes: memory.heapUsed
			};
		}
		case 'profile-start':
			inspector = new Session();
			inspector.connect();
			await post('Profiler.enable');
			// 100 µs instead of the default 1 ms: a delivered update costs microseconds.
			await post('Profiler.setSamplingInterval', { interval: 100 });
			await post('Profiler.start');
			return { type: 'done', id: request.id };
		case 'profile-stop': {
			if (!inspector) return { type: 'done', id: request.id, error: 'not profiling' };
			const { profile } = (await post('Profiler.stop')) as { profile: unknown };
			inspector.disconnect();
			inspector = null;
			writeFileSync(request.file, JSON.stringify(profile));
			return { type: 'done', id: request.id };
		}
		case 'breakdown-start': {
			// Loaded only when asked for: a plain run carries no timers.
			const { startBreakdown } = await import('./lib/breakdown');
			await startBreakdown(request.server);
			return { type: 'done', id: request.id };
		}
		case 'breakdown-stop': {
			const { stopBreakdown } = await import('./lib/breakdown');
			return { type: 'breakdown', id: request.id, sections: stopBreakdown() };
		}
	}
}

// Without an IPC channel (started by hand) there is nobody to answer.
if (process.send) {
	process.on('message', (message: unknown) => {
		if (!isProbeRequest(message)) return;
		handle(message).then(
			(reply) => process.send?.(reply),
			(error: unknown) => process.send?.({ type: 'done', id: message.id, error: String(error) })
		);
	});
	// The IPC channel must not be what keeps a server alive once it decides to stop.
	process.channel?.unref();
}
