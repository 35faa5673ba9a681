import { checkBoardUpdate } from '../../src/lib/domain/board/update-policy';
import { createLogger } from '../../server/log';
import type { Stores } from '../../server/persistence/ports';
import { BoardSync, DEFAULT_SYNC_OPTIONS } from '../../server/realtime/yjs/board-sync';
import { DraftService } from '../../server/realtime/yjs/drafts';
import { SecretBox } from '../../server/security/secret-box';
import { CommandBus } from '../../server/services/command-bus';
import { ControlService } from '../../server/services/control-service';
import { SessionEvents } from '../../server/services/session-events';
import { SessionService } from '../../server/services/session-service';
import { VotingService } from '../../server/services/voting-service';

/** The board sync's options in service tests: quiet, and a board unloads as soon as nobody has it. */
export const SYNC_OPTIONS = {
	...DEFAULT_SYNC_OPTIONS,
	log: createLogger('silent'),
	unloadDelayMs: 0
};

/**
 * The services as app.ts composes them, on the given stores and without a network: commands that
 * arrive together interleave exactly as they do in the server. `stop` ends voting's timers and
 * closes the boards.
 */
export function composeServices(stores: Stores) {
	const events = new SessionEvents();
	const sessions = new SessionService(stores.sessions, SecretBox.ephemeral());
	const control = new ControlService(sessions, events);
	const sync = new BoardSync(stores.docs, checkBoardUpdate, SYNC_OPTIONS);
	const voting = new VotingService(stores.voting, sessions, sync, events, async (sessionId) =>
		Boolean((await control.state(sessionId))?.finished)
	);
	const bus = new CommandBus(
		sessions,
		control,
		new DraftService(sync, sessions),
		events,
		voting,
		sync
	);
	const stop = async () => {
		voting.stop();
		await sync.close();
	};
	return { events, sessions, control, sync, voting, bus, stop };
}
