import { maskPersonalData } from '../privacy/index.js';

/** Deeper than this, a value is dropped instead of masked: nothing unmasked may slip past the limit. */
const MAX_DEPTH = 64;
const TOO_DEEP = '[too deep]';

/**
 * A copy of `value` with personal data masked in every string it holds, however deep: plain
 * objects, arrays, errors (message, stack, cause, aggregated errors and their own properties) and
 * numbers that read as a personnummer or phone number. Shared and cyclic references stay shared.
 * What cannot hold text (dates, buffers) is passed through as it is.
 */
export function maskForLog(value: unknown): unknown {
  return maskValue(value, 0, new Map());
}

function maskValue(value: unknown, depth: number, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    // A personnummer logged as a number prints its digits just the same.
    const text = String(value);
    const masked = maskPersonalData(text);
    return masked === text ? value : masked;
  }
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (value instanceof Error) return maskError(value, depth, copies);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(maskValue(item, depth + 1, copies));
    return copy;
  }
  const withToJson = value as { toJSON?: unknown };
  // What JSON would print (a URL's text, a Buffer's bytes), masked.
  if (typeof withToJson.toJSON === 'function') return maskValue((withToJson.toJSON as () => unknown).call(value), depth + 1, copies);
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = maskValue(item, depth + 1, copies);
  return copy;
}

/**
 * An error of the same class whose own properties (message and stack, which are not enumerable,
 * cause, AggregateError's errors, and whatever the thrower attached) are masked copies, so the
 * logger's error serializer prints it as before, without the personal data.
 */
function maskError(error: Error, depth: number, copies: Map<object, unknown>): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  copies.set(error, copy);
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key)!;
    let item: unknown;
    try {
      item = Reflect.get(error, key);
    } catch {
      continue;
    }
    Object.defineProperty(copy, key, { value: maskValue(item, depth + 1, copies), enumerable: descriptor.enumerable ?? false, writable: true, configurable: true });
  }
  return copy;
}
