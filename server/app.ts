import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerOptions } from 'socket.io';
import { checkBoardUpdate } from '../src/lib/domain/board/update-policy';
import { YJS_CLOSE, YJS_CLOSE_REASON } from '../src/lib/protocol/yjs';
import type { Config } from './config';
import { createApi, type NodeHandler } from './http/api';
import { createLogger, errorFields, type Logger } from './log';
import { memoryStores } from './persistence/memory';
import type { Stores } from './persistence/ports';
import { sqliteStores } from './persistence/sqlite';
import { attachControl } from './realtime/control/control-server';
import { BoardSync, DEFAULT_SYNC_OPTIONS, type WriteGate } from './realtime/yjs/board-sync';
import { createYjsEndpoint } from './realtime/yjs/endpoint';
import { SecretBox } from './security/secret-box';
import { CommandLimiter } from './security/command-limit';
import { RefusalLimit } from './security/refusal-limit';
import { CommandBus } from './services/command-bus';
import { SessionEvents } from './services/session-events';
import { SessionService } from './services/session-service';
import { ControlService } from './services/control-service';
import { VotingService } from './services/voting-service';
import { ExportService } from './services/export-service';
import { ImportService } from './services/import-service';
import { EXPORT_WRITERS } from './exports/index';
import { ExportWorker } from './exports/export-worker';
import { ComparisonService } from './services/comparison-service';
import { DraftService, isDraftsDocId } from './realtime/yjs/drafts';
import { DraftCounter } from './services/draft-counter';
import { participantCardAreas } from '../src/lib/domain/session/agenda';
import {
	type ControlState,
	currentPhase,
	isFinished,
	participantsMayEditOwnCards,
	participantsMayWrite,
	participantsWriteDrafts
} from '../src/lib/domain/session/control';
import type { UpdateContext } from '../src/lib/domain/board/update-policy';

const ANYTHING: UpdateContext = {};
const READ_ONLY: UpdateContext = { readOnly: true };

export interface Fokusrunde {
	/** The HTTP API; calls `next` for everything that is not /api or /healthz. */
	readonly api: NodeHandler;
	readonly sync: BoardSync;
	readonly log: Logger;
	/** Stores pending updates, closes clients and the database. */
	close(): Promise<void>;
}

export interface Composition {
	readonly stores?: Stores;
	readonly secrets?: SecretBox;
	readonly log?: Logger;
	readonly socketOptions?: Partial<ServerOptions>;
	/**
	 * The export worker's script: DOCX, PDF, PNG and XLSX are rendered in a worker
	 * thread, off the sync loop. Without it (development, most tests) they render here.
	 */
	readonly exportWorker?: URL;
}

/**
 * Composes Fokusrunde on an HTTP server: the adapters are chosen here, once
 * (later: PostgreSQL and Redis), and handed to transport-free services.
 * The production entry point and Vite's dev server both call this.
 */
