import ts from 'typescript';

/** What a user's strict NodeNext project would see: the type errors of these files against the built packages. */
export function typeCheck(files: readonly string[]): readonly ts.Diagnostic[] {
  const program = ts.createProgram([...files], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program);
}

/** A diagnostic's message, on one line per part. */
export function messageOf(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
}
