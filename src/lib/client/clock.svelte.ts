import { createSubscriber } from 'svelte/reactivity';

/** A countdown shows whole seconds: a quarter of one is late enough. */
const TICK_MS = 250;

/**
 * One clock for every countdown on a page. Each with a timer of its own, two
 * countdowns of the same time box (a phone's phase bar and the time strip
 * above it) turned their seconds over up to a tick apart, and showed two
 * different times at once.
 */
class Clock {
	#now = Date.now();
	#ticking = false;
	readonly #subscribe = createSubscriber((update) => {
		this.#ticking = true;
		this.#now = Date.now();
		const tick = setInterval(() => {
			this.#now = Date.now();
			update();
		}, TICK_MS);
		return () => {
			clearInterval(tick);
			this.#ticking = false;
		};
	});

	/** This device's time in ms, the same for everything that reads it within one tick. */
	get now(): number {
		this.#subscribe();
		return this.#ticking ? this.#now : Date.now();
	}

	/**
	 * This device's time, ticking only until `deadline` (this device's time too): a countdown at
	 * 0:00 changes no more, and one that ran out kept a phone waking four times a second until the
	 * facilitator did something. Past the deadline the reader stops listening, and the clock stops
	 * when nobody else does.
	 */
	nowUntil(deadline: number): number {
		const now = Date.now();
		return now >= deadline ? now : this.now;
	}
}

export const clock = new Clock();
