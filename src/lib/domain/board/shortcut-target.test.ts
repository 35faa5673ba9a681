import { describe, expect, it } from 'vitest';
import { singleKeysAct, takesTyping } from './shortcut-target';

describe('takesTyping', () => {
	it('keeps the keys of text fields, text areas, selects and editable text', () => {
		expect(takesTyping({ tagName: 'INPUT', type: 'text' })).toBe(true);
		expect(takesTyping({ tagName: 'INPUT' })).toBe(true);
		expect(takesTyping({ tagName: 'INPUT', type: 'date' })).toBe(true);
		expect(takesTyping({ tagName: 'TEXTAREA' })).toBe(true);
		expect(takesTyping({ tagName: 'SELECT' })).toBe(true);
		expect(takesTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
	});

	it('leaves the board its keys on a checkbox (a card’s “select”), a radio and buttons', () => {
		expect(takesTyping({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(takesTyping({ tagName: 'input', type: 'RADIO' })).toBe(false);
		expect(takesTyping({ tagName: 'INPUT', type: 'submit' })).toBe(false);
		expect(takesTyping({ tagName: 'BUTTON' })).toBe(false);
		expect(takesTyping({ tagName: 'ARTICLE' })).toBe(false);
	});
});

describe('singleKeysAct', () => {
	it('lets N, G, C and ? act on the board and with nothing focused, never on another control', () => {
		expect(singleKeysAct('board')).toBe(true);
		expect(singleKeysAct('page')).toBe(true);
		expect(singleKeysAct('control')).toBe(false);
	});
});