export function createFokusrunde(
	config: Config,
	httpServer: HttpServer,
	composition: Composition = {}
): Fokusrunde {
	const log = composition.log ?? createLogger(config.logLevel);
	const stores =
		composition.stores ??
		(config.store === 'memory' ? memoryStores() : sqliteStores(config.dataDir));
	let secrets: SecretBox;
	try {
		secrets =
			composition.secrets ??
			(config.store === 'memory'
				? SecretBox.ephemeral()
				: SecretBox.fromDataDir(config.dataDir, stores.sealedSample?.() ?? null));
	} catch (error) {
		// The database stays locked while open: let go of it, so that the next start can have it.
		void stores.close();
		throw error;
	}
	const events = new SessionEvents();
	const sessions = new SessionService(stores.sessions, secrets);
	const controlState = new ControlService(sessions, events);
	// Participants write to the board or their drafts only when the phase allows it, add cards only
	// to the phase's areas, drafts only of the current phase (the one a reveal publishes) and name
	// only the session's groups in next steps; observers never write.
	// The gate is asked for every update, so what it answers is worked out once per control state and
	// list of groups (both are replaced, never changed).
	const participantContexts = new WeakMap<
		ControlState,
		{ groups: readonly string[] | undefined; board: UpdateContext; drafts: UpdateContext }
	>();
	const participantContext = (control: ControlState, groups: readonly string[] | undefined) => {
		let contexts = participantContexts.get(control);
		if (!contexts || contexts.groups !== groups) {
			const phase = currentPhase(control);
			const newCardAreas = participantCardAreas(phase);
			contexts = {
				groups,
				board: {
					readOnly: !participantsMayEditOwnCards(control),
					// A revealed silent phase's new cards are drafts; only the board's phases take them.
					newCardAreas: participantsMayWrite(control) ? newCardAreas : [],
					newCardPhaseId: null,
					groups
				},
				drafts: {
					readOnly: !participantsWriteDrafts(control),
					newCardAreas,
					newCardPhaseId: phase.id,
					groups
				}
			};
			participantContexts.set(control, contexts);
		}
		return contexts;
	};
	// The facilitator writes anything, but names only the session's groups in next steps too, and
	// only the session's people as authors. Worked out once per session's people and groups.
	const facilitatorContexts = new WeakMap<ReadonlySet<string>, UpdateContext>();
	const facilitatorContext = (
		groups: readonly string[] | undefined,
		people: ReadonlySet<string> | undefined
	) => {
		if (!people) return groups ? { groups } : ANYTHING;
		let context = facilitatorContexts.get(people);
		if (!context || context.groups !== groups)
			facilitatorContexts.set(people, (context = { groups, people }));
		return context;
	};
	const gate: WriteGate = (docId, actor) => {
		if (actor.role === 'facilitator')
			return facilitatorContext(
				controlState.peekGroups(actor.sessionId),
				sessions.peekPeople(actor.sessionId)
			);
		const control = controlState.peek(actor.sessionId);
		if (actor.role !== 'participant' || !control) return READ_ONLY;
		const contexts = participantContext(control, controlState.peekGroups(actor.sessionId));
		return isDraftsDocId(docId) ? contexts.drafts : contexts.board;
	};
	// Silent writing is counted for the facilitator whenever someone's drafts change.
	let draftCounter: DraftCounter | null = null;
	const sync = new BoardSync(stores.docs, checkBoardUpdate, {
		...DEFAULT_SYNC_OPTIONS,
		unloadDelayMs: config.boardUnloadDelayMs,
		gate,
		log,
		changes: {
			watches: isDraftsDocId,
			changed: (_docId, sessionId) => draftCounter?.changed(sessionId)
		}
	});
	const drafts = new DraftService(sync, sessions);
	draftCounter = new DraftCounter(drafts, controlState, events, (error) =>
		log.error('drafts.count.failed', errorFields(error))
	);
	const sessionEnded = async (sessionId: string) => {
		const control = await controlState.state(sessionId);
		return control !== null && isFinished(control);
	};
	const voting = new VotingService(stores.voting, sessions, sync, events, sessionEnded, (error) =>
		log.error('voting.close.failed', errorFields(error))
	);
	const exportWorker = composition.exportWorker ? new ExportWorker(composition.exportWorker) : null;
	const writers = exportWorker ? { ...EXPORT_WRITERS, ...exportWorker.writers() } : EXPORT_WRITERS;
	const exports = new ExportService(sessions, controlState, voting, sync, writers);
	const imports = new ImportService(
		sessions,
		voting,
		sync,
		events,
		exportWorker ? (input) => exportWorker.readImport(input) : undefined
	);
	const comparisons = new ComparisonService(
		exportWorker ? (input) => exportWorker.compare(input) : undefined
	);
	const commands = new CommandBus(sessions, controlState, drafts, events, voting, sync);
	// One command budget per caller, whichever transport brings the command.
	const commandLimit = new CommandLimiter(config.commandRate);
	// One budget of refused handshakes per address, whichever socket the tries come over.
	const refusals = new RefusalLimit();
	const yjs = createYjsEndpoint({
		sessions,
		refusals,
		trustProxy: config.trustProxy,
		control: controlState,
		sync,
		log,
		publicUrl: config.publicUrl
	});
	const control = attachControl(
		httpServer,
		{
			sessions,
			commands,
			control: controlState,
			voting,
			drafts: draftCounter,
			config,
			commandLimit,
			refusals,
			events,
			log
		},
		composition.socketOptions
	);

	// A removed participant's token stops working at once, and so do their open connections.
	events.on('participantRemoved', ({ sessionId, participantId }) => {
		void sync
			.disconnect(sessionId, participantId, YJS_CLOSE.unauthorized, YJS_CLOSE_REASON.removed)
			.catch((error: unknown) =>
				log.error('participant.remove.disconnect.failed', errorFields(error))
			);
	});

	events.on('credentialReplaced', ({ sessionId, participantId }) => {
		void sync
			.disconnect(sessionId, participantId, YJS_CLOSE.unauthorized, YJS_CLOSE_REASON.replaced)
			.catch((error: unknown) =>
				log.error('credential.replace.disconnect.failed', errorFields(error))
			);
	});

	// A deleted session leaves nothing behind: its board is closed, pending writes settle, then its updates go.
	events.on('sessionDeleted', ({ sessionId, boardId }) => {
		void sync
			.evictSession(sessionId, YJS_CLOSE.unauthorized, YJS_CLOSE_REASON.sessionDeleted)
			.then(() => sync.idle())
			.then(() => stores.docs.deleteBoard(boardId))
			.catch((error: unknown) =>
				log.error('session.delete.board.failed', { boardId, ...errorFields(error) })
			);
	});

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		yjs.handleUpgrade(req, socket, head);
	};
	httpServer.on('upgrade', onUpgrade);

	const api = createApi({
		config,
		sessions,
		commands,
		control: controlState,
		voting,
		events,
		exports,
		imports,
		comparisons,
		commandLimit,
		online: control.online,
		health: stores.ping,
		log
	});

	return {
		api,
		sync,
		log,
		async close() {
			httpServer.off('upgrade', onUpgrade);
			voting.stop();
			draftCounter?.stop();
			await control.close();
			await sync.close();
			yjs.close();
			await exportWorker?.close();
			await stores.close();
		}
	};
}
