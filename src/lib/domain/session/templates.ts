import type { Locale } from '../../i18n/catalog';
import type { AreaId } from '../board/areas';
import type { Phase, PhaseMode } from './agenda';

/**
 * Session templates. `study` follows the guiding questions of the study's
 * focus groups and is the default; `blank` is one open board. Texts are
 * written in the session's language when the session is created and are the
 * facilitator's to edit from then on.
 */
export const TEMPLATES = ['study', 'blank'] as const;
export type TemplateId = (typeof TEMPLATES)[number];
export const DEFAULT_TEMPLATE: TemplateId = 'study';

export function isTemplateId(value: unknown): value is TemplateId {
	return typeof value === 'string' && (TEMPLATES as readonly string[]).includes(value);
}

interface PhaseText {
	readonly title: string;
	readonly question: string;
}

interface TemplatePhase {
	readonly id: string;
	readonly mode: PhaseMode;
	readonly areas: readonly AreaId[];
	readonly durationMin: number | null;
	readonly text: Record<Locale, PhaseText>;
}

const STUDY: readonly TemplatePhase[] = [
	{
		id: 'welcome',
		mode: 'discussion',
		areas: [],
		durationMin: 15,
		text: {
			de: {
				title: 'Begrüßung und Vorstellungsrunde',
				question: 'Wie arbeiten Sie heute mit der Kommune zusammen?'
			},
			en: {
				title: 'Welcome and introductions',
				question: 'How do you work with the municipality today?'
			}
		}
	},
	{
		id: 'challenges',
		mode: 'silent',
		areas: ['challenges'],
		durationMin: 10,
		text: {
			de: {
				title: 'Herausforderungen',
				question:
					'Welche Herausforderungen sehen Sie für eine faire und nachhaltige Beschaffung hier vor Ort?'
			},
			en: {
				title: 'Challenges',
				question: 'Which challenges do you see for fair, sustainable procurement here?'
			}
		}
	},
	{
		id: 'potentials',
		mode: 'silent',
		areas: ['potentials'],
		durationMin: 10,
		text: {
			de: {
				title: 'Potentiale',
				question:
					'Welche Akteure könnten die Verwaltung unterstützen, und welche Synergien entstehen aus einer Zusammenarbeit?'
			},
			en: {
				title: 'Potentials',
				question:
					'Which actors could support the administration, and which synergies come from cooperation?'
			}
		}
	},
	{
		id: 'clustering',
		mode: 'clustering',
		areas: ['challenges', 'potentials'],
		durationMin: 15,
		text: {
			de: { title: 'Clustern', question: 'Welche Karten gehören zusammen?' },
			en: { title: 'Clustering', question: 'Which cards belong together?' }
		}
	},
	{
		id: 'voting',
		mode: 'voting',
		areas: ['challenges', 'potentials'],
		durationMin: 10,
		text: {
			de: {
				title: 'Punkten',
				question: 'Welche Herausforderungen und Potentiale sind Ihnen am wichtigsten?'
			},
			en: {
				title: 'Dot-voting',
				question: 'Which challenges and potentials matter most to you?'
			}
		}
	},
	{
		id: 'next-steps',
		mode: 'open',
		areas: ['next-steps'],
		durationMin: 25,
		text: {
			de: {
				title: 'Nächste Schritte',
				question: 'Wie könnte Unterstützung konkret aussehen – wer macht was, mit wem, bis wann?'
			},
			en: {
				title: 'Next steps',
				question: 'What could support look like concretely — who does what, with whom, by when?'
			}
		}
	},
	{
		id: 'wrap-up',
		mode: 'discussion',
		areas: [],
		durationMin: 5,
		text: {
			de: { title: 'Abschluss', question: 'Was nehmen Sie heute mit?' },
			en: { title: 'Wrap-up', question: 'What do you take away today?' }
		}
	}
];

const BLANK: readonly TemplatePhase[] = [
	{
		id: 'board',
		mode: 'open',
		areas: ['challenges', 'potentials', 'next-steps'],
		durationMin: null,
		text: {
			de: {
				title: 'Gemeinsames Board',
				question: 'Herausforderungen, Potentiale und nächste Schritte'
			},
			en: { title: 'Shared board', question: 'Challenges, potentials and next steps' }
		}
	}
];

export function agendaFromTemplate(template: TemplateId, locale: Locale): Phase[] {
	const phases = template === 'study' ? STUDY : BLANK;
	return phases.map((p) => ({
		id: p.id,
		mode: p.mode,
		areas: [...p.areas],
		durationMin: p.durationMin,
		title: p.text[locale].title,
		question: p.text[locale].question
	}));
}

/**
 * A phase's title and question as shown to a viewer reading `locale`. A template's text that the
 * facilitator has left as it was exists in every language, so it is shown in the viewer's; what
 * the facilitator wrote or changed is shown as written. Title and question are looked at apart.
 */
export function phaseTextIn(
	phase: Pick<Phase, 'id' | 'title' | 'question'>,
	locale: Locale
): { readonly title: string; readonly question: string } {
	const template = [...STUDY, ...BLANK].find((p) => p.id === phase.id);
	if (!template) return { title: phase.title, question: phase.question };
	const texts = Object.values(template.text);
	const translated = (field: keyof PhaseText) =>
		texts.some((text) => text[field] === phase[field])
			? template.text[locale][field]
			: phase[field];
	return { title: translated('title'), question: translated('question') };
}

/**
 * The language each of a phase's texts is shown in by phaseTextIn: the viewer's where it is a
 * template's unchanged text, else the session's (`written`), which the facilitator wrote it in.
 * A screen reader reads a German question in an English UI in German with it (lang).
 */
export function phaseTextLang(
	phase: Pick<Phase, 'id' | 'title' | 'question'>,
	locale: Locale,
	written: Locale
): { readonly title: Locale; readonly question: Locale } {
	const template = [...STUDY, ...BLANK].find((p) => p.id === phase.id);
	const texts = template ? Object.values(template.text) : [];
	const langOf = (field: keyof PhaseText) =>
		texts.some((text) => text[field] === phase[field]) ? locale : written;
	return { title: langOf('title'), question: langOf('question') };
}
