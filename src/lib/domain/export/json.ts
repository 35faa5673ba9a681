import type { ExportFile, ExportModel } from './model';

/**
 * The JSON export: the model as it stands (docs/export.schema.json), indented
 * so that a researcher can read it and a diff of two exports stays small.
 */
export function writeJson(model: ExportModel): ExportFile {
	return {
		body: `${JSON.stringify(model, null, '\t')}\n`,
		contentType: 'application/json; charset=utf-8',
		extension: 'json'
	};
}
