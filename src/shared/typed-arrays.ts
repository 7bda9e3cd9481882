// Growing typed arrays, for columns whose final length is not known while they fill (events streaming in,
// evidence added signal by signal, network blocks seen for the first time).

type GrowableArray = Int32Array | Uint8Array | Float64Array;

/** A typed array of the same kind, twice as long, starting with `array`'s contents (the rest zero). */
export function doubled<T extends GrowableArray>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(1, array.length * 2));
  bigger.set(array);
  return bigger;
}
