import { describe, expect, it } from 'vitest';
import { shownView } from '../domain/board/viewport';
import { commandRefusal } from './command-refusal';
import { CommandSchema } from './realtime';

const refusalOf = (command: { type: string; [field: string]: unknown }) => {
	const parsed = CommandSchema.safeParse(command);
	if (parsed.success) throw new Error('expected a refusal');
	return commandRefusal(command.type, parsed.error.issues, command);
};

const phase = {
	id: 'p1',
	title: 'Herausforderungen',
	question: 'Was hindert?',
	areas: ['challenges'],
	durationMin: 10,
	mode: 'open'
};

describe('the error a command of the wrong shape gets', () => {
	it('leaves a text’s length to the services, which count the tidied text', () => {
		const padded = ' \u0000'.repeat(1000) + 'Titel';
		for (const command of [
			{ type: 'session.update', title: padded },
			{ type: 'session.update', title: 'x'.repeat(5000) },
			{ type: 'agenda.update', agenda: [{ ...phase, title: padded, question: padded + padded }] }
		])
			expect(CommandSchema.safeParse(command).success).toBe(true);
		expect(refusalOf({ type: 'session.update', title: 3 })).toBe('bad_request');
	});

	it('takes "Bring everyone here" from a screen not laid out yet, without its size', () => {
		const view = { scale: 1, scrollX: 40, scrollY: 20 };
		const hidden = { type: 'view.gather', ...shownView(view, { width: 0, height: 0 }) };
		expect(CommandSchema.safeParse(hidden).success).toBe(true);
		expect(refusalOf({ ...hidden, width: 0, height: 0 })).toBe('bad_request');
	});

	it('takes the phase a move to the next or previous phase starts from as an id, or none', () => {
		for (const type of ['phase.next', 'phase.previous']) {
			expect(CommandSchema.safeParse({ type }).success).toBe(true);
			expect(CommandSchema.safeParse({ type, from: 'welcome' }).success).toBe(true);
			for (const from of ['', 'x'.repeat(65), 5, null])
				expect(refusalOf({ type, from }), JSON.stringify(from)).toBe('bad_request');
		}
	});

	it('names a phase with an unknown mode, area or time box', () => {
		const agenda = (change: object) => ({
			type: 'agenda.update',
			agenda: [{ ...phase, ...change }]
		});
		expect(refusalOf(agenda({ mode: 'brainstorm' }))).toBe('phase_invalid');
		expect(refusalOf(agenda({ areas: ['ideas'] }))).toBe('phase_invalid');
		expect(refusalOf(agenda({ areas: ['challenges', 'ideas'] }))).toBe('phase_invalid');
		expect(refusalOf(agenda({ colour: 'red' }))).toBe('bad_request');
	});

	it('answers bad_request when a wrong type or an unknown field stands beside a phase out of the rules', () => {
		const invalid = { ...phase, mode: 'brainstorm' };
		for (const agenda of [
			[invalid, { ...phase, id: 'p2', title: 5 }],
			[{ ...phase, id: 'p2', durationMin: '5' }, invalid],
			[{ ...invalid, colour: 'red' }]
		])
			expect(refusalOf({ type: 'agenda.update', agenda }), JSON.stringify(agenda)).toBe(
				'bad_request'
			);
		expect(
			refusalOf({
				type: 'agenda.update',
				agenda: [invalid, { ...phase, id: 'p2', durationMin: 0 }]
			})
		).toBe('phase_invalid');
	});

	it('answers a phase field of the wrong JSON type with bad_request, as any other field', () => {
		const agenda = (change: object) => ({
			type: 'agenda.update',
			agenda: [{ ...phase, ...change }]
		});
		for (const change of [
			{ durationMin: '5' },
			{ durationMin: true },
			{ mode: null },
			{ mode: 5 },
			{ areas: 'challenges' },
			{ areas: null },
			{ areas: [5] },
			{ title: 5 },
			{ question: null },
			{ id: '' },
			{ id: 'x'.repeat(41) },
			{ id: 'a b' }
		])
			expect(refusalOf(agenda(change)), JSON.stringify(change)).toBe('bad_request');
	});
});
