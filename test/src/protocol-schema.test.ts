// The generated JSON Schema must stay what protocol/src declares, and must say what the spec says.
import { pathToFileURL } from 'node:url';
import { allMethods, allNotifications, HResult } from '@syncmgr/protocol';
import { inRepo } from './support/repo-paths.js';
import { definitionName, loadCommittedSchema, readCommittedSchemaText, SchemaValidators, type ProtocolSchema } from './support/schema-validation.js';

interface SchemaBuilder {
  buildSchema(): ProtocolSchema;
  serializeSchema(schema: ProtocolSchema): string;
}

const schema = loadCommittedSchema();
const validators = new SchemaValidators(schema);

const itemId = '6f1c2b3a-8d4e-4f5a-9b6c-1d2e3f4a5b6c';

function accepts(definition: string, value: unknown): boolean {
  return validators.definition(definition)(value) === true;
}

describe('the committed protocol/schema/protocol.schema.json', () => {
  it('is byte for byte what schema-builder.js generates from protocol/src today', async () => {
    const builderUrl = pathToFileURL(inRepo('protocol', 'scripts', 'schema-builder.js')).href;
    const builder = (await import(builderUrl)) as SchemaBuilder;
    const fresh = builder.buildSchema();
    // Structural first, for a readable diff; then the text, so formatting drift shows too.
    expect(loadCommittedSchema()).toEqual(fresh);
    expect(readCommittedSchemaText()).toBe(builder.serializeSchema(fresh));
  });

  it('lists exactly the methods of allMethods, each with its direction and the COM method it mirrors', () => {
    expect(Object.keys(schema.methods).sort()).toEqual(allMethods.map((m) => m.method).sort());
    for (const descriptor of allMethods) {
      expect({ method: descriptor.method, ...schema.methods[descriptor.method] }).toMatchObject({
        method: descriptor.method,
        direction: descriptor.direction,
        mirrors: descriptor.mirrors,
      });
    }
  });

  it("points every method's params and result at the descriptor's definition, and that definition exists", () => {
    for (const descriptor of allMethods) {
      const entry = schema.methods[descriptor.method];
      expect(entry).toBeDefined();
      const params = definitionName(entry!.params.$ref);
      const result = definitionName(entry!.result.$ref);
      expect({ method: descriptor.method, params, result }).toEqual({
        method: descriptor.method,
        params: descriptor.paramsSchema,
        result: descriptor.resultSchema,
      });
      expect(Object.keys(schema.definitions)).toEqual(expect.arrayContaining([params, result]));
      expect(() => validators.message(descriptor.method, 'params')).not.toThrow();
      expect(() => validators.message(descriptor.method, 'result')).not.toThrow();
    }
  });

  it('lists exactly the notifications of allNotifications, each with its direction, what it mirrors and its params definition', () => {
    expect(Object.keys(schema.notifications).sort()).toEqual(allNotifications.map((n) => n.method).sort());
    for (const descriptor of allNotifications) {
      const entry = schema.notifications[descriptor.method]!;
      expect({ method: descriptor.method, direction: entry.direction, mirrors: entry.mirrors, params: definitionName(entry.params.$ref) }).toEqual({
        method: descriptor.method,
        direction: descriptor.direction,
        mirrors: descriptor.mirrors,
        params: descriptor.paramsSchema,
      });
      expect(() => validators.message(descriptor.method, 'params')).not.toThrow();
    }
  });

  it('gives every method and notification a unique wire name of the form "interface/method"', () => {
    const names = [...allMethods, ...allNotifications].map((m) => m.method);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z]*\/[a-z][A-Za-z]*$/);
  });
});

