import type Database from 'better-sqlite3';
import type { Vote } from '../../src/lib/domain/voting/ballot';
import type { VotingRound } from '../../src/lib/domain/voting/round';
import type { VotingStore } from './ports';

interface VoteRow {
	round_id: string;
	participant_id: string;
	card_id: string;
	group_id: string | null;
	dots: number;
}

export class SqliteVotingStore implements VotingStore {
	private readonly q;

	constructor(db: Database.Database) {
		this.q = {
			saveRound: db.prepare<[string, string, number, string]>(
				`INSERT INTO voting_rounds (id, session_id, seq, data) VALUES (?, ?, ?, ?)
				 ON CONFLICT (id) DO UPDATE SET data = excluded.data`
			),
			rounds: db.prepare<[string], { data: string }>(
				'SELECT data FROM voting_rounds WHERE session_id = ? ORDER BY seq'
			),
			upsertVote: db.prepare<[string, string, string, string | null, number]>(
				`INSERT INTO votes (round_id, participant_id, card_id, group_id, dots) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (round_id, participant_id, card_id) DO UPDATE SET dots = excluded.dots, group_id = excluded.group_id`
			),
			deleteVote: db.prepare<[string, string, string]>(
				'DELETE FROM votes WHERE round_id = ? AND participant_id = ? AND card_id = ?'
			),
			votes: db.prepare<[string], VoteRow>('SELECT * FROM votes WHERE round_id = ?')
		};
	}

	async saveRound(round: VotingRound): Promise<void> {
		this.q.saveRound.run(round.id, round.sessionId, round.seq, JSON.stringify(round));
	}

	async listRounds(sessionId: string): Promise<VotingRound[]> {
		return this.q.rounds.all(sessionId).map((row) => JSON.parse(row.data) as VotingRound);
	}

	async setVote(vote: Vote): Promise<void> {
		if (vote.dots > 0)
			this.q.upsertVote.run(vote.roundId, vote.participantId, vote.cardId, vote.group, vote.dots);
		else this.q.deleteVote.run(vote.roundId, vote.participantId, vote.cardId);
	}

	async listVotes(roundId: string): Promise<Vote[]> {
		return this.q.votes.all(roundId).map((row) => ({
			roundId: row.round_id,
			participantId: row.participant_id,
			cardId: row.card_id,
			group: row.group_id,
			dots: row.dots
		}));
	}
}
