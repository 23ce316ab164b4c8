// The module scripts/compile-validators.js writes at build time, next to the compiled host: one
// validator per definition of the protocol's JSON Schema, compiled ahead of time by ajv.

/** An ajv validator: true when the value is valid, else false with the reasons in `errors`. */
export interface CompiledValidator {
  (value: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}

declare const validators: Readonly<Record<string, CompiledValidator | undefined>>;
export default validators;