describe("the schema's validators", () => {
  it('accept a handler name of 1 to 32 characters (MAX_SYNCMGRHANDLERNAME) and reject 0 or 33', () => {
    const info = (handlerName: string) => ({ handlerName, handlerFlags: 0 });
    expect(accepts('SyncMgrHandlerInfo', info('x'.repeat(32)))).toBe(true);
    expect(accepts('SyncMgrHandlerInfo', info('x'.repeat(33)))).toBe(false);
    expect(accepts('SyncMgrHandlerInfo', info(''))).toBe(false);
  });

  it('accept an item name of up to 128 characters (MAX_SYNCMGRITEMNAME) and reject 129', () => {
    const item = (itemName: string) => ({ itemId, flags: 0, itemState: 1, itemName });
    expect(accepts('SyncMgrItem', item('n'.repeat(128)))).toBe(true);
    expect(accepts('SyncMgrItem', item('n'.repeat(129)))).toBe(false);
  });

  it('accept only canonical GUIDs: lower-case, dashed, without braces', () => {
    const show = (id: string) => accepts('ShowPropertiesParams', { itemId: id });
    expect(show(itemId)).toBe(true);
    expect(show('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(show(itemId.toUpperCase())).toBe(false);
    expect(show(`{${itemId}}`)).toBe(false);
    expect(show(itemId.replaceAll('-', ''))).toBe(false);
    expect(show(itemId.slice(0, -1))).toBe(false);
  });

  it('accept HRESULTs as unsigned 32-bit integers and reject negative, fractional or too large ones', () => {
    const result = (hr: number) => accepts('HResultResult', { hr });
    expect(result(HResult.S_OK)).toBe(true);
    expect(result(HResult.S_SYNCMGR_CANCELITEM)).toBe(true);
    expect(result(HResult.E_FAIL)).toBe(true);
    expect(result(0xffffffff)).toBe(true);
    expect(result(HResult.E_FAIL | 0)).toBe(false); // the signed reading, -2147467259
    expect(result(-1)).toBe(false);
    expect(result(0.5)).toBe(false);
    expect(result(0x100000000)).toBe(false);
  });

  it('accept a celt of 1 to 10000 in enumItems/next and reject 0 and 10001', () => {
    const next = validators.message('enumItems/next', 'params');
    expect(next({ enumeratorId: 'e1', celt: 1 })).toBe(true);
    expect(next({ enumeratorId: 'e1', celt: 10000 })).toBe(true);
    expect(next({ enumeratorId: 'e1', celt: 0 })).toBe(false);
    expect(next({ enumeratorId: 'e1', celt: 10001 })).toBe(false);
  });

  it('accept an ISO 8601 lastUpdate (FILETIME) and reject other date text', () => {
    const item = (lastUpdate: string) => ({ itemId, flags: 8, itemState: 1, itemName: 'Docs', lastUpdate });
    expect(accepts('SyncMgrItem', item('2026-11-25T15:26:34Z'))).toBe(true);
    expect(accepts('SyncMgrItem', item('2026-11-25T15:26:34.120+01:00'))).toBe(true);
    expect(accepts('SyncMgrItem', item('25/11/2026 15:26'))).toBe(false);
  });

  it('reject a message that lacks a field COM cannot do without', () => {
    expect(validators.message('synchronize/prepareForSync', 'params')({})).toBe(false);
    expect(validators.message('callback/progress', 'params')({ itemId, progressItem: {} })).toBe(false);
    expect(validators.message('synchronize/initialize', 'result')({})).toBe(false);
    expect(validators.message('syncmgr/handshake', 'result')({ protocolVersion: '1.0' })).toBe(false);
  });

  it('let a message with declared fields also carry fields it does not declare, since receivers ignore them', () => {
    const withExtra = { hr: 0, handlerInfo: { handlerName: 'Docs', handlerFlags: 0, colour: 'teal' }, since: '1.1' };
    expect(validators.message('synchronize/getHandlerInfo', 'result')(withExtra)).toBe(true);
    expect(validators.message('syncmgr/handshake', 'result')({ protocolVersion: '1.0', capabilities: { x: 1 } })).toBe(true);
  });

  it('let the messages without fields carry fields they do not declare, since receivers ignore them', () => {
    const empty = Object.entries(schema.methods).flatMap(([method, entry]) =>
      (['params', 'result'] as const)
        .filter((kind) => schema.definitions[definitionName(entry[kind].$ref)]?.['properties'] === undefined)
        .map((kind) => ({ method, kind })),
    );
    expect(empty.length).toBeGreaterThan(0);
    const refused = empty.filter(({ method, kind }) => !validators.message(method, kind)({ addedLater: true }));
    expect(refused).toEqual([]);
  });
});
