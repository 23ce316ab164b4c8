import { EventEmitter } from 'node:events';
import type * as typedEmitter from 'typed-emitter';

// typed-emitter ships CommonJS types; under NodeNext its default export is reached through the namespace.
export type TypedEmitter<Events extends typedEmitter.EventMap> = typedEmitter.default<Events>;

/** An EventEmitter base class whose on/emit are checked against an events map. */
export function typedEmitterClass<Events extends typedEmitter.EventMap>(): new () => TypedEmitter<Events> {
  return EventEmitter as unknown as new () => TypedEmitter<Events>;
}
