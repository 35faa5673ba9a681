import { isExpired, type TimerState } from './timer';

/**
 * The facilitator's main timer button: start an idle timer, pause a running one, resume a
 * paused one. Once the time is up, pausing would only freeze 0:00; what helps then is to
 * run the time box again (the buttons beside it add a minute or five, or reset it).
 */
export type TimerAction = 'start' | 'pause' | 'resume' | 'restart';

export function timerAction(state: TimerState, now: number): TimerAction {
	switch (state.status) {
		case 'idle':
			return 'start';
		case 'paused':
			return 'resume';
		case 'running':
			return isExpired(state, now) ? 'restart' : 'pause';
	}
}
