import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/core/bounded-map.js';

/** A promise resolved from outside, for work that ends when the test says so. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A lazy sequence of `count` numbers that records how many were pulled. */
function counted(count: number): { items: Iterable<number>; pulled: () => number; closed: () => boolean } {
  let pulled = 0;
  let closed = false;
  return {
    items: (function* () {
      try {
        for (let i = 0; i < count; i++) {
          pulled++;
          yield i;
        }
      } finally {
        closed = true;
      }
    })(),
    pulled: () => pulled,
    closed: () => closed,
  };
}

describe('mapBounded', () => {
  it('should pull no more than the limit from the sequence while the items are under way', async () => {
    const { items, pulled } = counted(100);
    const gates = Array.from({ length: 100 }, () => deferred());
    let running = 0;
    let most = 0;
    const run = mapBounded(items, 4, async (i) => {
      running++;
      most = Math.max(most, running);
      await gates[i]!.promise;
      running--;
      return i;
    });
    await settle();
    expect(pulled()).toBe(4);
    gates[0]!.resolve();
    await settle();
    expect(pulled()).toBe(5);
    for (const gate of gates) gate.resolve();
    await run;
    expect(pulled()).toBe(100);
    expect(most).toBe(4);
  });

  it("should hand the results over in the sequence's order, whatever order they finish in", async () => {
    const { items } = counted(20);
    const done: number[] = [];
    // Later items finish first.
    await mapBounded(items, 5, (i) => new Promise<number>((resolve) => setTimeout(() => resolve(i * 10), (20 - i) * 2)), (result, item, index) => {
      expect(result).toBe(item * 10);
      expect(index).toBe(item);
      done.push(item);
    });
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('should count an item finished but not yet handed over as in flight, so that a slow first item bounds what is pulled', async () => {
    const { items, pulled } = counted(50);
    const first = deferred();
    const run = mapBounded(items, 3, async (i) => {
      if (i === 0) await first.promise;
      return i;
    });
    await settle();
    expect(pulled()).toBe(3);
    first.resolve();
    await run;
    expect(pulled()).toBe(50);
  });

  it('should stop pulling at the first failure, wait for the items under way, close the sequence and throw that failure', async () => {
    const { items, pulled, closed } = counted(100);
    const slow = deferred();
    const finished: number[] = [];
    const handed: number[] = [];
    const run = mapBounded(
      items,
      4,
      async (i) => {
        if (i === 0) await slow.promise;
        if (i === 2) throw new Error('item 2 failed');
        finished.push(i);
        return i;
      },
      (i) => void handed.push(i),
    );
    const outcome = run.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await settle();
    // Item 0 is still running: the failure waits for it before it is thrown.
    expect(await Promise.race([outcome, settle().then(() => 'pending')])).toBe('pending');
    slow.resolve();
    expect(await outcome).toBe('item 2 failed');
    expect(pulled()).toBe(4);
    expect(finished).toEqual(expect.arrayContaining([0, 1, 3]));
    expect(handed).toEqual([]);
    expect(closed()).toBe(true);
  });

  it('should throw an error of the sequence itself after the items under way are done', async () => {
    const finished: number[] = [];
    const items = (function* () {
      yield 1;
      yield 2;
      throw new Error('the sequence failed');
    })();
    await expect(
      mapBounded(items, 8, async (i) => {
        await settle();
        finished.push(i);
        return i;
      }),
    ).rejects.toThrow('the sequence failed');
    expect(finished).toEqual([1, 2]);
  });

  it('should take async sequences too', async () => {
    async function* numbers() {
      for (let i = 0; i < 5; i++) yield i;
    }
    const done: number[] = [];
    await mapBounded(numbers(), 2, async (i) => i * i, (result) => void done.push(result));
    expect(done).toEqual([0, 1, 4, 9, 16]);
  });
});
