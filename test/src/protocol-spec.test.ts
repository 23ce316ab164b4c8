// PROTOCOL.md is written for people who never read protocol/src; these checks keep the two in step.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  allMethods,
  allNotifications,
  ConstantTables,
  DEFAULT_MAX_MESSAGE_BYTES,
  HANDLER_PHASES,
  HandlerEnvironment,
  PROTOCOL_VERSION,
  SyncMgrErrorCodes,
  type Direction,
} from '@syncmgr/protocol';
import { MarkdownSpec, type Section } from './support/markdown-spec.js';
import { inRepo } from './support/repo-paths.js';
import { closedCopy, definitionName, loadCommittedSchema, SchemaValidators, type JsonSchema } from './support/schema-validation.js';

/**
 * The hex rule of PROTOCOL.md: "0x" and the value as an unsigned 32-bit number in eight upper-case
 * hexadecimal digits, as mobsync.h writes HRESULTs: 0x00040203, 0x8000FFFF, 0x00000020.
 */
function formatHex(value: number): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The decimal column: the same unsigned 32-bit value, as it travels in JSON. */
function formatDecimal(value: number): string {
  return String(value >>> 0);
}

const directionText: Record<Direction, string> = {
  hostToHandler: 'host → handler',
  handlerToHost: 'handler → host',
  applicationToHost: 'application → host',
  hostToApplication: 'host → application',
};

const spec = MarkdownSpec.read();
const schema = loadCommittedSchema();
const definitions = schema.definitions;

/** The one section headed by `name` in backticks; fails the test when there is none or several. */
function sectionNaming(name: string): Section {
  const headings = spec.headingsNaming(name);
  if (headings.length !== 1) {
    throw new Error(`PROTOCOL.md has ${headings.length} headings naming \`${name}\`; expected exactly one`);
  }
  return spec.section(headings[0]!);
}

/** The one section whose heading contains `title` (plain text, e.g. "Methods at a glance"). */
function sectionTitled(title: string): Section {
  const headings = spec.headings.filter((h) => h.text.includes(title));
  if (headings.length !== 1) throw new Error(`PROTOCOL.md has ${headings.length} headings containing "${title}"; expected exactly one`);
  return spec.section(headings[0]!);
}

const isExtension = (mirrors: string): boolean => mirrors.startsWith('extension');

/** Requests and notifications alike: each has a section, a row and examples (a notification's of its params only). */
const allMessages = [...allMethods, ...allNotifications];
const kindsOf = (message: (typeof allMessages)[number]): ('params' | 'result')[] => ('resultSchema' in message ? ['params', 'result'] : ['params']);

/** The interface prefixes of the wire names; a mention such as `callback/prompt` starts with one of them. */
const METHOD_MENTION = new RegExp(String.raw`(?<![@\w/.$-])((?:${[...new Set(allMessages.map((m) => m.method.split('/')[0]))].join('|')})/[A-Za-z]+)\b`, 'g');

/** A definition with its $ref followed. */
function resolved(name: string): JsonSchema {
  let node = definitions[name];
  while (node && typeof node['$ref'] === 'string') node = definitions[definitionName(node['$ref'])];
  if (!node) throw new Error(`no definition ${name}`);
  return node;
}

function propertiesOf(name: string): Record<string, JsonSchema> {
  return (resolved(name)['properties'] ?? {}) as Record<string, JsonSchema>;
}

/** The mobsync.h name a field's declaration starts with ("dwFlags: …"), if it names one. */
function comNameOf(property: JsonSchema): string | undefined {
  const description = typeof property['description'] === 'string' ? property['description'] : '';
  const match = /^([A-Za-z][A-Za-z0-9]*):/.exec(description);
  return match && match[1] !== 'Extension' ? match[1] : undefined;
}

