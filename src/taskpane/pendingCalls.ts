/**
 * The adapter with a count of its calls still running. A result being written (Apply writes
 * chunk by chunk, reading the result between awaits) must not have its memory handed back to
 * the engine: the pane releases the previous result only while no adapter call is pending.
 */
import type { ExcelAdapter } from "../excel/adapter";

const pending = new WeakMap<object, { n: number }>();

export function trackPendingCalls(adapter: ExcelAdapter): ExcelAdapter {
  const count = { n: 0 };
  const done = () => void count.n--;
  // One wrapper per method (stable identity), rebuilt when the method itself is replaced.
  const wrapped = new WeakMap<object, unknown>();
  const proxy = new Proxy(adapter, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key);
      if (typeof v !== "function") return v;
      if (!wrapped.has(v)) {
        wrapped.set(v, (...args: unknown[]) => {
          const out: unknown = (v as (...a: unknown[]) => unknown).apply(target, args);
          if (out instanceof Promise) {
            count.n++;
            out.then(done, done);
          }
          return out;
        });
      }
      return wrapped.get(v);
    },
  });
  pending.set(proxy, count);
  return proxy;
}

/** Whether a call of this (tracked) adapter is still running. */
export function hasPendingCalls(adapter: ExcelAdapter): boolean {
  return (pending.get(adapter)?.n ?? 0) > 0;
}
