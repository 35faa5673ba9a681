import type { SyncStatus } from './synced-doc';

/**
 * What the viewer is told about their connection: the board's, unless the board is connected
 * and the control plane (phases, timer, dots) has lost its connection — then the screen is
 * not live either, and the dots and phase changes the viewer sends do not arrive.
 */
export function connectionStatus(board: SyncStatus, controlLost: boolean): SyncStatus {
	return board === 'connected' && controlLost ? 'offline' : board;
}
