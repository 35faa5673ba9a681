import type { DraftCount } from '$lib/domain/session/draft-count';
import { io, type Socket } from 'socket.io-client';
import { estimateOffset, type ClockSample } from '../domain/session/timer';
import type { ErrorCode } from '../protocol/errors';
import type { EndCause } from '../domain/session/session-end';
import { causeOfSignOut } from './end-cause';
import type { BallotView, VotingView } from '../domain/voting/view';
import { shownRound } from '../domain/voting/shown-round';
import type {
	ClientToServerEvents,
	Command,
	CommandResult,
	ControlView,
	Invitation,
	RosterEntry,
	ServerToClientEvents,
	SessionState,
	SignOutCause
} from '../protocol/realtime';

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CLOCK_SAMPLES = 5;
const CLOCK_RESYNC_MS = 60_000;
/** How long a command waits for a connection on its way before it is refused as offline. */
const CONNECT_WAIT_MS = 2_000;

/**
 * The session's control plane for the UI: session state, control state
 * (phase, timer, lock) and roster as reactive state, the server clock's offset,
 * and commands with a typed answer. Authenticated by the session cookie.
 */
export class ControlClient {
	state = $state<SessionState | null>(null);
	control = $state.raw<ControlView | null>(null);
	roster = $state.raw<RosterEntry[]>([]);
	connected = $state(false);
	/** True from a lost connection until it is back (not before the first one). */
	lost = $state(false);
	signedOut = $state<ErrorCode | null>(null);
	/** What the server added to its sign-out (that the participant was removed). */
	signOutCause = $state<SignOutCause | undefined>(undefined);
	/** Server clock minus local clock, in ms: timers are shown from server time. */
	offset = $state(0);
	/** Every voting round as everyone may see it. */
	voting = $state.raw<VotingView>({ rounds: [] });
	/** Whether the voting state came from the server yet (until then `voting` has no rounds). */
	votingLoaded = $state(false);
	/** The viewer's own dots in the open round (participants only). */
	ballot = $state.raw<BallotView | null>(null);
	/** Staff: how far silent writing has come in the current phase (null outside one). */
	drafts = $state.raw<DraftCount | null>(null);
	/** How people join, when it changed since the page was loaded (staff only). */
	invitation = $state<Invitation | null>(null);
	/** The presenter link, when it was replaced since the page was loaded (facilitator only). */
	presenterUrl = $state<string | null>(null);

	private readonly socket: ControlSocket;
	private readonly clockTimer: ReturnType<typeof setInterval>;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private destroyed = false;

	constructor(sessionId: string, initial: SessionState, control: ControlView) {
		this.state = initial;
		this.control = control;
		this.offset = control.serverTime - Date.now();
		this.socket = io({ auth: { sessionId } });
		this.socket.on('connect', () => {
			this.connected = true;
			this.lost = false;
			void this.syncClock();
		});
		this.socket.on('disconnect', (reason) => {
			this.connected = false;
			this.lost = true;
			// The server ends every socket when it shuts down (a restart) as when it signs one out,
			// and socket.io does not reconnect by itself after either: only a signed-out socket is
			// told `signedOut` first. Every other one connects again, once the server is back, after a
			// moment: the server also ends a socket that sent too much, and at once it would again.
			if (reason === 'io server disconnect' && this.signedOut === null) this.retryLater(1_000);
		});
		this.socket.on('session', (state) => (this.state = state));
		this.socket.on('control', (control) => (this.control = control));
		this.socket.on('roster', (roster) => (this.roster = roster));
		this.socket.on('voting', (voting) => {
			this.voting = voting;
			this.votingLoaded = true;
		});
		this.socket.on('ballot', (ballot) => (this.ballot = ballot));
		this.socket.on('drafts', (count) => (this.drafts = count));
		this.socket.on('votingRound', (round) => {
			// An open round's results, computed a moment before it closed, must not take the place
			// of its final results: a round that ended stays as it ended.
			this.voting = {
				rounds: this.voting.rounds.map((r) =>
					r.id === round.id && r.status === 'open' ? round : r
				)
			};
		});
		this.socket.on('votingProgress', ({ roundId, progress }) => {
			this.voting = {
				rounds: this.voting.rounds.map((r) => (r.id === roundId ? { ...r, progress } : r))
			};
		});
		this.socket.on('invitation', (invitation) => (this.invitation = invitation));
		this.socket.on('presenterLink', ({ presenterUrl }) => (this.presenterUrl = presenterUrl));
		this.socket.on('signedOut', ({ code, cause }) => {
			this.signOutCause = cause;
			this.signedOut = code;
		});
		this.socket.on('connect_error', (error: Error & { data?: { code?: ErrorCode } }) => {
			const code = error.data?.code;
			if (
				code === 'unauthorized' ||
				code === 'participant_removed' ||
				code === 'forbidden' ||
				code === 'session_not_found'
			) {
				this.signedOut = code;
				this.socket.disconnect();
			} else if (code === 'rate_limited' || code === 'internal') {
				// Refused for now (too many sockets at once, a failure of the server's): socket.io
				// does not try again by itself after a refusal.
				this.retryLater(5_000);
			}
		});
		this.clockTimer = setInterval(() => void this.syncClock(), CLOCK_RESYNC_MS);
	}

