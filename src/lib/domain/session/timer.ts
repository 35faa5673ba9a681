/**
 * The session timer, owned by the server. Pure: every function takes `now`
 * (server milliseconds) and returns a new state; clients render from the
 * state and their estimated offset to the server's clock.
 */
export type TimerState =
	| { readonly status: 'idle'; readonly durationMs: number }
	| { readonly status: 'running'; readonly durationMs: number; readonly endsAt: number }
	| { readonly status: 'paused'; readonly durationMs: number; readonly remainingMs: number };

/**
 * The longest the timer holds: 480 minutes, the longest time box a phase may have and the most
 * `timer.start` takes (docs/realtime.md). It was 6 hours, which silently cut an 8-hour time box
 * to 6 and made `timer.add` take time away from a timer set above 6 hours.
 */
export const TIMER_MAX_MIN = 480;
export const MAX_TIMER_MS = TIMER_MAX_MIN * 60 * 1000;

const clamp = (ms: number) => Math.max(0, Math.min(MAX_TIMER_MS, Math.round(ms)));

export function idleTimer(durationMs = 0): TimerState {
	return { status: 'idle', durationMs: clamp(durationMs) };
}

/** Starts from the full duration, or with a new one. Starting a running timer restarts it. */
export function startTimer(
	state: TimerState,
	now: number,
	durationMs = state.durationMs
): TimerState {
	const duration = clamp(durationMs);
	return { status: 'running', durationMs: duration, endsAt: now + duration };
}

export function pauseTimer(state: TimerState, now: number): TimerState {
	if (state.status !== 'running') return state;
	return {
		status: 'paused',
		durationMs: state.durationMs,
		remainingMs: Math.max(0, state.endsAt - now)
	};
}

export function resumeTimer(state: TimerState, now: number): TimerState {
	if (state.status !== 'paused') return state;
	return { status: 'running', durationMs: state.durationMs, endsAt: now + state.remainingMs };
}

/** Adds (or with a negative amount, removes) time; an idle timer gets a longer duration. */
export function addTime(state: TimerState, now: number, ms: number): TimerState {
	switch (state.status) {
		case 'idle':
			return idleTimer(state.durationMs + ms);
		case 'paused':
			return {
				...state,
				durationMs: clamp(state.durationMs + ms),
				remainingMs: clamp(state.remainingMs + ms)
			};
		case 'running': {
			// An expired timer restarts from the moment time is added.
			const base = Math.max(state.endsAt, now);
			return {
				...state,
				durationMs: clamp(state.durationMs + ms),
				endsAt: now + clamp(base - now + ms)
			};
		}
	}
}

export function resetTimer(state: TimerState): TimerState {
	return idleTimer(state.durationMs);
}

/** Milliseconds left at `now` (0 once expired). */
/** Whether a timer has a time to show at all (a phase without a time box whose timer never ran has none). */
export function hasTimeBox(state: TimerState): boolean {
	return state.durationMs > 0 || state.status !== 'idle';
}

export function remainingMs(state: TimerState, now: number): number {
	switch (state.status) {
		case 'idle':
			return state.durationMs;
		case 'paused':
			return state.remainingMs;
		case 'running':
			return Math.max(0, state.endsAt - now);
	}
}

export function isExpired(state: TimerState, now: number): boolean {
	return state.status === 'running' && now >= state.endsAt;
}

/**
 * The offset of the server's clock to the local one from round trips
 * (NTP-style): for each sample the server time is assumed to be read halfway
 * through the round trip; the sample with the shortest round trip wins.
 */
export interface ClockSample {
	/** Local time the request was sent. */
	readonly sentAt: number;
	/** Server time in the answer. */
	readonly serverTime: number;
	/** Local time the answer arrived. */
	readonly receivedAt: number;
}

export function estimateOffset(samples: readonly ClockSample[]): number {
	let best: ClockSample | null = null;
	for (const s of samples) {
		if (s.receivedAt < s.sentAt) continue;
		if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
	}
	if (!best) return 0;
	return best.serverTime - (best.sentAt + best.receivedAt) / 2;
}

/** mm:ss (or h:mm:ss), rounding up so that 0:00 appears only at the end. */
export function formatRemaining(ms: number): string {
	const total = Math.ceil(Math.max(0, ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
