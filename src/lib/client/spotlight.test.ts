import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../protocol/realtime';
import { requestSpotlight } from './spotlight';

const refused = (code: 'card_not_found' | 'forbidden'): CommandResult => ({
	ok: false,
	error: { code, message: code }
});

function server(answers: CommandResult[]) {
	const asked: (string | null)[] = [];
	return {
		asked,
		send: async (cardId: string | null) => {
			asked.push(cardId);
			return answers.shift() ?? { ok: true };
		}
	};
}

const now = { tries: 4, waitMs: 500, sleep: async () => {} };

describe('spotlighting a card the server may not have yet', () => {
	it('asks again while the server does not know the card, and succeeds once it does', async () => {
		const s = server([refused('card_not_found'), refused('card_not_found')]);
		expect(await requestSpotlight(s.send, 'c1', () => true, now)).toBeNull();
		expect(s.asked).toEqual(['c1', 'c1', 'c1']);
	});

	it('gives up after the last try and says why', async () => {
		const s = server(Array.from({ length: 10 }, () => refused('card_not_found')));
		expect(await requestSpotlight(s.send, 'c1', () => true, now)).toBe('card_not_found');
		expect(s.asked).toHaveLength(4);
	});

	it('does not ask again for a card that is gone from the board, nor after another refusal', async () => {
		const gone = server([refused('card_not_found')]);
		expect(await requestSpotlight(gone.send, 'c1', () => false, now)).toBe('card_not_found');
		expect(gone.asked).toHaveLength(1);
		const forbidden = server([refused('forbidden')]);
		expect(await requestSpotlight(forbidden.send, 'c1', () => true, now)).toBe('forbidden');
		expect(forbidden.asked).toHaveLength(1);
	});
});