	/** Why the control plane ended this screen's session, if it did (see causeOfSignOut). */
	get ended(): EndCause | null {
		return causeOfSignOut(this.signedOut, this.signOutCause);
	}

	/** The open round, if any. */
	get openRound() {
		return this.voting.rounds.find((r) => r.status === 'open') ?? null;
	}

	/** The round whose results every screen shows now (the facilitator may pick an earlier one). */
	get shownRound() {
		return shownRound(this.voting.rounds, this.control?.shownRound ?? null);
	}

	/** The viewer's own dots in the open round; null when none is open (or not yet known). */
	get openBallot(): BallotView | null {
		const open = this.openRound;
		return this.ballot && open && this.ballot.roundId === open.id ? this.ballot : null;
	}

	get online(): number {
		return this.roster.filter((entry) => entry.online).length;
	}

	/** The server's clock now, as well as this browser can tell. */
	serverNow(): number {
		return Date.now() + this.offset;
	}

	async send(command: Command): Promise<CommandResult> {
		// Offline, socket.io would keep the command and send it on reconnecting, long after the
		// person saw nothing happen: three taps on "−" took three dots at once minutes later. A
		// connection on its way (the page just opened) is waited for a moment.
		if (!this.socket.connected && !(await this.connectedWithin(CONNECT_WAIT_MS)))
			return { ok: false, error: { code: 'offline', message: 'not connected' } };
		return new Promise((resolve) => {
			this.socket
				.timeout(10_000)
				.emit('command', command, (error: Error | null, result: CommandResult) => {
					if (error) resolve({ ok: false, error: { code: 'internal', message: error.message } });
					else resolve(result);
				});
		});
	}

	/** Whether the socket connects within `ms` (it may be on its way, or a phone in a dead spot). */
	private connectedWithin(ms: number): Promise<boolean> {
		return new Promise((resolve) => {
			const done = (connected: boolean) => {
				clearTimeout(timer);
				this.socket.off('connect', onConnect);
				resolve(connected);
			};
			const onConnect = () => done(true);
			const timer = setTimeout(() => done(this.socket.connected), ms);
			this.socket.on('connect', onConnect);
		});
	}

	/** Connects again after about `ms` (up to half as long again, so that tabs do not come at once). */
	private retryLater(ms: number): void {
		if (this.retryTimer) return;
		this.retryTimer = setTimeout(
			() => {
				this.retryTimer = null;
				if (this.signedOut === null && !this.destroyed && !this.socket.connected)
					this.socket.connect();
			},
			ms * (1 + Math.random() / 2)
		);
	}

	destroy(): void {
		this.destroyed = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		clearInterval(this.clockTimer);
		this.socket.disconnect();
	}

	/** A few round trips; the quickest one tells the offset best (see estimateOffset). */
	private async syncClock(): Promise<void> {
		const samples: ClockSample[] = [];
		for (let i = 0; i < CLOCK_SAMPLES && this.socket.connected; i++) {
			const sentAt = Date.now();
			const serverTime = await new Promise<number | null>((resolve) =>
				this.socket
					.timeout(5_000)
					.emit('clock', (error: Error | null, time: number) => resolve(error ? null : time))
			);
			if (serverTime !== null) samples.push({ sentAt, serverTime, receivedAt: Date.now() });
		}
		if (samples.length > 0) this.offset = estimateOffset(samples);
	}
}
