/** The stages of one handler's life in a session, in order; faults name the one they happened in. */
export type Phase =
  | 'start'
  | 'handshake'
  | 'initialize'
  | 'handlerInfo'
  | 'enumeration'
  | 'prepare'
  | 'synchronize'
  | 'results'
  | 'showError'
  | 'properties'
  | 'shutdown'
  | 'done';

/** How the phase reads in a sentence: "during synchronize". */
export function describePhase(phase: Phase): string {
  switch (phase) {
    case 'start':
      return 'while starting';
    case 'handshake':
      return 'during the handshake';
    case 'handlerInfo':
      return 'during GetHandlerInfo';
    case 'enumeration':
      return 'during item enumeration';
    case 'prepare':
      return 'during PrepareForSync';
    case 'synchronize':
      return 'during Synchronize';
    case 'results':
      return 'while its results were open';
    case 'showError':
      return 'during ShowError';
    case 'properties':
      return 'during ShowProperties';
    case 'initialize':
      return 'during Initialize';
    case 'shutdown':
      return 'during shutdown';
    case 'done':
      return 'after it finished';
  }
}
