import type { Vote } from '../../src/lib/domain/voting/ballot';
import type { VotingRound } from '../../src/lib/domain/voting/round';
import type { VotingStore } from './ports';

export class MemoryVotingStore implements VotingStore {
	private readonly rounds = new Map<string, VotingRound>();
	/** roundId → `participantId cardId` → vote */
	private readonly votes = new Map<string, Map<string, Vote>>();

	async saveRound(round: VotingRound): Promise<void> {
		this.rounds.set(round.id, round);
	}
	async listRounds(sessionId: string): Promise<VotingRound[]> {
		return [...this.rounds.values()]
			.filter((r) => r.sessionId === sessionId)
			.sort((a, b) => a.seq - b.seq);
	}
	async setVote(vote: Vote): Promise<void> {
		if (!this.rounds.has(vote.roundId)) throw new Error('no such round');
		let list = this.votes.get(vote.roundId);
		if (!list) this.votes.set(vote.roundId, (list = new Map()));
		const key = `${vote.participantId} ${vote.cardId}`;
		if (vote.dots > 0) list.set(key, vote);
		else list.delete(key);
	}
	async listVotes(roundId: string): Promise<Vote[]> {
		return [...(this.votes.get(roundId)?.values() ?? [])];
	}
	forgetSession(sessionId: string): void {
		for (const [id, round] of this.rounds) {
			if (round.sessionId !== sessionId) continue;
			this.rounds.delete(id);
			this.votes.delete(id);
		}
	}
}
