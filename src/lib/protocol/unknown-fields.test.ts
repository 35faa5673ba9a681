import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateSessionRequest, JoinRequest } from './api';
import { CommandSchema } from './realtime';
import { unknownFields, unknownFieldsDetail } from './unknown-fields';

const issues = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues ?? [];

describe('unknown fields of a request', () => {
	it('are refused by every request body schema, not dropped', () => {
		expect(CreateSessionRequest.safeParse({ title: 'x', extra: 1 }).success).toBe(false);
		expect(
			JoinRequest.safeParse({ joinToken: 't', name: 'Eva', role: 'facilitator' }).success
		).toBe(false);
	});

	it('are named by where they are in the body, in the order sent', () => {
		expect(unknownFields(issues(CreateSessionRequest, { b: 1, title: 'x', a: 2 }))).toEqual([
			'b',
			'a'
		]);
		const agenda = [
			{ id: 'p', title: 'P', question: '', areas: [], durationMin: null, mode: 'open', colour: 1 }
		];
		expect(unknownFields(issues(CommandSchema, { type: 'agenda.update', agenda }))).toEqual([
			'agenda[0].colour'
		]);
		expect(
			unknownFields(issues(CommandSchema, { type: 'session.update', settings: { x: true } }))
		).toEqual(['settings.x']);
	});

	it('are said in the caller’s language, and not at all when there are none', () => {
		const one = unknownFieldsDetail(issues(CreateSessionRequest, { title: 'x', extra: 1 }));
		expect(one?.('de')).toBe('Unbekanntes Feld: „extra“.');
		expect(one?.('en')).toBe('Unknown field: “extra”.');
		const two = unknownFieldsDetail(issues(CreateSessionRequest, { x: 1, y: 2 }));
		expect(two?.('de')).toBe('Unbekannte Felder: „x“, „y“.');
		expect(unknownFieldsDetail(issues(CreateSessionRequest, { title: 5 }))).toBeUndefined();
	});
});
