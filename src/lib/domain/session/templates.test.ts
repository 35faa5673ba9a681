import { describe, expect, it } from 'vitest';
import { agendaFromTemplate, phaseTextIn, phaseTextLang } from './templates';

describe('phase texts in the viewer’s language', () => {
	it('shows a template’s unchanged texts in the viewer’s language, both ways', () => {
		const [welcome] = agendaFromTemplate('study', 'de');
		expect(phaseTextIn(welcome!, 'en').title).toBe('Welcome and introductions');
		expect(phaseTextIn(welcome!, 'de').title).toBe(welcome!.title);
		const [board] = agendaFromTemplate('blank', 'en');
		expect(phaseTextIn(board!, 'de')).toEqual({
			title: 'Gemeinsames Board',
			question: 'Herausforderungen, Potentiale und nächste Schritte'
		});
	});

	it('keeps what the facilitator wrote as written, title and question apart', () => {
		const [, challenges] = agendaFromTemplate('study', 'de');
		const edited = { ...challenges!, question: 'Was hakt bei der Vergabe in Musterstadt?' };
		const shown = phaseTextIn(edited, 'en');
		expect(shown.title).toBe('Challenges');
		expect(shown.question).toBe('Was hakt bei der Vergabe in Musterstadt?');
		const added = { id: 'p-x1', title: 'Pause', question: '' };
		expect(phaseTextIn(added, 'en')).toEqual({ title: 'Pause', question: '' });
	});
});

describe('the language a phase text is shown in', () => {
	it('is the viewer’s for a template’s unchanged text and the session’s for what the facilitator wrote', () => {
		const [, challenges] = agendaFromTemplate('study', 'de');
		expect(phaseTextLang(challenges!, 'en', 'de')).toEqual({ title: 'en', question: 'en' });
		const edited = { ...challenges!, question: 'Was hakt bei der Vergabe in Musterstadt?' };
		expect(phaseTextLang(edited, 'en', 'de')).toEqual({ title: 'en', question: 'de' });
		const added = { id: 'p-x1', title: 'Pause', question: '' };
		expect(phaseTextLang(added, 'en', 'de')).toEqual({ title: 'de', question: 'de' });
		expect(phaseTextLang(added, 'de', 'de')).toEqual({ title: 'de', question: 'de' });
	});
});
