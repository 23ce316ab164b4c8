// PROTOCOL.md §4.2 and §4.3 are generated from protocol/src/life-cycle.ts and the method
// descriptors, between marker comments; `npm run gen:spec` rewrites them and a test checks them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allMethods, HANDLER_PHASES, HandlerPhases, PHASE_TRANSITIONS } from '../dist/index.js';

export const specPath = fileURLToPath(new URL('../PROTOCOL.md', import.meta.url));

const UI_TEXT = {
  never: 'no',
  withMayBotherUser: 'with `SYNCMGRFLAG_MAYBOTHERUSER`',
  userInitiated: 'yes (the user started it)',
};

const code = (text) => `\`${text}\``;

function phasesTable() {
  const rows = HANDLER_PHASES.map((phase) => {
    const spec = HandlerPhases[phase];
    return `| ${code(phase)} | ${spec.summary} | ${spec.holdsCallback ? 'yes' : 'no'} | ${UI_TEXT[spec.userInterface]} |`;
  });
  return [
    '| Phase | What is going on | Holds the callback | The `EnableModeless` token |',
    '|-------|------------------|--------------------|-----------------------------|',
    ...rows,
  ].join('\n');
}

function transitionsTable() {
  const rows = PHASE_TRANSITIONS.map(({ from, to, when }) => `| ${code(from)} | ${code(to)} | ${when} |`);
  return [
    '| From | To | When |',
    '|------|----|------|',
    ...rows,
    "| any | `done` | the handler faults (§7) or is ended at the user's request: the ladder ends it |",
  ].join('\n');
}

function messagesTable(direction) {
  const rows = allMethods
    .filter((descriptor) => descriptor.direction === direction)
    .map((descriptor) => {
      const completion = descriptor.completion ? code(descriptor.completion.method) : '';
      return `| ${code(descriptor.method)} | ${descriptor.phases.map(code).join(', ')} | ${completion} |`;
    });
  const header = direction === 'hostToHandler' ? '| Request (host → handler) | Sent in | Completed by |' : '| Callback (handler → host) | Accepted in | |';
  return [header, '|---------|---------|--------------|', ...rows].join('\n');
}

/** The generated blocks of PROTOCOL.md, by marker name. */
export function lifeCycleTables() {
  return {
    phases: phasesTable(),
    transitions: transitionsTable(),
    requests: messagesTable('hostToHandler'),
    callbacks: messagesTable('handlerToHost'),
  };
}

const marker = (name) => new RegExp(`(<!-- generated: ${name} -->\\n)[\\s\\S]*?(<!-- end: ${name} -->)`);

/** PROTOCOL.md with every generated block replaced by its current rendering. */
export function renderSpec(text = readFileSync(specPath, 'utf8')) {
  let rendered = text;
  for (const [name, table] of Object.entries(lifeCycleTables())) {
    if (!marker(name).test(rendered)) throw new Error(`PROTOCOL.md has no "<!-- generated: ${name} -->" block`);
    rendered = rendered.replace(marker(name), (_match, open, close) => `${open}${table}\n${close}`);
  }
  return rendered;
}
