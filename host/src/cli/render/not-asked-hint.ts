import type { HandlerRef, Session, SyncEvent, UserNotAskedReason } from '../../index.js';
import { printable } from './format.js';

/** How the sync command was run, as far as asking the user goes. */
export interface PromptSetting {
  event: SyncEvent;
  json: boolean;
  noPrompt: boolean;
}

/**
 * Collects the handlers that wanted to ask the user and could not; after the run, one line each
 * saying why and what to run instead, rather than the S_FALSE the handler was told.
 */
export function collectNotAskedHints(session: Session, setting: PromptSetting): () => string[] {
  const hints: string[] = [];
  session.on('userNotAsked', (handler, reason) => hints.push(hintFor(handler, reason, setting)));
  return () => hints;
}

function hintFor(handler: HandlerRef, reason: UserNotAskedReason, setting: PromptSetting): string {
  const rerun = `syncmgr sync --handler ${handler.clsid}`;
  const who = printable(handler.name);
  if (reason === 'unattended-event') {
    return `${who} wanted to ask you something, but the ${setting.event} event runs unattended: run \`${rerun}\` on a terminal to answer it`;
  }
  const why = setting.json ? '--json was given' : setting.noPrompt ? '--no-prompt was given' : 'the output is not a terminal';
  return `${who} wanted to ask you something, but nobody could be asked (${why}): run \`${rerun}\` on a terminal${setting.noPrompt ? ', without --no-prompt,' : ''} to answer it`;
}
