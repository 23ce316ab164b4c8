const SEQUENCE_DIGITS = 10;
// <sequence>.<session ID>.json; session IDs hold no dot.
const SEQUENCED = /^(\d+)\.([^.]+)\.json$/;
// <session ID>.json, as reports were named before they carried a sequence number.
const UNSEQUENCED = /^([^.]+)\.json$/;

/**
 * The file name of a saved session report: `<sequence>.<session ID>.json`, the sequence counting
 * saves in this home. It orders reports by when they were saved whatever their files' times say.
 */
export class SavedReportName {
  private constructor(
    /** The save's place in this home; 0 for reports saved before names carried one. */
    readonly sequence: number,
    readonly sessionId: string,
    readonly fileName: string,
  ) {}

  /** The name of a report saved after `previous` (the newest saved so far, if any). */
  static after(previous: SavedReportName | undefined, sessionId: string): SavedReportName {
    const sequence = (previous?.sequence ?? 0) + 1;
    return new SavedReportName(sequence, sessionId, `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}.${sessionId}.json`);
  }

  /**
   * The reports among a folder's file names, oldest first; other files are ignored. Two hosts
   * saving at once may take the same sequence number: the file name then breaks the tie.
   */
  static inOrder(fileNames: readonly string[]): SavedReportName[] {
    return fileNames
      .flatMap((name) => SavedReportName.parse(name) ?? [])
      .sort((a, b) => a.sequence - b.sequence || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  }

  private static parse(fileName: string): SavedReportName | undefined {
    const [, sequence, sequencedId] = SEQUENCED.exec(fileName) ?? [];
    if (sequence !== undefined && sequencedId !== undefined) return new SavedReportName(Number(sequence), sequencedId, fileName);
    const [, unsequencedId] = UNSEQUENCED.exec(fileName) ?? [];
    return unsequencedId === undefined ? undefined : new SavedReportName(0, unsequencedId, fileName);
  }
}
