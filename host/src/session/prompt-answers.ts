import type { PromptParams } from '@syncmgr/protocol';
import type { PromptAnswers } from './user-interface.js';

/** A user interface's answers checked against the prompt: what the handler gets, or why they were refused. */
export type CheckedAnswers = { answers: PromptAnswers } | { problem: string };

/**
 * The handler trusts what it gets, so it gets exactly the prompt's fields: strings for text and
 * secret, booleans for confirm. A field left unanswered takes its default, as Enter would.
 */
export function checkAnswers(prompt: PromptParams, given: PromptAnswers): CheckedAnswers {
  const names = new Set(prompt.fields.map((field) => field.name));
  const foreign = Object.keys(given).filter((name) => !names.has(name));
  if (foreign.length > 0) return { problem: `it answered ${foreign.map((name) => `"${name}"`).join(', ')}, which the prompt does not ask` };
  const answers: PromptAnswers = {};
  for (const field of prompt.fields) {
    const answer = given[field.name] ?? (field.kind === 'secret' ? undefined : field.default);
    const expected = field.kind === 'confirm' ? 'boolean' : 'string';
    if (typeof answer !== expected)
      return { problem: `its answer to "${field.name}" is ${answer === undefined ? 'missing' : `a ${typeof answer}`}, not a ${expected}` };
    answers[field.name] = answer as string | boolean;
  }
  return { answers };
}
