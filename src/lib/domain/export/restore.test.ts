import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sampleExportInput } from '../../../../tests/helpers/sample-export';
import type { Participant } from '../session/session';
import { roundView } from '../voting/view';
import { buildExportModel } from './build';
import { importProblem } from './import-check';
import type { ExportModel } from './model';
import {
	IdMap,
	importedAgenda,
	importedFacilitatorName,
	importedGroups,
	importedParticipants,
	restoreBoard,
	restoreRounds
} from './restore';
import { withoutIds } from '../../../../tests/helpers/without-ids';

/** What the import service does, without a server: the new session's pieces from an export. */
function reimport(model: ExportModel) {
	let n = 0;
	const ids = new IdMap(() => `new${++n}`);
	const staff = (id: string, role: Participant['role'], name: string): Participant => ({
		id,
		sessionId: 'copy',
		name,
		group: null,
		role,
		createdAt: model.session.createdAt,
		removedAt: null
	});
	const participants: Participant[] = [
		staff('f-new', 'facilitator', importedFacilitatorName(model)),
		staff('o-new', 'observer', ''),
		...importedParticipants(model).map((p, i) => ({
			id: `p-new${i}`,
			sessionId: 'copy',
			name: p.name,
			group: p.group,
			role: 'participant' as const,
			createdAt: p.createdAt,
			removedAt: p.removed ? 1 : null
		}))
	];
	for (const p of model.participants)
		if (p.role !== 'participant')
			ids.set('participant', p.id, p.role === 'facilitator' ? 'f-new' : 'o-new');
	importedParticipants(model).forEach((p, i) => ids.set('participant', p.oldId, `p-new${i}`));
	const board = new Y.Doc();
	restoreBoard(board, model, ids);
	return {
		session: {
			id: 'copy',
			boardId: 'copy-board',
			title: model.session.title,
			municipality: model.session.municipality,
			template: model.session.template,
			language: model.session.language,
			createdAt: model.session.createdAt,
			settings: { showAuthorNames: false, stakeholderGroups: importedGroups(model) }
		},
		agenda: importedAgenda(model),
		participants,
		board,
		rounds: restoreRounds(model, ids, 'copy').map((round) => ({ round, votes: [] })),
		now: model.exportedAt,
		// As the import: the copy is a meeting of its own, not ended.
		finishedAt: null
	};
}

