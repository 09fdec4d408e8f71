// The report's two figures computed in JavaScript from what the database grouped.

/** The median of values given as a histogram (value, count) that the database grouped. */
export function medianOfHistogram(histogram: Array<{ value: number; count: number }>): number | null {
  const total = histogram.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const sorted = [...histogram].sort((a, b) => a.value - b.value);
  const middle = (k: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (seen >= k) return h.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 === 1 ? middle((total + 1) / 2) : (middle(total / 2) + middle(total / 2 + 1)) / 2;
}

/** The share of all minutes that the busiest tenth of the people (at least one person) put in. */
export function busiestTenthShare(minutesPerPerson: number[]): number | null {
  const total = minutesPerPerson.reduce((a, b) => a + b, 0);
  if (!minutesPerPerson.length || total === 0) return null;
  const top = Math.max(1, Math.ceil(minutesPerPerson.length / 10));
  const busiest = [...minutesPerPerson].sort((a, b) => b - a).slice(0, top);
  return busiest.reduce((a, b) => a + b, 0) / total;
}
