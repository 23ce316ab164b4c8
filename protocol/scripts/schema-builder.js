// Builds the protocol's JSON Schema from the TypeScript declarations in src/, so the two cannot drift.
// Used by generate-schema.js (writes schema/protocol.schema.json) and by the test that compares them.
import { createGenerator } from 'ts-json-schema-generator';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { allMethods, allNotifications, PROTOCOL_VERSION } from '../dist/index.js';

const protocolDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const schemaPath = path.join(protocolDir, 'schema', 'protocol.schema.json');

export function buildSchema() {
  const generator = createGenerator({
    path: path.join(protocolDir, 'src', '**', '*.ts'),
    tsconfig: path.join(protocolDir, 'tsconfig.json'),
    expose: 'export',
    topRef: false,
    additionalProperties: true,
    skipTypeCheck: true,
    sortProps: true,
  });
  const definitions = {};
  for (const name of schemaTypeNames()) {
    const { $schema, definitions: referenced = {}, ...root } = generator.createSchema(name);
    Object.assign(definitions, referenced, { [name]: root });
  }
  const methods = Object.fromEntries(
    allMethods.map((m) => [
      m.method,
      {
        direction: m.direction,
        mirrors: m.mirrors,
        params: { $ref: `#/definitions/${m.paramsSchema}` },
        result: { $ref: `#/definitions/${m.resultSchema}` },
      },
    ]),
  );
  // A notification has params and no answer, so no result.
  const notifications = Object.fromEntries(
    allNotifications.map((n) => [n.method, { direction: n.direction, mirrors: n.mirrors, params: { $ref: `#/definitions/${n.paramsSchema}` } }]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://syncmgr.dev/protocol/${PROTOCOL_VERSION}/protocol.schema.json`,
    title: `SyncMgr JSON-RPC protocol ${PROTOCOL_VERSION}`,
    description: 'Generated from protocol/src by `npm run gen:schema`; do not edit by hand.',
    methods,
    notifications,
    definitions: sortKeys(definitions),
  };
}

// Every type a message uses, plus the structs, so each has a named definition.
function schemaTypeNames() {
  const names = new Set(['SyncMgrHandlerInfo', 'SyncMgrItem', 'SyncMgrProgressItem', 'SyncMgrLogErrorInfo']);
  for (const m of allMethods) names.add(m.paramsSchema).add(m.resultSchema);
  for (const n of allNotifications) names.add(n.paramsSchema);
  return [...names];
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

export function serializeSchema(schema) {
  return JSON.stringify(schema, null, 2) + '\n';
}
