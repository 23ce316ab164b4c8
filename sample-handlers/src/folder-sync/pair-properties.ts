import { stat } from 'node:fs/promises';
import path from 'node:path';
import { HResult, type Guid, type HostContext, type PromptAnswers } from '@syncmgr/handler-sdk';
import { isRecord, parsePairs, readConfigDocument, type ConfigDocument, type ConfigJson, type FolderPair } from './config.js';
import { writeConfigAtomically } from './config-writer.js';
import { indexOfItem } from './folder-items.js';
import { fsCause } from './folder-scan.js';

/** The completion of a properties dialog, and the config as it now is (when it was read). */
export interface PropertiesOutcome {
  hr: number;
  config?: ConfigDocument;
}

/** An answer the config cannot take; the dialog completes with E_INVALIDARG. */
export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError';
  readonly code = 'INVALID_ANSWER';
}

/**
 * An item's properties: its source and target, as written in the config. A change rewrites the
 * config and changes the item's ID (it is derived from the paths), hence S_SYNCMGR_ENUMITEMS.
 */
export async function editPairProperties(configFile: string, itemId: Guid, ctx: HostContext): Promise<PropertiesOutcome> {
  const config = await readConfigDocument(configFile);
  const index = await indexOfItem(config.pairs, itemId);
  const pair = config.pairs[index];
  const entry = config.json.pairs[index];
  // Someone else removed the pair from the file since the host enumerated it.
  if (!pair || !isRecord(entry)) return { hr: HResult.S_SYNCMGR_ITEMDELETED, config };
  const answers = await ctx.prompt({
    title: pair.name,
    text: relativeNote(config),
    fields: [
      { name: 'source', label: 'Source folder', kind: 'text', default: String(entry['source']) },
      { name: 'target', label: 'Target folder', kind: 'text', default: String(entry['target']) },
    ],
  });
  if (!answers) return { hr: HResult.S_OK };
  const edited = { ...entry, source: answerOf(answers, 'source'), target: answerOf(answers, 'target') };
  const json: ConfigJson = { ...config.json, pairs: config.json.pairs.map((old, i) => (i === index ? edited : old)) };
  const updated = checkedPairs(config, json, `cannot change the folders of "${pair.name}"`);
  const now = updated[index];
  if (now?.source === pair.source && now.target === pair.target) return { hr: HResult.S_OK };
  return saveConfig(config, json, updated, now);
}

/** The handler's properties: a dialog that appends a new folder pair to the config. */
export async function addPairProperties(configFile: string, ctx: HostContext): Promise<PropertiesOutcome> {
  const config = await readConfigDocument(configFile);
  const answers = await ctx.prompt({
    title: 'Add a folder pair',
    text: relativeNote(config),
    fields: [
      { name: 'name', label: 'Name', kind: 'text' },
      { name: 'source', label: 'Source folder', kind: 'text' },
      { name: 'target', label: 'Target folder', kind: 'text' },
      { name: 'confirm', label: 'Add this pair?', kind: 'confirm', default: true },
    ],
  });
  if (!answers || answers['confirm'] !== true) return { hr: HResult.S_OK };
  const added = { name: answerOf(answers, 'name'), source: answerOf(answers, 'source'), target: answerOf(answers, 'target') };
  const json: ConfigJson = { ...config.json, pairs: [...config.json.pairs, added] };
  const updated = checkedPairs(config, json, `cannot add the pair "${added.name}"`);
  return saveConfig(config, json, updated, updated.at(-1));
}

async function saveConfig(config: ConfigDocument, json: ConfigJson, pairs: FolderPair[], changed: FolderPair | undefined): Promise<PropertiesOutcome> {
  if (changed) await checkSourceExists(changed);
  await writeConfigAtomically(config.file, json);
  return { hr: HResult.S_SYNCMGR_ENUMITEMS, config: { file: config.file, json, pairs } };
}

/** The pairs the edited JSON would have, checked as the config is at start-up. */
function checkedPairs(config: ConfigDocument, json: ConfigJson, what: string): FolderPair[] {
  return parsePairs(json, path.dirname(config.file), (problem) => new InvalidAnswerError(`${what}: ${problem}`));
}

async function checkSourceExists(pair: FolderPair): Promise<void> {
  const stats = await stat(pair.source).catch((error: unknown) => {
    throw new InvalidAnswerError(`source folder "${pair.source}" of "${pair.name}" is unavailable: ${fsCause(error)}`);
  });
  if (!stats.isDirectory()) throw new InvalidAnswerError(`source "${pair.source}" of "${pair.name}" is not a folder`);
}

function answerOf(answers: PromptAnswers, name: string): string {
  const answer = answers[name];
  return typeof answer === 'string' ? answer.trim() : '';
}

function relativeNote(config: ConfigDocument): string {
  return `Relative paths are relative to ${path.dirname(config.file)} (the folder of ${path.basename(config.file)}).`;
}
