// The package boundaries: protocol is pure declarations; host and handler SDK meet only through it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cyclesOf, unitEdges } from './support/folder-cycles.js';
import { inRepo } from './support/repo-paths.js';
import { importSites, importSpecifiers, isNodeBuiltin, isRelative, packageOf, typeScriptFiles, type ImportSite } from './support/module-imports.js';

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function packageJson(folder: string): PackageJson {
  return JSON.parse(readFileSync(inRepo(folder, 'package.json'), 'utf8')) as PackageJson;
}

function runtimeDependencies(pkg: PackageJson): string[] {
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})].sort();
}

function show(sites: readonly ImportSite[]): string[] {
  return sites.map(({ file, specifier }) => `${path.relative(inRepo(), file)} imports '${specifier}'`);
}

/** The sources of a package folder, and their imports; the file count is checked against a plain directory walk. */
function scan(folder: string): { files: string[]; sites: ImportSite[] } {
  const files = typeScriptFiles(inRepo(folder, 'src'));
  return { files, sites: importSites(files) };
}

/** Relative imports that leave the package's own folder (e.g. '../../handler-sdk/src/x.js'). */
function leavingPackage(folder: string, sites: readonly ImportSite[]): ImportSite[] {
  const root = inRepo(folder) + path.sep;
  return sites.filter(({ file, specifier }) => isRelative(specifier) && !path.resolve(path.dirname(file), specifier).startsWith(root));
}

/** A second, independent count of a package's TypeScript sources: Node's own recursive listing. */
function tsFilesListedByNode(folder: string): number {
  const src = inRepo(folder, 'src');
  if (!existsSync(src)) return 0;
  return readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (entry) => /\.(?:[cm]?ts|tsx)$/.test(entry) && !/(?:^|[\\/])(?:node_modules|dist)[\\/]/.test(entry),
  ).length;
}

const FORBIDDEN_IN_PROTOCOL = ['fs', 'path', 'execa', 'uuid'];

describe('the import scanner the boundary checks rely on', () => {
  it('finds static, type-only, re-exported, side-effect, dynamic and required imports, but not commented-out ones', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '@syncmgr/handler-sdk';",
      'import {',
      '  c,',
      "} from 'node:fs';",
      "export * from './d.js';",
      "export { e } from 'uuid';",
      "import 'side-effect';",
      "const f = await import('execa');",
      "import g = require('path');",
      "// import { h } from '@syncmgr/host';",
      "/* import { i } from 'fs'; */",
      "const url = 'https://syncmgr.dev/from';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['./a.js', '@syncmgr/handler-sdk', 'node:fs', './d.js', 'uuid', 'side-effect', 'execa', 'path'].sort());
    expect(isNodeBuiltin('node:fs')).toBe(true);
    expect(isNodeBuiltin('fs/promises')).toBe(true);
    expect(isNodeBuiltin('vscode-jsonrpc')).toBe(false);
    expect(packageOf('@syncmgr/protocol/schema.json')).toBe('@syncmgr/protocol');
  });
});

describe('protocol', () => {
  const { files, sites } = scan('protocol');

  it('depends at run time on vscode-jsonrpc and nothing else', () => {
    expect(runtimeDependencies(packageJson('protocol'))).toEqual(['vscode-jsonrpc']);
  });

  it('has TypeScript sources with imports, so the checks below examine real code', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(sites.length).toBeGreaterThan(0);
  });

  it('imports no Node built-in (node:*, fs, path…), execa, uuid or @syncmgr package', () => {
    const forbidden = sites.filter(
      ({ specifier }) =>
        !isRelative(specifier) && (isNodeBuiltin(specifier) || FORBIDDEN_IN_PROTOCOL.includes(packageOf(specifier)) || specifier.startsWith('@syncmgr/')),
    );
    expect(show(forbidden)).toEqual([]);
  });

  it('imports only its own files and the packages it declares as dependencies', () => {
    const declared = runtimeDependencies(packageJson('protocol'));
    const undeclared = sites.filter(({ specifier }) => !isRelative(specifier) && !declared.includes(packageOf(specifier)));
    expect(show(undeclared)).toEqual([]);
    expect(show(leavingPackage('protocol', sites))).toEqual([]);
  });
});

describe.each([
  { folder: 'host', other: '@syncmgr/handler-sdk', otherFolder: 'handler-sdk' },
  { folder: 'handler-sdk', other: '@syncmgr/host', otherFolder: 'host' },
])('$folder', ({ folder, other, otherFolder }) => {
  const { files, sites } = scan(folder);

  it(`does not list ${other} among its dependencies`, () => {
    const pkg = packageJson(folder);
    expect(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })).not.toContain(other);
  });

  it(`never imports ${other}, nor reaches into ${otherFolder}/ by a relative path`, () => {
    // The folder may still be empty while it is being written; when it has sources, every one is scanned.
    const present = tsFilesListedByNode(folder);
    expect(files.length).toBe(present);
    if (present > 0) expect(files.length).toBeGreaterThan(0);
    expect(show(sites.filter(({ specifier }) => packageOf(specifier) === other))).toEqual([]);
    expect(show(leavingPackage(folder, sites))).toEqual([]);
  });
});

describe('the folders inside a package', () => {
  it('are found in a cycle by the check below when they import each other in a circle', () => {
    const edges = new Map([
      ['session/', new Set(['transport/'])],
      ['transport/', new Set(['faults/', 'session/'])],
      ['faults/', new Set<string>()],
    ]);
    expect(cyclesOf(edges)).toEqual(['session/ → transport/ → session/']);
    expect(cyclesOf(new Map([['a/', new Set(['b/'])]]))).toEqual([]);
  });

  it.each(['protocol', 'host', 'handler-sdk', 'sample-handlers'])(
    'of %s import each other without cycles (a file in src/ counts as a unit of its own)',
    (folder) => {
      const { sites } = scan(folder);
      const edges = unitEdges(inRepo(folder, 'src'), sites);
      if (folder === 'host') expect(edges.size).toBeGreaterThan(3);
      expect(cyclesOf(edges)).toEqual([]);
    },
  );
});
