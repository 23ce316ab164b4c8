// Compiles the committed protocol JSON Schema with ajv, the way the host validates messages.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { inRepo } from './repo-paths.js';

export interface ProtocolSchema {
  $id: string;
  methods: Record<string, { direction: string; mirrors: string; params: { $ref: string }; result: { $ref: string } }>;
  /** The notifications: params and no answer. */
  notifications: Record<string, { direction: string; mirrors: string; params: { $ref: string } }>;
  definitions: Record<string, JsonSchema>;
}

export type JsonSchema = { [keyword: string]: unknown };

export const committedSchemaPath = inRepo('protocol', 'schema', 'protocol.schema.json');

export function readCommittedSchemaText(): string {
  return readFileSync(committedSchemaPath, 'utf8');
}

export function loadCommittedSchema(): ProtocolSchema {
  return JSON.parse(readCommittedSchemaText()) as ProtocolSchema;
}

/** The definition name a `#/definitions/Name` reference points to. */
export function definitionName(ref: string): string {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) throw new Error(`not a local definition reference: ${ref}`);
  return ref.slice(prefix.length);
}

/** Validators for the schema's definitions, by definition name (ajv with ajv-formats, strict: false). */
export class SchemaValidators {
  private readonly ajv: Ajv;
  private readonly schema: ProtocolSchema;

  constructor(schema: ProtocolSchema) {
    this.schema = schema;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: under NodeNext the default import is module.exports, whose .default is the plugin.
    ajvFormats.default(this.ajv);
    this.ajv.addSchema(schema);
  }

  definition(name: string): ValidateFunction {
    const validate = this.ajv.getSchema(`${this.schema.$id}#/definitions/${name}`);
    if (!validate) throw new Error(`no definition ${name} in the schema`);
    return validate;
  }

  /** The validator of a method's params or result, through the schema's `methods` table (or a notification's params, through `notifications`). */
  message(method: string, kind: 'params' | 'result'): ValidateFunction {
    const entry = this.schema.methods[method];
    if (entry) return this.definition(definitionName(entry[kind].$ref));
    const notification = this.schema.notifications[method];
    if (notification && kind === 'params') return this.definition(definitionName(notification.params.$ref));
    throw new Error(`no method ${method} ${kind} in the schema`);
  }

  /** ajv's error text of the last validation of a validator, for failure messages. */
  errorsOf(validate: ValidateFunction): string {
    return this.ajv.errorsText(validate.errors);
  }
}

/**
 * A copy of the schema in which every object that lists its properties admits no others,
 * so a document example cannot carry a misspelled or invented field unnoticed.
 */
export function closedCopy(schema: ProtocolSchema): ProtocolSchema {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (typeof node !== 'object' || node === null) return node;
    const copy: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) copy[key] = close(value);
    if (copy['type'] === 'object' && copy['properties'] !== undefined && copy['additionalProperties'] === undefined) {
      copy['additionalProperties'] = false;
    }
    return copy;
  };
  const closed = close(schema) as ProtocolSchema;
  return { ...closed, $id: schema.$id.replace(/\.json$/, '.closed.json') };
}