describe('importing an export', () => {
	it.each([
		['pseudonymous, German', { locale: 'de', named: false, delimiter: ',' }],
		['named, English', { locale: 'en', named: true, delimiter: ',' }]
	] as const)('gives back the same session apart from ids (%s)', (_what, options) => {
		const model = buildExportModel(sampleExportInput(), options);
		const again = buildExportModel(reimport(model), options);
		expect(again.cards.map((c) => c.id)).not.toEqual(model.cards.map((c) => c.id));
		expect(withoutIds(again)).toEqual(withoutIds(model));
	});

	it('shows each imported round with the progress its results or the file imply, and no ballots', () => {
		const model = buildExportModel(sampleExportInput({ rounds: 2 }), {
			locale: 'de',
			named: false,
			delimiter: ','
		});
		const [first, second] = model.votingRounds;
		// A round held openly (ballots on screen), and one the file shows still open with hidden results.
		const edited: ExportModel = {
			...model,
			votingRounds: [
				{ ...first!, anonymous: false },
				{
					...second!,
					status: 'open',
					visibility: 'hidden',
					closedAt: null,
					progress: { voters: 4, dots: 17 },
					results: null
				}
			]
		};
		const [open, hidden] = reimport(edited).rounds.map(({ round, votes }) =>
			roundView(round, votes, () => {
				throw new Error('an imported round is never tallied');
			})
		);
		expect(first!.results!.voters).toBeGreaterThan(0);
		expect(open).toMatchObject({
			status: 'closed',
			anonymous: false,
			imported: true,
			progress: { voters: first!.results!.voters, dots: first!.results!.totalDots }
		});
		expect(open!.results!.cards.every((c) => c.ballots === undefined)).toBe(true);
		expect(hidden).toMatchObject({
			status: 'cancelled',
			imported: true,
			progress: { voters: 4, dots: 17 },
			results: null
		});
	});

	it('keeps a round scoped to a cluster dissolved since, so that exporting again gives the file back', () => {
		const options = { locale: 'de', named: false, delimiter: ',' } as const;
		const model = buildExportModel(sampleExportInput(), options);
		const [round, ...rounds] = model.votingRounds;
		const edited: ExportModel = {
			...model,
			votingRounds: [
				{ ...round!, scope: { areas: ['challenges'], clusters: ['k-gone'] } },
				...rounds
			]
		};
		expect(importProblem(edited)).toBeNull();
		const again = buildExportModel(reimport(edited), options);
		// The dissolved cluster gets a new id like everything else, which withoutIds does not know.
		const [scoped] = again.votingRounds;
		expect(scoped!.scope.clusters).toHaveLength(1);
		const gone = scoped!.scope.clusters[0]!;
		expect(again.clusters.map((c) => c.id)).not.toContain(gone);
		expect(JSON.parse(JSON.stringify(withoutIds(again)).replaceAll(gone, 'k-gone'))).toEqual(
			withoutIds(edited)
		);
	});

	it('names participants of a pseudonymous file with pseudonyms in the session’s language', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'en',
			named: false,
			delimiter: ','
		});
		expect(importedParticipants(model).map((p) => p.name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Teilnehmende ${i + 1}`)
		);
	});

	it('numbers pseudonyms as names are numbered, not as quantities ("Teilnehmende 1000")', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'de',
			named: false,
			delimiter: ','
		});
		const one = model.participants.find((p) => p.role === 'participant')!;
		const many: ExportModel = {
			...model,
			participants: Array.from({ length: 1200 }, (_, i) => ({ ...one, id: `p${i}` }))
		};
		const names = importedParticipants(many).map((p) => p.name);
		expect(names[999]).toBe('Teilnehmende 1000');
		expect(names.at(-1)).toBe('Teilnehmende 1200');
	});

	it('tidies names and round titles from the file as typed ones are tidied', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'de',
			named: true,
			delimiter: ','
		});
		const hostile: ExportModel = {
			...model,
			session: { ...model.session, facilitator: ' Mod\u0000\u200b  Erika ' },
			participants: model.participants.map((p, i) =>
				p.role !== 'participant' ? p : { ...p, name: i % 2 ? '\u0007Anna\n  B.\ufeff' : '\u0000 ' }
			),
			votingRounds: model.votingRounds.map((r) => ({ ...r, title: '\u0000 Erste\u0008  Runde ' }))
		};
		expect(importedFacilitatorName(hostile)).toBe('Mod Erika');
		const names = importedParticipants(hostile).map((p) => p.name);
		expect(names.filter((name) => name === 'Anna B.').length).toBeGreaterThan(0);
		// A name of nothing but control characters is no name: the pseudonym takes its place.
		expect(names.filter((name) => name.startsWith('Teilnehmende ')).length).toBeGreaterThan(0);
		expect(names.every((name) => name === 'Anna B.' || /^Teilnehmende \d+$/.test(name))).toBe(true);
		const rounds = restoreRounds(hostile, new IdMap(() => 'x'), 'copy');
		expect(rounds.length).toBeGreaterThan(0);
		expect(rounds.every((round) => round.title === 'Erste Runde')).toBe(true);
	});

	it('keeps default groups following the catalog, and the facilitator’s own labels as they are', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'en',
			named: false,
			delimiter: ','
		});
		const edited = {
			...model,
			stakeholderGroups: [
				...model.stakeholderGroups.slice(0, 1),
				{ id: 'politics', label: 'Gemeinderat', participants: 0 },
				{ id: 'g-werk', label: 'Werkstatt „Müller“', participants: 0 }
			]
		};
		expect(importedGroups(edited)).toEqual([
			{ id: 'admin', label: null },
			{ id: 'politics', label: 'Gemeinderat' },
			{ id: 'g-werk', label: 'Werkstatt „Müller“' }
		]);
	});
});
