import { describe, expect, it } from 'vitest';
import { shiftCaret } from './text-cursor';

describe('caret under remote edits', () => {
	it('moves right for text inserted before it', () => {
		expect(shiftCaret(5, [{ insert: 'Die ' }])).toBe(9);
	});
	it('stays for text inserted after it', () => {
		expect(shiftCaret(2, [{ retain: 5 }, { insert: 'xyz' }])).toBe(2);
	});
	it('moves left for text deleted before it, never past the deletion', () => {
		expect(shiftCaret(10, [{ retain: 2 }, { delete: 3 }])).toBe(7);
		expect(shiftCaret(3, [{ retain: 1 }, { delete: 5 }])).toBe(1);
	});
	it('stays for text deleted after it', () => {
		expect(shiftCaret(1, [{ retain: 4 }, { delete: 2 }])).toBe(1);
	});
});
