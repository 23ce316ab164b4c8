import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { MethodDescriptor } from '@syncmgr/protocol';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Checks params and results against the protocol's generated JSON Schema; validators are compiled once. */
export class MessageValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addSchema(require('@syncmgr/protocol/schema.json') as object, 'protocol');
  }

  /** A sentence naming what is wrong, or undefined when the value is valid. */
  checkParams(descriptor: MethodDescriptor<unknown, unknown>, value: unknown): string | undefined {
    return this.check(descriptor.paramsSchema, value);
  }

  checkResult(descriptor: MethodDescriptor<unknown, unknown>, value: unknown): string | undefined {
    return this.check(descriptor.resultSchema, value);
  }

  private check(definition: string, value: unknown): string | undefined {
    const validate = this.validatorFor(definition);
    if (validate(value)) return undefined;
    const error = validate.errors?.[0];
    const where = error?.instancePath ? `${error.instancePath.slice(1).replaceAll('/', '.')} ` : '';
    return `${definition}: ${where}${error?.message ?? 'is invalid'}`;
  }

  private validatorFor(definition: string): ValidateFunction {
    let validate = this.compiled.get(definition);
    if (!validate) {
      validate = this.ajv.getSchema(`protocol#/definitions/${definition}`);
      if (!validate) throw new Error(`the protocol schema has no definition ${definition}`);
      this.compiled.set(definition, validate);
    }
    return validate;
  }
}
