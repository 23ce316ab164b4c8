import type { Session, SessionReport } from '../../index.js';
import { formatSummary, printable } from '../render/format.js';
import { handlerLabels } from '../render/handler-label.js';
import { LiveView } from '../render/live-view.js';
import { stdout } from '../output.js';
import { KeyListener, type Key } from './key-listener.js';
import { SessionStopper, type StopCause } from './session-stopper.js';
import { NumberEntry } from './number-entry.js';
import type { TerminalPrompt } from './terminal-prompt.js';

const KEYS_HELP = 'keys: a number skips that item (digits, then Enter) · c cancel every item · Ctrl-C cancel (twice: end the handlers now)';

/** A session's final report and what stopped it, if anything did. */
export interface SyncOutcome {
  report: SessionReport;
  stoppedBy?: StopCause;
}

/** `syncmgr sync` on a terminal: live progress, skip by number, cancel, prompts, then the end screen. */
export async function runInteractiveSync(session: Session, prompt: TerminalPrompt | undefined): Promise<SyncOutcome> {
  const view = await LiveView.attach(session, KEYS_HELP);
  const stopper = new SessionStopper(session, (text) => view.say(text));
  const keys = new KeyListener(process.stdin, keyHandler(session, view, stopper));
  prompt?.setOwner({ pause: () => (view.pause(), keys.pause()), resume: () => (keys.resume(), view.resume()) });
  const stopSignals = stopper.onSignals();
  let report: SessionReport;
  try {
    report = await session.run();
  } finally {
    prompt?.setOwner(undefined); // the end screen's prompts must not wake the finished view
    view.stop();
    keys.stop();
    stopSignals();
  }
  stdout.line(`\n${formatSummary(report)}`);
  const final = await openActionableEntries(session, report);
  return stopper.stoppedBy ? { report: final, stoppedBy: stopper.stoppedBy } : { report: final };
}

// Skips by number (digits, then Enter when more digits could follow); c and Ctrl-C cancel.
function keyHandler(session: Session, view: LiveView, stopper: SessionStopper): (key: Key) => void {
  const entry = new NumberEntry(() => view.model.highestNumber, {
    typing: (digits) => view.say(digits ? `skip item ${digits}… (Enter to skip, Esc to clear)` : ''),
    choose: (number) => skipItem(session, view, number),
  });
  return (key) => {
    if (entry.key(key.name, key.sequence)) return;
    if (key.name === 'c') stopper.interrupt();
  };
}

function skipItem(session: Session, view: LiveView, number: number): void {
  const item = view.model.skippable(number);
  if (!item) return view.say(`item ${number} cannot be skipped now`);
  session.skip(item.clsid, item.itemId).then(
    () => (view.model.markSkipRequested(item.clsid, item.itemId), view.say(`skipping ${printable(item.name)}`)),
    (error: Error) => view.say(`cannot skip ${printable(item.name)}: ${error.message}`),
  );
}

// The SyncMgr results tab: actionable entries can be opened (ShowError), which may retry items.
async function openActionableEntries(session: Session, first: SessionReport): Promise<SessionReport> {
  let report = first;
  for (;;) {
    const entries = session.actionableEntries();
    if (entries.length === 0) break;
    stdout.line('\nEntries you can open:');
    const labelOf = handlerLabels(session.handlers);
    entries.slice(0, 9).forEach((e, i) => stdout.line(`  [${i + 1}] ${printable(`${labelOf({ clsid: e.clsid, name: e.handlerName })}: ${e.entry.text}`)}`));
    stdout.line('Press a number to open one, or Enter to finish.');
    const chosen = entries[(await readDigit()) - 1];
    if (!chosen) break;
    report = await session.showError(chosen.clsid, chosen.entry.errorId);
    stdout.line(`\n${formatSummary(report)}`);
  }
  return session.close();
}

function readDigit(): Promise<number> {
  return new Promise((resolve) => {
    const keys = new KeyListener(process.stdin, (key) => {
      keys.stop();
      const number = Number(key.sequence);
      resolve(Number.isInteger(number) ? number : 0);
    });
  });
}
