import { describe, expect, it } from 'vitest';
import { dueProblem, isDueDate, nextStepFieldProblem } from './schema';

describe('a next step’s due date', () => {
	it('left incomplete in the field is told apart from a date before 1900', () => {
		expect(dueProblem('', true)).toBe('incomplete');
		expect(dueProblem('0202-06-30', false)).toBe('outOfRange');
		expect(dueProblem('', false)).toBeNull();
		expect(dueProblem('2026-06-30', false)).toBeNull();
	});

	it('is a day of the calendar, from 1900 to 9999', () => {
		for (const day of ['2026-06-30', '2028-02-29', '1900-01-01', '9999-12-31'])
			expect(isDueDate(day), day).toBe(true);
		for (const day of ['2027-02-29', '2026-13-45', '2026-04-31', '2026-6-30', '30.06.2026', ''])
			expect(isDueDate(day), day).toBe(false);
	});

	it('is none of the years a date field passes through while the year is typed', () => {
		// Typing 2026 into a date field reports 0002, 0020 and 0202 first; Date.UTC read the
		// first two as 1902 and 1920, so some were refused and others kept, by accident.
		for (const day of ['0000-01-01', '0002-06-30', '0020-06-30', '0202-06-30', '1899-12-31'])
			expect(isDueDate(day), day).toBe(false);
		expect(nextStepFieldProblem('due', '0202-06-30')).toBe(
			'due must be a date, YYYY-MM-DD, from 1900-01-01'
		);
		expect(nextStepFieldProblem('due', '2026-06-30')).toBeNull();
	});
});
