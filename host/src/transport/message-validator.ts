import type { MethodDescriptor } from '@syncmgr/protocol';
import validators, { type CompiledValidator } from './protocol-validators.js';

/**
 * Checks params and results against the protocol's generated JSON Schema. The validators were
 * compiled from that schema at build time (scripts/compile-validators.js), so a host starts with
 * them ready instead of loading ajv and compiling the schema on its first session.
 */
export class MessageValidator {
  /** A sentence naming what is wrong, or undefined when the value is valid. */
  checkParams(descriptor: MethodDescriptor<unknown, unknown>, value: unknown): string | undefined {
    return check(descriptor.paramsSchema, value);
  }

  checkResult(descriptor: MethodDescriptor<unknown, unknown>, value: unknown): string | undefined {
    return check(descriptor.resultSchema, value);
  }
}

function check(definition: string, value: unknown): string | undefined {
  const validate = validatorFor(definition);
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  const where = error?.instancePath ? `${error.instancePath.slice(1).replaceAll('/', '.')} ` : '';
  return `${definition}: ${where}${error?.message ?? 'is invalid'}`;
}

function validatorFor(definition: string): CompiledValidator {
  const validate = Object.hasOwn(validators, definition) ? validators[definition] : undefined;
  if (!validate) throw new Error(`the protocol schema has no definition ${definition}`);
  return validate;
}
