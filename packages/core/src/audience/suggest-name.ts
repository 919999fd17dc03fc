/**
 * "Did you mean" hints for unknown keys and operators: most typos are one or two edits away.
 */

/**
 * ` (did you mean "op"?)` for the closest candidate within 1 edit (words up to 3 letters) or
 * 2 edits (longer words), or one that the word starts with or that starts with it (`equals` →
 * `eq`), ignoring case; else the empty string.
 */
export function suggestName(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = word.length <= 3 ? 2 : 3;
  for (const c of candidates) {
    const [w, l] = [word.toLowerCase(), c.toLowerCase()];
    const prefix = w.length >= 2 && l.length >= 2 && (w.startsWith(l) || l.startsWith(w));
    const d = prefix ? Math.min(1, editDistance(w, l)) : editDistance(w, l);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
