import { HResult, type PromptField, type PromptParams, type PromptResult } from '@syncmgr/protocol';
import { HandlerSdkError } from './errors.js';
import type { PromptAnswers } from './handler.js';
import type { HostCallbacks } from './host-callbacks.js';

/** HostContext.prompt: one dialog, bracketed by EnableModeless(true) and EnableModeless(false). */
export type Prompter = (request: PromptParams) => Promise<PromptAnswers | undefined>;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_FIELDS = 16;

/**
 * A prompter for one handler instance. Its prompts run one at a time: items running concurrently
 * must not interleave their EnableModeless calls, or one's EnableModeless(false) would take the
 * token away from under the other's open prompt.
 */
export function createPrompter(host: HostCallbacks): Prompter {
  let tail: Promise<unknown> = Promise.resolve();
  return (request) => {
    checkPromptRequest(request);
    const result = tail.then(() => promptHoldingToken(host, request));
    tail = result.catch(() => undefined);
    return result;
  };
}

async function promptHoldingToken(host: HostCallbacks, request: PromptParams): Promise<PromptAnswers | undefined> {
  if (!(await host.enableModeless(true))) return undefined;
  try {
    return answersOf(request.fields, await host.prompt(request));
  } finally {
    await host.enableModeless(false);
  }
}

/** The answers of an S_OK result, keeping only declared fields with answers of their kind. */
function answersOf(fields: readonly PromptField[], result: PromptResult | undefined): PromptAnswers | undefined {
  if (result === undefined || result.hr >>> 0 !== HResult.S_OK) return undefined;
  const answers: PromptAnswers = {};
  for (const field of fields) {
    const answer = result.answers?.[field.name];
    if (typeof answer === (field.kind === 'confirm' ? 'boolean' : 'string')) answers[field.name] = answer as string | boolean;
  }
  return answers;
}

/** Throws INVALID_PROMPT for what the host would refuse, before the token is taken. */
export function checkPromptRequest(request: PromptParams): void {
  const invalid = (problem: string): HandlerSdkError => new HandlerSdkError('INVALID_PROMPT', `prompt: ${problem}`);
  if (typeof request?.title !== 'string' || request.title.trim() === '') throw invalid('title must be a non-empty string');
  if (request.text !== undefined && typeof request.text !== 'string') throw invalid('text must be a string');
  const { fields } = request;
  if (!Array.isArray(fields) || fields.length === 0 || fields.length > MAX_FIELDS) {
    throw invalid(`fields must be an array of 1 to ${MAX_FIELDS} fields`);
  }
  const names = new Set<string>();
  fields.forEach((field, index) => {
    checkField(field, `fields[${index}]`, invalid);
    if (names.has(field.name)) throw invalid(`fields[${index}] repeats the name "${field.name}"`);
    names.add(field.name);
  });
}

function checkField(field: PromptField, where: string, invalid: (problem: string) => HandlerSdkError): void {
  if (typeof field?.name !== 'string' || !FIELD_NAME.test(field.name)) {
    throw invalid(`${where}.name must match ${FIELD_NAME.source}, got ${JSON.stringify(field?.name)}`);
  }
  if (typeof field.label !== 'string' || field.label === '') throw invalid(`${where}.label must be a non-empty string`);
  if (!['text', 'secret', 'confirm'].includes(field.kind)) {
    throw invalid(`${where}.kind must be "text", "secret" or "confirm", got ${JSON.stringify(field.kind)}`);
  }
  // The types already say this; the check is for handlers written in JavaScript.
  const fieldDefault = (field as { default?: unknown }).default;
  if (fieldDefault === undefined) return;
  // A default secret would be shown or stored in the clear, so the protocol has none.
  if (field.kind === 'secret') throw invalid(`${where} is a secret and cannot have a default`);
  const wanted = field.kind === 'confirm' ? 'boolean' : 'string';
  if (typeof fieldDefault !== wanted) throw invalid(`${where}.default must be a ${wanted} for a ${field.kind} field`);
}
