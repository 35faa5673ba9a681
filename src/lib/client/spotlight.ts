import type { CommandResult } from '../protocol/realtime';
import type { ErrorCode } from '../protocol/errors';

export interface SpotlightRetry {
	readonly tries: number;
	readonly waitMs: number;
	readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A card written a moment ago may not have reached the server's board yet, which
 * checks a spotlight against it: `card_not_found` is then worth asking again a
 * little later (the board connection delivers it meanwhile), while the card is
 * still on the facilitator's own board. Resolves to the error that remained, or
 * null once the spotlight is set.
 */
export async function requestSpotlight(
	send: (cardId: string | null) => Promise<CommandResult>,
	cardId: string | null,
	stillThere: () => boolean,
	retry: SpotlightRetry = { tries: 6, waitMs: 500 }
): Promise<ErrorCode | null> {
	const sleep = retry.sleep ?? ((ms) => new Promise<void>((done) => setTimeout(done, ms)));
	for (let attempt = 1; ; attempt++) {
		const result = await send(cardId);
		if (result.ok) return null;
		const code = result.error.code;
		if (code !== 'card_not_found' || attempt >= retry.tries || !stillThere()) return code;
		await sleep(retry.waitMs);
	}
}
