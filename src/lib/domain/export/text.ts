/**
 * User text as documents and pictures can carry it. Card texts come from any
 * client and may hold control characters that XML (SVG, DOCX) cannot contain
 * at all and that fonts have no glyph for (PDF); line breaks of any platform
 * become `\n`, tabs a space, and the rest is left exactly as written.
 */
// XML 1.0 allows tab, line feed and carriage return among the C0 controls; none of the others,
// no lone surrogates, and neither U+FFFE nor U+FFFF.
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a file meant for other programs carries it (CSV): exactly as written, except for the
 * control characters a spreadsheet would choke on or drop silently (a NUL ends a cell in some),
 * which become U+FFFD; tabs and line breaks stay.
 */
export function withoutControls(text: string): string {
	return text.replace(NOT_XML, '\uFFFD');
}

export function documentText(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(NOT_XML, '\uFFFD');
}

/** Text on one line: line breaks become spaces (table cells, headings, labels). */
export function singleLine(text: string): string {
	return documentText(text)
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}

/** Whitespace-insensitive form for comparisons: a reader's line wrapping may split text anywhere. */
export function withoutWhitespace(text: string): string {
	return text.replace(/\s+/g, '');
}
