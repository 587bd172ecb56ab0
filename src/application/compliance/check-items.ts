import { Compile } from 'typebox/compile';
import { decideContact, type Decision } from '../../domain/contact-policy/index.ts';
import { limitation } from '../../domain/limitation/index.ts';
import { SituationSchema } from './contact-schemas.ts';
import { LimitationInputSchema, type LimitationOutput } from './limitation-schemas.ts';
import { validationMessage } from './validation-message.ts';

/** What a batch returns for an item it could not process. */
export interface ItemError {
  readonly id?: string;
  readonly index: number;
  readonly error: string;
}

/** One item's outcome: the result, or why there is none. */
export type ItemOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly id?: string; readonly error: string };

/**
 * The schemas without their `format` keywords: the domain parses every date and instant anyway, with
 * an error naming the field, so checking each format twice would only slow every decision down.
 * The published schemas (OpenAPI, HTTP validation) keep their formats.
 */
function withoutFormats(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutFormats);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'format').map(([key, value]) => [key, withoutFormats(value)]));
}

const situationValidator = Compile(withoutFormats(SituationSchema) as typeof SituationSchema);
const limitationValidator = Compile(withoutFormats(LimitationInputSchema) as typeof LimitationInputSchema);

/** The caller's id, when the item has a usable one, so that an error can be matched to its input. */
function idOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function failure<T>(input: unknown, error: string): ItemOutcome<T> {
  const id = idOf(input);
  return id === undefined ? { ok: false, error } : { ok: false, id, error };
}

/**
 * Validates then evaluates one item. A schema failure or a semantic one (impossible date, unknown
 * postcode, missing date for the category) becomes an error naming the field; an unexpected failure
 * is reported as internal rather than thrown, so one bad item never stops a batch or a stream.
 */
function checkItem<T>(input: unknown, validator: { Check(value: unknown): boolean; Errors(value: unknown): Parameters<typeof validationMessage>[0] }, evaluate: () => T): ItemOutcome<T> {
  if (!validator.Check(input)) return failure(input, validationMessage(validator.Errors(input)));
  try {
    return { ok: true, value: evaluate() };
  } catch (error) {
    if (error instanceof RangeError) return failure(input, error.message);
    return failure(input, `internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function decideContactItem(input: unknown): ItemOutcome<Decision> {
  return checkItem(input, situationValidator, () => decideContact(input as Parameters<typeof decideContact>[0]));
}

export function computeLimitationItem(input: unknown): ItemOutcome<LimitationOutput> {
  return checkItem(input, limitationValidator, () => {
    const claim = input as Parameters<typeof limitation>[0] & { id?: string | null; events?: Parameters<typeof limitation>[1] | null; asOf: string };
    const result = limitation(claim, claim.events ?? [], claim.asOf);
    return typeof claim.id === 'string' ? { id: claim.id, ...result } : result;
  });
}

function batch<T>(inputs: readonly unknown[], checkOne: (input: unknown) => ItemOutcome<T>): (T | ItemError)[] {
  return inputs.map((input, index) => {
    const outcome = checkOne(input);
    if (outcome.ok) return outcome.value;
    return outcome.id === undefined ? { index, error: outcome.error } : { id: outcome.id, index, error: outcome.error };
  });
}

/** POST /api/v1/compliance/contact-decisions: one decision or one error per situation, in order. */
export function decideContacts(inputs: readonly unknown[]): (Decision | ItemError)[] {
  return batch(inputs, decideContactItem);
}

/** POST /api/v1/compliance/limitations: one result or one error per claim, in order. */
export function computeLimitations(inputs: readonly unknown[]): (LimitationOutput | ItemError)[] {
  return batch(inputs, computeLimitationItem);
}
