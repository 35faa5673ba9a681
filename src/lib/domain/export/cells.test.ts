import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './cells';

describe('neutraliseCell', () => {
	it.each(['=1+1', '+49 30 123', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd', '\n=cmd'])(
		'makes %j inert by a leading quote',
		(text) => expect(neutraliseCell(text)).toBe(`'${text}`)
	);

	it.each(['Reparaturcafé „Schraube“', '', ' =not at start', "'already quoted"])(
		'leaves %j as it is',
		(text) => expect(neutraliseCell(text)).toBe(text)
	);
});