describe('protocol/PROTOCOL.md', () => {
  it('gives every method of allMethods and allNotifications one heading, and no heading to a method that does not exist', () => {
    for (const { method } of allMessages) expect({ method, headings: spec.headingsNaming(method).length }).toEqual({ method, headings: 1 });
    const known = new Set(allMessages.map((m) => m.method));
    const methodHeadings = spec.headings
      .map((h) => /^`([a-z][A-Za-z]*\/[a-z][A-Za-z]*)`/.exec(h.text)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(methodHeadings.length).toBe(allMessages.length);
    expect(methodHeadings.filter((name) => !known.has(name))).toEqual([]);
  });

  it("states in each method's section its direction and the COM method it mirrors, or marks it as an extension", () => {
    for (const descriptor of allMessages) {
      const { text } = sectionNaming(descriptor.method);
      const where = `section of ${descriptor.method}`;
      expect({ where, direction: text.includes(`**Direction:** ${directionText[descriptor.direction]}.`) }).toEqual({ where, direction: true });
      // The mark belongs to the Mirrors statement itself, followed by what the extension stands for,
      // and only an extension carries it there.
      const markedExtension = text.includes('**Mirrors:** **Extension.**');
      if (isExtension(descriptor.mirrors)) {
        const stood = descriptor.mirrors.slice('extension'.length).trim();
        expect({ where, marked: text.includes(`**Mirrors:** **Extension.** ${stood}`) }).toEqual({ where, marked: true });
      } else {
        expect({ where, mirrors: text.includes('**Mirrors:** `' + descriptor.mirrors + '`'), markedExtension }).toEqual({
          where,
          mirrors: true,
          markedExtension: false,
        });
      }
    }
  });

  it('lists every method once in the table "Methods at a glance", with its direction, and marks exactly the extensions', () => {
    const rows = spec.tableRows(sectionTitled('Methods at a glance'));
    const listed = rows.map((cells) => /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1]).filter((name): name is string => name !== undefined);
    expect([...listed].sort()).toEqual(allMessages.map((m) => m.method).sort());
    const wrong: string[] = [];
    for (const descriptor of allMessages) {
      const row = rows.find((cells) => cells[0] === '`' + descriptor.method + '`')!;
      if (row[1] !== directionText[descriptor.direction]) wrong.push(`${descriptor.method}: direction "${row[1]}"`);
      const mirrors = row[2] ?? '';
      const ok = isExtension(descriptor.mirrors) ? mirrors.startsWith('**Extension**') : mirrors === '`' + descriptor.mirrors + '`';
      if (!ok) wrong.push(`${descriptor.method}: mirrors "${mirrors}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('names every extension method in its list of extensions to SyncMgr', () => {
    const { text } = sectionTitled('Extensions to SyncMgr');
    const extensions = allMessages.filter((m) => isExtension(m.mirrors)).map((m) => m.method);
    expect(extensions.length).toBeGreaterThan(0);
    expect(extensions.filter((method) => !text.includes('`' + method + '`'))).toEqual([]);
  });

  it('mentions no method that allMethods and allNotifications lack, in prose, sequences or examples', () => {
    const known = new Set(allMessages.map((m) => m.method));
    const mentioned = [...spec.text.matchAll(METHOD_MENTION)].map((match) => match[1]!);
    expect(mentioned.length).toBeGreaterThan(allMethods.length);
    expect([...new Set(mentioned.filter((name) => !known.has(name)))]).toEqual([]);
  });

  it("names in each method's section every params and result field, with the mobsync.h parameter it comes from", () => {
    const missing: string[] = [];
    for (const descriptor of allMessages) {
      const { text } = sectionNaming(descriptor.method);
      for (const definition of 'resultSchema' in descriptor ? [descriptor.paramsSchema, descriptor.resultSchema] : [descriptor.paramsSchema]) {
        for (const [field, property] of Object.entries(propertiesOf(definition))) {
          if (!text.includes('`' + field + '`')) missing.push(`${descriptor.method}: field \`${field}\``);
          const comName = comNameOf(property);
          if (comName && !text.includes('`' + comName + '`')) missing.push(`${descriptor.method}: COM name \`${comName}\``);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('maps, in a table under each struct heading, every JSON field of the struct to its mobsync.h field', () => {
    const missing: string[] = [];
    for (const struct of ['SyncMgrHandlerInfo', 'SyncMgrItem', 'SyncMgrProgressItem', 'SyncMgrLogErrorInfo']) {
      const rows = spec.tableRows(sectionNaming(struct));
      for (const [field, property] of Object.entries(propertiesOf(struct))) {
        const row = rows.find((cells) => cells.includes('`' + field + '`'));
        if (!row) missing.push(`${struct}.${field}: no table row`);
        const comName = comNameOf(property);
        if (row && comName && !row.includes('`' + comName + '`')) missing.push(`${struct}.${field}: row lacks \`${comName}\``);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lists every constant of ConstantTables under its table's heading, with its hex and decimal value in the same row", () => {
    const missing: string[] = [];
    for (const [table, constants] of Object.entries(ConstantTables)) {
      const rows = spec.tableRows(sectionNaming(table));
      for (const [name, value] of Object.entries(constants as Record<string, number>)) {
        const row = rows.find((cells) => cells.includes('`' + name + '`'));
        if (!row) missing.push(`${table}.${name}: no row`);
        else if (!row.includes('`' + formatHex(value) + '`') || !row.includes(formatDecimal(value))) {
          missing.push(`${table}.${name}: row lacks \`${formatHex(value)}\` or ${formatDecimal(value)}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists every SyncMgrErrorCodes code with its name in the same row', () => {
    const rows = spec.tableRows(sectionNaming('SyncMgrErrorCodes'));
    const missing = Object.entries(SyncMgrErrorCodes)
      .filter(([name, code]) => !rows.some((cells) => cells.includes('`' + name + '`') && cells.includes('`' + code + '`')))
      .map(([name, code]) => `${name} ${code}`);
    expect(missing).toEqual([]);
  });

  it('names every environment variable the host sets, the default message size limit and the protocol version', () => {
    const rows = spec.tableRows(sectionNaming('HandlerEnvironment'));
    for (const variable of Object.values(HandlerEnvironment)) {
      expect({ variable, listed: rows.some((cells) => cells.includes('`' + variable + '`')) }).toEqual({ variable, listed: true });
    }
    expect(spec.text).toContain(`\`DEFAULT_MAX_MESSAGE_BYTES\` = ${DEFAULT_MAX_MESSAGE_BYTES}`);
    expect(spec.text).toContain(`"protocolVersion": "${PROTOCOL_VERSION}"`);
  });

  it('annotates its checked examples only in the form `<!-- example: <method> params|result -->` before a json block', () => {
    expect(spec.malformedAnnotations()).toEqual([]);
    const known = new Set(allMessages.flatMap((m) => kindsOf(m).map((kind) => `${m.method} ${kind}`)));
    const unknown = spec.annotatedExamples().filter((e) => !known.has(`${e.method} ${e.kind}`));
    expect(unknown.map((e) => `line ${e.line}: ${e.method}`)).toEqual([]);
  });

  it("places every annotated example inside its method's section", () => {
    const misplaced = spec.annotatedExamples().filter((example) => {
      const { heading, lines } = sectionNaming(example.method);
      const index = example.line - 1; // the annotation's 0-based line
      return index <= heading.line || index > heading.line + lines.length;
    });
    expect(misplaced.map((e) => `line ${e.line}: ${e.method} ${e.kind}`)).toEqual([]);
  });

  it('shows at least one params example and one result example for every method, and one params example for every notification', () => {
    const examples = spec.annotatedExamples();
    const lacking = allMessages.flatMap((message) =>
      kindsOf(message)
        .filter((kind) => !examples.some((e) => e.method === message.method && e.kind === kind))
        .map((kind) => `${message.method} ${kind}`),
    );
    expect(lacking).toEqual([]);
  });

  it("shows only examples that validate against their method's schema and use no field the schema does not declare", () => {
    const validators = new SchemaValidators(closedCopy(schema));
    const examples = spec.annotatedExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2 * allMethods.length + allNotifications.length);
    const invalid: string[] = [];
    for (const example of examples) {
      let value: unknown;
      try {
        value = JSON.parse(example.json);
      } catch (error) {
        invalid.push(`line ${example.line} (${example.method} ${example.kind}): not JSON: ${String(error)}`);
        continue;
      }
      const validate = validators.message(example.method, example.kind);
      if (!validate(value)) {
        invalid.push(`line ${example.line} (${example.method} ${example.kind}): ${validators.errorsOf(validate)}`);
      }
    }
    expect(invalid).toEqual([]);
  });
});

interface LifeCycleTables {
  renderSpec(text?: string): string;
}

describe('the life cycle in protocol/PROTOCOL.md (§4.2, §4.3)', () => {
  const specText = readFileSync(inRepo('protocol', 'PROTOCOL.md'), 'utf8');

  it('holds the tables of phases, moves, requests and callbacks exactly as protocol/src declares them (npm run gen:spec)', async () => {
    const tables = (await import(pathToFileURL(inRepo('protocol', 'scripts', 'life-cycle-tables.js')).href)) as LifeCycleTables;
    expect(specText).toBe(tables.renderSpec(specText));
    for (const phase of HANDLER_PHASES) expect(specText).toContain(`| \`${phase}\` |`);
  });

  it("names the phases only by the protocol's names: none of an older state vocabulary is left", () => {
    expect(specText).not.toMatch(/\b(Preparing|Synchronizing|ShowingError|ShowingProperties|Handshaken|Faulted)\b/);
  });

  it('cites nothing outside the repository, and says that request ids may start at 0', () => {
    expect(specText).not.toMatch(/shared reference folder|syncmgr-reference\.md|reference §/);
    expect(specText).toMatch(/has the id `0`, so a receiver MUST\s+accept `0`/);
  });
});
