import { writeFileSync } from 'node:fs';
import { buildSchema, schemaPath, serializeSchema } from './schema-builder.js';

writeFileSync(schemaPath, serializeSchema(buildSchema()));
console.log(`wrote ${schemaPath}`);
