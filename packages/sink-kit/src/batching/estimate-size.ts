/**
 * A cheap estimate of a row's size in bytes (string lengths, 8 per number): close enough to the
 * encoder's input size to bound batch memory, far cheaper than `JSON.stringify`.
 */
export function estimateSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 4;
  if (typeof value === 'number') return 8;
  if (value === null || typeof value !== 'object') return 1;
  let size = 4;
  if (Array.isArray(value)) {
    for (const item of value as readonly unknown[]) size += estimateSize(item);
  } else {
    for (const key in value) size += estimateSize((value as Record<string, unknown>)[key]);
  }
  return size;
}
