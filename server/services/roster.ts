import type { RosterEntry } from '../../src/lib/protocol/realtime';
import type { ParticipantRecord } from '../persistence/ports';

/** Who is in the session (removed people are not), in the order they joined, with who is connected now. */
export function buildRoster(
	participants: readonly ParticipantRecord[],
	online: ReadonlySet<string>
): RosterEntry[] {
	return participants
		.filter((p) => p.removedAt === null)
		.map((p) => ({
			participantId: p.id,
			name: p.name,
			group: p.group,
			role: p.role,
			online: online.has(p.id)
		}));
}
