import { describe, expect, it } from 'vitest';
import { agendaFromTemplate } from './templates';
import {
	applyControl,
	currentPhase,
	initialControl,
	isFinished,
	participantsMayEditOwnCards,
	participantsMayWrite,
	participantsWriteDrafts,
	pointersShared,
	type ControlCommand,
	type ControlState
} from './control';
import { remainingMs } from './timer';

const study = () => initialControl(agendaFromTemplate('study', 'de'));

function run(state: ControlState, ...commands: ControlCommand[]): ControlState {
	for (const command of commands) {
		const outcome = applyControl(state, command, 0);
		if (!outcome.ok) throw new Error(outcome.error);
		state = outcome.state;
	}
	return state;
}

describe('phases of a session', () => {
	it('starts in the first phase of the study template with its time box on the timer', () => {
		const state = study();
		expect(currentPhase(state).title).toBe('Begrüßung und Vorstellungsrunde');
		expect(state.timer).toEqual({ status: 'idle', durationMs: 15 * 60_000 });
		expect(participantsMayWrite(state)).toBe(false);
	});

	it('moves forward and back through the agenda, stopping at its ends', () => {
		let state = run(study(), { type: 'phase.previous' });
		expect(state.phaseId).toBe('welcome');
		state = run(state, { type: 'phase.next' }, { type: 'phase.next' });
		expect(currentPhase(state).mode).toBe('silent');
		expect(currentPhase(state).areas).toEqual(['potentials']);
		state = run(state, { type: 'phase.goto', phaseId: 'wrap-up' }, { type: 'phase.next' });
		expect(state.phaseId).toBe('wrap-up');
		state = run(state, { type: 'phase.previous' });
		expect(state.phaseId).toBe('next-steps');
		expect(applyControl(state, { type: 'phase.goto', phaseId: 'nope' }, 0)).toEqual({
			ok: false,
			error: 'phase_not_found'
		});
	});

	it('moves once when two screens move on from the same phase: a move from a phase the session left changes nothing', () => {
		const first = run(study(), { type: 'phase.next', from: 'welcome' });
		expect(first.phaseId).toBe('challenges');
		// The second screen still showed the welcome: the silent phase is not skipped.
		const second = applyControl(first, { type: 'phase.next', from: 'welcome' }, 0);
		expect(second).toEqual({ ok: true, state: first, effects: [] });
		const back = applyControl(first, { type: 'phase.previous', from: 'potentials' }, 0);
		expect(back.ok && back.state).toBe(first);
		// From the phase the session is in, or without `from` (as before), it moves.
		expect(run(first, { type: 'phase.previous', from: 'challenges' }).phaseId).toBe('welcome');
		expect(run(first, { type: 'phase.next' }).phaseId).toBe('potentials');
	});

	it('shares pointers except while drafts are written in a silent phase, until its reveal', () => {
		let state = study();
		expect(pointersShared(state)).toBe(true);
		state = run(state, { type: 'phase.goto', phaseId: 'challenges' });
		expect(pointersShared(state)).toBe(false);
		state = run(state, { type: 'drafts.reveal', phaseId: 'challenges' });
		expect(pointersShared(state)).toBe(true);
		state = run(state, { type: 'phase.goto', phaseId: 'potentials' });
		expect(pointersShared(state)).toBe(false);
		state = run(state, { type: 'phase.goto', phaseId: 'clustering' });
		expect(pointersShared(state)).toBe(true);
	});

	it('lets participants write drafts in silent phases and the board in open ones, never while locked', () => {
		let state = run(study(), { type: 'phase.goto', phaseId: 'challenges' });
		expect([participantsMayWrite(state), participantsWriteDrafts(state)]).toEqual([false, true]);
		state = run(state, { type: 'phase.goto', phaseId: 'next-steps' });
		expect([participantsMayWrite(state), participantsWriteDrafts(state)]).toEqual([true, false]);
		state = run(state, { type: 'board.lock' }, { type: 'board.lock' });
		expect(participantsMayWrite(state)).toBe(false);
		state = run(state, { type: 'board.unlock' });
		expect(participantsMayWrite(state)).toBe(true);
		state = run(state, { type: 'phase.goto', phaseId: 'wrap-up' });
		expect(participantsMayWrite(state)).toBe(false);
	});

	it('lets participants change their own revealed cards for the rest of the silent phase, not before', () => {
		let state = run(study(), { type: 'phase.goto', phaseId: 'challenges' });
		expect(participantsMayEditOwnCards(state)).toBe(false);
		state = run(state, { type: 'drafts.reveal', phaseId: 'challenges' });
		expect(participantsMayEditOwnCards(state)).toBe(true);
		// Still no writing on the board itself: new cards of the phase stay drafts.
		expect(participantsMayWrite(state)).toBe(false);
		state = run(state, { type: 'board.lock' });
		expect(participantsMayEditOwnCards(state)).toBe(false);
		state = run(state, { type: 'board.unlock' }, { type: 'phase.goto', phaseId: 'potentials' });
		expect(participantsMayEditOwnCards(state)).toBe(false);
		state = run(state, { type: 'phase.goto', phaseId: 'next-steps' });
		expect(participantsMayEditOwnCards(state)).toBe(true);
	});

	it('reveals only silent phases, and asks the server to publish their drafts', () => {
		const state = run(study(), { type: 'phase.goto', phaseId: 'challenges' });
		const outcome = applyControl(state, { type: 'drafts.reveal' }, 0);
		expect(outcome).toMatchObject({
			ok: true,
			effects: [{ kind: 'revealDrafts', phaseId: 'challenges' }]
		});
		expect(outcome.ok && outcome.state.revealed).toEqual(['challenges']);
		expect(applyControl(state, { type: 'drafts.reveal', phaseId: 'welcome' }, 0)).toEqual({
			ok: false,
			error: 'not_a_silent_phase'
		});
	});

	it('drives the timer from commands', () => {
		const started = applyControl(study(), { type: 'timer.start' }, 1000);
		if (!started.ok) throw new Error();
		const more = applyControl(started.state, { type: 'timer.add', minutes: 5 }, 61_000);
		if (!more.ok) throw new Error();
		expect(remainingMs(more.state.timer, 61_000)).toBe(19 * 60_000);
	});

	it('does not start a timer of no time: a phase without a time box, or with all its time taken away, needs a duration', () => {
		const emptied = run(study(), { type: 'timer.add', minutes: -15 });
		expect(applyControl(emptied, { type: 'timer.start' }, 0)).toEqual({
			ok: false,
			error: 'timer_without_duration'
		});
		const blank = initialControl(agendaFromTemplate('blank', 'de'));
		expect(applyControl(blank, { type: 'timer.start' }, 0)).toEqual({
			ok: false,
			error: 'timer_without_duration'
		});
		expect(applyControl(blank, { type: 'timer.start', durationMin: 0 }, 0)).toEqual({
			ok: false,
			error: 'timer_without_duration'
		});
		const started = run(blank, { type: 'timer.start', durationMin: 3 });
		expect(remainingMs(started.timer, 0)).toBe(3 * 60_000);
	});

	it('does not start a timer of no time when the duration rounds to 0 ms, and starts one that rounds up to 1 ms', () => {
		const blank = initialControl(agendaFromTemplate('blank', 'de'));
		// 1e-7 minutes are 0.006 ms: the timer holds whole milliseconds, so it would run for 0.
		expect(applyControl(blank, { type: 'timer.start', durationMin: 1e-7 }, 0)).toEqual({
			ok: false,
			error: 'timer_without_duration'
		});
		const tiny = run(blank, { type: 'timer.start', durationMin: 1e-5 });
		expect(tiny.timer).toEqual({ status: 'running', durationMs: 1, endsAt: 1 });
	});

	it('holds the longest time box and timer.start whole (480 minutes), and timer.add never shortens them', () => {
		const MIN = 60_000;
		const long = study().agenda.map((p) => ({ ...p, durationMin: 480 }));
		let state = run(study(), { type: 'agenda.update', agenda: long }, { type: 'phase.next' });
		expect(state.timer).toEqual({ status: 'idle', durationMs: 480 * MIN });
		state = run(state, { type: 'timer.start', durationMin: 480 });
		expect(remainingMs(state.timer, 0)).toBe(480 * MIN);
		state = run(state, { type: 'timer.pause' }, { type: 'timer.add', minutes: 60 });
		expect(remainingMs(state.timer, 0)).toBe(480 * MIN);
		state = run(state, { type: 'timer.add', minutes: -60 });
		expect(remainingMs(state.timer, 0)).toBe(420 * MIN);
	});

	it('publishes the drafts of a silent phase that the agenda no longer has as a silent phase', () => {
		const state = run(study(), { type: 'phase.goto', phaseId: 'challenges' });
		const edit = (agenda: ControlState['agenda']) => {
			const outcome = applyControl(state, { type: 'agenda.update', agenda }, 0);
			if (!outcome.ok) throw new Error(outcome.error);
			return outcome.effects;
		};
		// Removed, or made an open phase: no reveal could reach their drafts afterwards.
		expect(edit(state.agenda.filter((p) => p.id !== 'potentials'))).toEqual([
			{ kind: 'revealDrafts', phaseId: 'potentials' }
		]);
		expect(
			edit(state.agenda.map((p) => (p.id === 'challenges' ? { ...p, mode: 'open' as const } : p)))
		).toEqual([{ kind: 'revealDrafts', phaseId: 'challenges' }]);
		// A silent phase that stays silent keeps its drafts for its own reveal.
		expect(edit(state.agenda.map((p) => ({ ...p, title: p.title + '!' })))).toEqual([]);
	});

	it('keeps the current phase when the agenda is edited around it', () => {
		let state = run(study(), { type: 'phase.goto', phaseId: 'potentials' });
		const agenda = state.agenda
			.filter((p) => p.id !== 'welcome')
			.map((p) => (p.id === 'potentials' ? { ...p, durationMin: 12 } : p));
		state = run(state, { type: 'agenda.update', agenda });
		expect(state.phaseId).toBe('potentials');
		expect(state.timer).toEqual({ status: 'idle', durationMs: 12 * 60_000 });
		state = run(state, {
			type: 'agenda.update',
			agenda: agenda.filter((p) => p.id !== 'potentials')
		});
		expect(state.phaseId).toBe('clustering');
	});

	it('keeps the time added to an idle timer when the agenda changes but the current phase’s time box does not', () => {
		const added = run(study(), { type: 'timer.add', minutes: 5 });
		expect(added.timer).toEqual({ status: 'idle', durationMs: 20 * 60_000 });
		const retitled = added.agenda.map((p) => (p.id === 'wrap-up' ? { ...p, title: 'Ende' } : p));
		let state = run(added, { type: 'agenda.update', agenda: retitled });
		expect(state.timer).toEqual({ status: 'idle', durationMs: 20 * 60_000 });
		// A new time box of the current phase is what its timer is set to, added time or not.
		state = run(state, {
			type: 'agenda.update',
			agenda: retitled.map((p) => (p.id === 'welcome' ? { ...p, durationMin: 12 } : p))
		});
		expect(state.timer).toEqual({ status: 'idle', durationMs: 12 * 60_000 });
	});

	it('enters the phase the session moves to when the agenda drops the current one: its time box on the timer, no spotlight', () => {
		const running = run(
			study(),
			{ type: 'phase.goto', phaseId: 'challenges' },
			{ type: 'timer.start', durationMin: 7 },
			{ type: 'card.spotlight', cardId: 'c1' }
		);
		expect(running.timer.status).toBe('running');
		const state = run(running, {
			type: 'agenda.update',
			agenda: running.agenda.filter((p) => p.id !== 'challenges')
		});
		expect(state.phaseId).toBe('potentials');
		expect(state.timer).toEqual({ status: 'idle', durationMs: 10 * 60_000 });
		expect(state.spotlight).toBeNull();
	});

	it('tidies phase titles and questions as it tidies every label, and keeps each area once', () => {
		const [first, ...rest] = study().agenda;
		const state = run(study(), {
			type: 'agenda.update',
			agenda: [
				{
					...first!,
					title: '  A \t\n  B  ',
					question: '  x\u0007  y \n z\u200b ',
					areas: ['potentials', 'challenges', 'potentials']
				},
				...rest
			]
		});
		expect(state.agenda[0]).toMatchObject({
			title: 'A B',
			question: 'x y z',
			areas: ['potentials', 'challenges']
		});
	});

	it('refuses a phase whose title is only control characters or spaces, a time box out of range or not whole', () => {
		const [first, ...rest] = study().agenda;
		const update = (change: object) =>
			applyControl(
				study(),
				{ type: 'agenda.update', agenda: [{ ...first!, ...change }, ...rest] },
				0
			);
		expect(update({ title: '\u0001\u0002' })).toEqual({ ok: false, error: 'phase_title_required' });
		expect(update({ title: ' \n\t ' })).toEqual({ ok: false, error: 'phase_title_required' });
		// Lengths are the tidied texts': 120 letters among spaces are no text too long.
		expect(update({ title: `  ${'T'.repeat(120)}   ` }).ok).toBe(true);
		expect(update({ title: 'T'.repeat(121) })).toEqual({ ok: false, error: 'phase_text_too_long' });
		for (const durationMin of [0, 2.5, 481, -1])
			expect(update({ durationMin })).toEqual({ ok: false, error: 'phase_invalid' });
	});

	it('refuses an empty agenda and duplicate phases', () => {
		expect(applyControl(study(), { type: 'agenda.update', agenda: [] }, 0)).toEqual({
			ok: false,
			error: 'agenda_empty'
		});
		const agenda = study().agenda;
		expect(
			applyControl(study(), { type: 'agenda.update', agenda: [agenda[0]!, agenda[0]!] }, 0)
		).toEqual({
			ok: false,
			error: 'phase_duplicate'
		});
	});

	it('bumps spotlight and gather so every screen reacts again', () => {
		const state = run(
			study(),
			{ type: 'card.spotlight', cardId: 'c1' },
			{ type: 'card.spotlight', cardId: 'c1' },
			{ type: 'view.gather', x: 100, y: 50, zoom: 1 }
		);
		expect(state.spotlight).toEqual({ cardId: 'c1', seq: 2 });
		expect(state.gather).toEqual({ x: 100, y: 50, zoom: 1, seq: 1 });
	});

	it('passes on how much of the board the facilitator sees, only when both sizes come', () => {
		const sized = run(study(), {
			type: 'view.gather',
			x: 1,
			y: 2,
			zoom: 2,
			width: 720,
			height: 400
		});
		expect(sized.gather).toEqual({ x: 1, y: 2, zoom: 2, width: 720, height: 400, seq: 1 });
		const half = run(study(), { type: 'view.gather', x: 1, y: 2, zoom: 2, width: 720 });
		expect(half.gather).toEqual({ x: 1, y: 2, zoom: 2, seq: 1 });
	});

	it('keeps the round the facilitator shows on every screen, and lets go of it again', () => {
		expect(study().shownRound).toBeNull();
		const pick = { roundId: 'r1', rounds: 2 };
		const shown = run(study(), { type: 'results.show', pick });
		expect(shown.shownRound).toEqual(pick);
		// Through a change of phase: the results are the meeting's, not the phase's.
		expect(run(shown, { type: 'phase.next' }).shownRound).toEqual(pick);
		expect(run(shown, { type: 'results.show', pick: null }).shownRound).toBeNull();
	});

	it('ends the meeting: nobody writes on the board or in drafts until it is reopened, where it ended', () => {
		let state = run(
			study(),
			{ type: 'phase.goto', phaseId: 'next-steps' },
			{ type: 'timer.start' }
		);
		state = run(state, { type: 'card.spotlight', cardId: 'c1' });
		expect(isFinished(state)).toBe(false);
		const outcome = applyControl(state, { type: 'session.finish' }, 5000);
		if (!outcome.ok) throw new Error(outcome.error);
		const finished = outcome.state;
		expect(finished.finished).toEqual({ at: 5000 });
		expect(isFinished(finished)).toBe(true);
		expect(participantsMayWrite(finished)).toBe(false);
		expect(participantsMayEditOwnCards(finished)).toBe(false);
		// The room's clock and spotlight stop with the meeting; the phase stays.
		expect(finished.timer).toEqual({ status: 'idle', durationMs: state.timer.durationMs });
		expect(finished.spotlight).toBeNull();
		expect(finished.phaseId).toBe('next-steps');
		// Finishing again changes nothing (no new time, nothing to broadcast).
		const again = applyControl(finished, { type: 'session.finish' }, 9000);
		expect(again.ok && again.state).toBe(finished);
		// Moving between phases does not open it again: the facilitator may show any phase.
		const drafting = run(finished, { type: 'phase.goto', phaseId: 'challenges' });
		expect(participantsWriteDrafts(drafting)).toBe(false);
		expect(isFinished(drafting)).toBe(true);
		const reopened = run(finished, { type: 'session.reopen' });
		expect(isFinished(reopened)).toBe(false);
		expect(participantsMayWrite(reopened)).toBe(true);
		expect(run(reopened, { type: 'session.reopen' })).toBe(reopened);
	});

	it('reads a state stored before the meeting could end as not ended', () => {
		const { finished: _finished, ...older } = study();
		expect(isFinished(older)).toBe(false);
		expect(participantsMayWrite(run(older, { type: 'phase.goto', phaseId: 'next-steps' }))).toBe(
			true
		);
	});
});
