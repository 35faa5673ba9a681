import type { ExportWriter } from '../../src/lib/domain/export/model';

/** The formats whose writers need large libraries: rendered away from the sync loop when they can be. */
export const HEAVY_FORMATS = ['docx', 'pdf', 'png', 'xlsx'] as const;
export type HeavyFormat = (typeof HEAVY_FORMATS)[number];

export function isHeavyFormat(value: unknown): value is HeavyFormat {
	return typeof value === 'string' && (HEAVY_FORMATS as readonly string[]).includes(value);
}

/** Imports a heavy writer's module (its own chunk in the build). */
export async function loadHeavyWriter(format: HeavyFormat): Promise<ExportWriter> {
	switch (format) {
		case 'docx':
			return (await import('./docx')).docxWriter;
		case 'pdf':
			return (await import('./pdf')).pdfWriter;
		case 'png':
			return (await import('./png')).pngWriter;
		case 'xlsx':
			return (await import('./xlsx')).xlsxWriter;
	}
}
