// The folders of a package as a graph of imports, and the cycles in it.
import path from 'node:path';
import { isRelative, type ImportSite } from './module-imports.js';

/** The unit a source belongs to: its first folder under src/, or the file itself when it sits in src/. */
export function unitOf(srcRoot: string, file: string): string {
  const [first, ...rest] = path.relative(srcRoot, file).split(path.sep);
  return rest.length > 0 ? `${first}/` : first!.replace(/\.[cm]?tsx?$|\.js$/, '');
}

/** The imports from one unit into another, as edges "from → to" (each once). */
export function unitEdges(srcRoot: string, sites: readonly ImportSite[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const { file, specifier } of sites) {
    if (!isRelative(specifier)) continue;
    const from = unitOf(srcRoot, file);
    const to = unitOf(srcRoot, path.resolve(path.dirname(file), specifier));
    if (from === to) continue;
    edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }
  return edges;
}

/** Every cycle of the graph, each as the path that closes it ("a → b → a"), found by depth-first search. */
export function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycles = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string, trail: string[]): void => {
    const seen = trail.indexOf(node);
    if (seen >= 0) {
      cycles.add([...trail.slice(seen), node].join(' → '));
      return;
    }
    if (done.has(node)) return;
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    done.add(node);
  };
  for (const node of edges.keys()) visit(node, []);
  return [...cycles];
}
