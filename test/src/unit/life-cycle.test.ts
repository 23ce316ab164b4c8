// The handler life cycle as the protocol declares it: its phases, their moves, and where each method is legal.
import {
  allMethods,
  CALLBACK_PHASES,
  canMove,
  Handshake,
  HANDLER_PHASES,
  HandlerPhases,
  PHASE_TRANSITIONS,
  PrepareForSync,
  Progress,
  ShowError,
  ShowProperties,
  Synchronize,
  UI_PHASES,
  type HandlerPhase,
} from '@syncmgr/protocol';

const known = new Set<string>(HANDLER_PHASES);

/** The phases reachable from one phase by the declared moves. */
function reachableFrom(start: HandlerPhase, next: (phase: HandlerPhase) => HandlerPhase[]): Set<HandlerPhase> {
  const seen = new Set<HandlerPhase>([start]);
  const queue = [start];
  for (let phase = queue.shift(); phase !== undefined; phase = queue.shift()) {
    for (const to of next(phase)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

const forward = (phase: HandlerPhase) => PHASE_TRANSITIONS.filter((move) => move.from === phase).map((move) => move.to);
const backward = (phase: HandlerPhase) => PHASE_TRANSITIONS.filter((move) => move.to === phase).map((move) => move.from);
const byDirection = (direction: string) => allMethods.filter((descriptor) => descriptor.direction === direction);

describe('the phases and their moves', () => {
  it('declares the phases from start to done', () => {
    expect(HANDLER_PHASES[0]).toBe('start');
    expect(HANDLER_PHASES.at(-1)).toBe('done');
    expect(HANDLER_PHASES).toEqual(Object.keys(HandlerPhases));
  });

  it('names only known phases in every move, and no move twice', () => {
    for (const move of PHASE_TRANSITIONS) {
      expect(known.has(move.from)).toBe(true);
      expect(known.has(move.to)).toBe(true);
      expect(move.from).not.toBe(move.to);
    }
    const keys = PHASE_TRANSITIONS.map((move) => `${move.from}>${move.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reaches every phase from start by the declared moves', () => {
    expect([...reachableFrom('start', forward)].sort()).toEqual([...HANDLER_PHASES].sort());
  });

  it('lets every phase reach done by the declared moves, not only by a fault', () => {
    expect([...reachableFrom('done', backward)].sort()).toEqual([...HANDLER_PHASES].sort());
  });

  it('leaves done for nowhere', () => {
    expect(forward('done')).toEqual([]);
    for (const phase of HANDLER_PHASES) expect(canMove('done', phase)).toBe(false);
  });

  it('allows exactly the declared moves, and a fault from any phase to done', () => {
    for (const from of HANDLER_PHASES) {
      for (const to of HANDLER_PHASES) {
        const declared = PHASE_TRANSITIONS.some((move) => move.from === from && move.to === to);
        const expected = to === 'done' ? from !== 'done' : declared;
        expect({ from, to, allowed: canMove(from, to) }).toEqual({ from, to, allowed: expected });
      }
    }
  });

  it('rejects moves the table does not have', () => {
    expect(canMove('start', 'synchronize')).toBe(false);
    expect(canMove('ready', 'synchronize')).toBe(false);
    expect(canMove('results', 'prepare')).toBe(false);
    expect(canMove('shutdown', 'ready')).toBe(false);
  });

  it('derives the callback and UI phases from the phase table', () => {
    expect(CALLBACK_PHASES).toEqual(HANDLER_PHASES.filter((phase) => HandlerPhases[phase].holdsCallback));
    expect(UI_PHASES).toEqual(HANDLER_PHASES.filter((phase) => HandlerPhases[phase].userInterface !== 'never'));
    expect(CALLBACK_PHASES).toEqual(expect.arrayContaining(['ready', 'prepare', 'synchronize', 'results', 'showError']));
    expect(CALLBACK_PHASES).not.toContain('properties');
  });
});

describe('where each method is legal', () => {
  it('names only known phases, each once', () => {
    for (const descriptor of allMethods) {
      for (const phase of descriptor.phases)
        expect({ method: descriptor.method, phase, known: known.has(phase) }).toEqual({ method: descriptor.method, phase, known: true });
      expect(new Set(descriptor.phases).size).toBe(descriptor.phases.length);
    }
  });

  it('gives the application methods no phases and no completion', () => {
    const application = byDirection('applicationToHost');
    expect(application.length).toBeGreaterThan(0);
    for (const descriptor of application) {
      expect({ method: descriptor.method, phases: descriptor.phases, completion: descriptor.completion }).toEqual({
        method: descriptor.method,
        phases: [],
        completion: undefined,
      });
    }
  });

  it('makes every message with a handler legal somewhere, and never in start or done', () => {
    for (const descriptor of [...byDirection('hostToHandler'), ...byDirection('handlerToHost')]) {
      expect(descriptor.phases.length).toBeGreaterThan(0);
      expect(descriptor.phases).not.toContain('start');
      expect(descriptor.phases).not.toContain('done');
    }
  });

  it('completes every asynchronous host→handler call with a handler→host callback legal in the same phases', () => {
    const asynchronous = byDirection('hostToHandler').filter((descriptor) => descriptor.completion);
    expect(asynchronous.map((descriptor) => descriptor.method).sort()).toEqual(
      [PrepareForSync, ShowError, ShowProperties, Synchronize].map((d) => d.method).sort(),
    );
    for (const call of asynchronous) {
      const completion = call.completion!;
      expect(completion.direction).toBe('handlerToHost');
      expect(allMethods).toContain(completion);
      expect([...completion.phases].sort()).toEqual([...call.phases].sort());
    }
  });

  it('gives no handler→host callback a completion of its own', () => {
    for (const descriptor of byDirection('handlerToHost')) expect(descriptor.completion).toBeUndefined();
  });

  it('opens each asynchronous call in a phase that one declared move enters', () => {
    for (const call of byDirection('hostToHandler').filter((descriptor) => descriptor.completion)) {
      for (const phase of call.phases) expect(backward(phase).length).toBeGreaterThan(0);
    }
  });

  it('allows progress, log entries and the rest of ISyncMgrSynchronizeCallback only where the handler holds the callback', () => {
    const callbackMethods = byDirection('handlerToHost').filter(
      (descriptor) => !descriptor.method.endsWith('Completed') && descriptor.method !== 'callback/prompt' && descriptor.method !== 'callback/enableModeless',
    );
    expect(callbackMethods).toContain(Progress);
    for (const descriptor of callbackMethods) {
      expect({ method: descriptor.method, outside: descriptor.phases.filter((phase) => !CALLBACK_PHASES.includes(phase)) }).toEqual({
        method: descriptor.method,
        outside: [],
      });
    }
  });

  it('allows EnableModeless where the callback is held and for a settings instance at its properties', () => {
    const enableModeless = allMethods.find((descriptor) => descriptor.method === 'callback/enableModeless')!;
    expect(enableModeless.phases.filter((phase) => !CALLBACK_PHASES.includes(phase) && phase !== 'properties')).toEqual([]);
    expect(enableModeless.phases).toEqual(expect.arrayContaining([...UI_PHASES]));
  });

  it('allows a prompt only in the phases that may show UI', () => {
    const prompt = allMethods.find((descriptor) => descriptor.method === 'callback/prompt')!;
    expect([...prompt.phases].sort()).toEqual([...UI_PHASES].sort());
  });

  it('sends the handshake in its own phase only', () => {
    expect(Handshake.phases).toEqual(['handshake']);
  });
});
