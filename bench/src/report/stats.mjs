// Median and range of the finite numbers in a list.

export function summarize(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  const mid = numbers.length >> 1;
  const median = numbers.length % 2 === 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2;
  return { median, min: numbers[0], max: numbers[numbers.length - 1], n: numbers.length };
}

/** value / baseline, or null when either is missing or the baseline is 0. */
export function ratio(value, baseline) {
  if (typeof value !== 'number' || typeof baseline !== 'number' || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return null;
  return value / baseline;
}
