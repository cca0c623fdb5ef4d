/**
 * Node's `events` module, the part PouchDB uses, for the extension's bundle:
 * pouchdb-browser imports `events` and browsers have none (wxt.config.ts aliases
 * `events` here). Written in the old prototype style on purpose: PouchDB copies
 * the enumerable methods of `EventEmitter.prototype` onto its constructor, and
 * class methods are not enumerable.
 */
type Listener = (...args: unknown[]) => void;

interface Emitter {
  _events?: Map<string | symbol, Listener[]>;
  _max?: number;
}

interface EventEmitterCtor {
  new (): EventEmitterApi;
  prototype: EventEmitterApi;
  listenerCount(emitter: EventEmitterApi, type: string | symbol): number;
  defaultMaxListeners: number;
  EventEmitter: EventEmitterCtor;
}

export interface EventEmitterApi {
  on(type: string | symbol, fn: Listener): this;
  addListener(type: string | symbol, fn: Listener): this;
  prependListener(type: string | symbol, fn: Listener): this;
  once(type: string | symbol, fn: Listener): this;
  off(type: string | symbol, fn: Listener): this;
  removeListener(type: string | symbol, fn: Listener): this;
  removeAllListeners(type?: string | symbol): this;
  emit(type: string | symbol, ...args: unknown[]): boolean;
  listeners(type: string | symbol): Listener[];
  listenerCount(type: string | symbol): number;
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
}

function list(self: Emitter, type: string | symbol): Listener[] {
  self._events ??= new Map();
  let l = self._events.get(type);
  if (!l) self._events.set(type, (l = []));
  return l;
}

const EventEmitter = function (this: Emitter) {
  this._events = new Map();
} as unknown as EventEmitterCtor;

const proto = EventEmitter.prototype as unknown as Record<string, unknown>;
proto['on'] = function (this: Emitter, type: string | symbol, fn: Listener) {
  list(this, type).push(fn);
  return this;
};
proto['addListener'] = proto['on'];
proto['prependListener'] = function (this: Emitter, type: string | symbol, fn: Listener) {
  list(this, type).unshift(fn);
  return this;
};
proto['once'] = function (this: EventEmitterApi, type: string | symbol, fn: Listener) {
  const wrapped: Listener & { listener?: Listener } = (...args) => {
    this.removeListener(type, wrapped);
    fn.apply(this, args);
  };
  wrapped.listener = fn;
  return this.on(type, wrapped);
};
proto['removeListener'] = function (this: Emitter, type: string | symbol, fn: Listener) {
  const l = this._events?.get(type);
  if (!l) return this;
  const i = l.findIndex((x) => x === fn || (x as { listener?: Listener }).listener === fn);
  if (i >= 0) l.splice(i, 1);
  return this;
};
proto['off'] = proto['removeListener'];
proto['removeAllListeners'] = function (this: Emitter, type?: string | symbol) {
  if (type === undefined) this._events = new Map();
  else this._events?.delete(type);
  return this;
};
proto['emit'] = function (this: Emitter, type: string | symbol, ...args: unknown[]) {
  const l = this._events?.get(type);
  if (!l || l.length === 0) {
    if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
    return false;
  }
  for (const fn of [...l]) fn.apply(this, args);
  return true;
};
proto['listeners'] = function (this: Emitter, type: string | symbol) {
  return [...(this._events?.get(type) ?? [])];
};
proto['listenerCount'] = function (this: Emitter, type: string | symbol) {
  return this._events?.get(type)?.length ?? 0;
};
proto['setMaxListeners'] = function (this: Emitter, n: number) {
  this._max = n;
  return this;
};
proto['getMaxListeners'] = function (this: Emitter) {
  return this._max ?? EventEmitter.defaultMaxListeners;
};
EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
EventEmitter.defaultMaxListeners = 10;
EventEmitter.EventEmitter = EventEmitter;

export { EventEmitter };
export default EventEmitter;
