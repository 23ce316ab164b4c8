// Finds the module specifiers a TypeScript source imports, without compiling it.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface ImportSite {
  file: string;
  specifier: string;
}

const SPECIFIER_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', import type { X } from '…'
  /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, // export { x } from '…', export * from '…'
  /\bimport\s*['"]([^'"]+)['"]/g, // import '…' (side effect)
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*[,)]/g, // import('…')
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // require('…'), import x = require('…')
];

/** The specifiers a source text imports, re-exports or requires, in order of appearance per kind. */
export function importSpecifiers(source: string): string[] {
  // Comments go first, so a commented-out import does not count; `//` inside strings (URLs) stays.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return SPECIFIER_PATTERNS.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!));
}

/** Every .ts/.mts/.cts/.tsx file under a folder (recursively), skipping node_modules and dist. */
export function typeScriptFiles(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : typeScriptFiles(full);
    return /\.(?:[cm]?ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

export function importSites(files: readonly string[]): ImportSite[] {
  return files.flatMap((file) => importSpecifiers(readFileSync(file, 'utf8')).map((specifier) => ({ file, specifier })));
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** The package a bare specifier names: "@scope/name/sub" → "@scope/name", "fs/promises" → "fs". */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** True for node:* specifiers and bare names of Node's built-in modules (fs, path, child_process…). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));
}
