/** Messages between the benchmark and the processes it measures (over the IPC channel). */
export type ProbeRequest =
	| { readonly type: 'stats'; readonly id: number }
	/** Starts a CPU profile of the measured process (the measurement window only). */
	| { readonly type: 'profile-start'; readonly id: number }
	/** Stops it and writes the .cpuprofile (Chrome DevTools format) to `file`. */
	| { readonly type: 'profile-stop'; readonly id: number; readonly file: string }
	/** Installs timers around the server's steps (bench/lib/breakdown.ts) and zeroes them. */
	| { readonly type: 'breakdown-start'; readonly id: number; readonly server: boolean }
	| { readonly type: 'breakdown-stop'; readonly id: number };

export interface StatsReply {
	readonly type: 'stats';
	readonly id: number;
	/** process.cpuUsage() since the process started. */
	readonly userMicros: number;
	readonly systemMicros: number;
	readonly rssBytes: number;
	readonly heapUsedBytes: number;
}

export interface DoneReply {
	readonly type: 'done';
	readonly id: number;
	readonly error?: string;
}

/** Milliseconds and calls per step since breakdown-start. */
export interface BreakdownReply {
	readonly type: 'breakdown';
	readonly id: number;
	readonly sections: Record<string, { readonly ms: number; readonly calls: number }>;
}

export type ProbeReply = StatsReply | DoneReply | BreakdownReply;
