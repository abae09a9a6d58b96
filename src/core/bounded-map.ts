/**
 * Runs `work` over a sequence with at most `limit` items in flight, and hands each result to `done` in the order of
 * the sequence. Items are pulled from the sequence only when a place is free, so a lazy sequence (a generator that
 * renders each item when asked) never has more than `limit` items alive: an item counts as in flight from the moment
 * it is pulled until `done` has taken its result, so a slow first item holds back the others' hand-over, never the
 * memory bound.
 *
 * The first failure (of `work`, of `done`, or of the sequence itself) stops it: nothing more is pulled, the items
 * under way are waited for (their results dropped), the sequence is closed, and the failure is thrown.
 */
export async function mapBounded<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  done: (result: R, item: T, index: number) => void | Promise<void> = () => undefined,
): Promise<void> {
  const places = Math.max(1, Math.floor(limit));
  const running: Array<{ readonly item: T; readonly index: number; readonly result: Promise<R> }> = [];
  let failure: { readonly error: unknown } | undefined;
  const handOver = async () => {
    const { item, index, result } = running[0]!;
    const value = await result;
    if (failure) return; // another item failed meanwhile: its failure is what is thrown
    running.shift();
    await done(value, item, index);
  };
  try {
    let index = 0;
    for await (const item of items) {
      const result = work(item, index);
      // A later item that fails stops the sequence without waiting for the earlier ones' turn.
      result.catch((error: unknown) => void (failure ??= { error }));
      running.push({ item, index: index++, result });
      while (running.length >= places && !failure) await handOver();
      if (failure) break;
    }
    while (running.length > 0 && !failure) await handOver();
  } catch (error) {
    failure ??= { error };
  }
  if (failure) {
    await Promise.allSettled(running.map((r) => r.result));
    throw failure.error;
  }
}
