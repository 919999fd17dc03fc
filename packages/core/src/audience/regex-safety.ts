/**
 * A conservative static check for regular expressions that a backtracking engine (V8's) can take
 * super-linear time on. config.md §3 requires such patterns to be refused: an audience rule runs
 * against client-supplied strings, so one bad pattern would let any client stall the server
 * (`(a+)+b` takes seconds on 26 characters; `\d+px` on 100 000 digits takes seconds too).
 *
 * Refused, each with a message naming the part of the pattern at fault:
 * 1. Backreferences (`\1`, `\k<name>`) and lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`).
 * 2. Inside a group that repeats (quantifier maximum above 1), anything that leaves the next
 *    character ambiguous, as each ambiguity multiplies the ways to divide the input
 *    (exponential time):
 *    - a group body that can match the empty string: `(a?)*`, `(a|)+`;
 *    - a quantifier (other than a fixed `{n}`) whose repeated part can start with a character
 *      that may also follow it, wrapping around to the group's start: `(a+)+`, `(\w+\s?)*`;
 *    - an alternation with an empty branch, or with two branches that can start with the same
 *      character: `(a|a)*`, `(a|ab)+`, `(\d|\w)+`.
 * 3. Two quantifiers in one sequence when some character can be matched by both, each can repeat
 *    on such characters alone, and everything between them can also consist of them: a failing
 *    match retries every way of dividing such a run between them (polynomial time): `a+a+b`,
 *    `\w+\s*\w+$`, `.*a.*b`, `^[a-z]+[a-z0-9]*$`.
 * 4. A quantifier that can repeat far (unbounded, or more than 64 extra times) at the start of
 *    an unanchored pattern or `|` branch (nothing but optional parts before it): the search
 *    restarts at every position and re-scans the same run each time (quadratic): `\s+$`,
 *    `\d+px`, `.*foo`, `x?\d*y`. Without the quantifier (`\s$`, `\dpx`, `foo`) a search finds
 *    exactly the same strings; anchoring with `^` also helps.
 * Rules 3 and 4 do not apply when nothing after the second (or leading) quantifier can fail, as
 * in `a.*`, `[a-z]+` or `(foo|bar)+`: the first attempt that reaches it succeeds.
 *
 * Accepted, for example: `^Mozilla.*Chrome`, `^(uk|gb)$`, `^[a-z0-9-]+$`, `(\d{1,3}\.){3}\d{1,3}`,
 * `^([a-z0-9]+\.)+[a-z]{2,}$`, `^-?\d+(\.\d+)?$`. Unicode property escapes (`\p{…}`) count as
 * matching any character.
 *
 * Not covered: a quantifier after a literal that repeats in the input, as `Mozilla.*Chrome` on
 * "MozillaMozilla…", re-scans once per occurrence (quadratic in the input length); that is
 * bounded by how long a string a session may carry.
 */
import { EMPTY_SET, describeChar, intersect, union, type CharSet } from './char-set.js';
import {
  parseRegex,
  type RegexAlternation,
  type RegexAtom,
  type RegexSequence,
  type RegexTerm,
} from './parse-regex.js';

/**
 * Why `pattern` (valid under the `u` flag) is unsafe for a backtracking engine, phrased to follow
 * "is refused: ", or `undefined` when the check accepts it.
 */
export function findBacktrackingRisk(pattern: string): string | undefined {
  const root = parseRegex(pattern);
  const text = (t: RegexTerm): string => `"${pattern.slice(t.start, t.end)}"`;
  return (
    findUnsupported(root, text) ??
    checkRepetition(root, EMPTY_SET, undefined, { pattern, text }) ??
    checkSequences(root, true, text)
  );
}

type Describe = (t: RegexTerm) => string;

function findUnsupported(alt: RegexAlternation, text: Describe): string | undefined {
  for (const branch of alt.branches) {
    for (const t of branch) {
      if (t.atom.kind === 'backreference') return `it uses a backreference (${text(t)})`;
      if (t.atom.kind === 'lookaround') return `it uses a lookaround (${text(t)})`;
      if (t.atom.kind === 'group') {
        const found = findUnsupported(t.atom.body, text);
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

// --- Properties of terms -------------------------------------------------------------------

function atomNullable(a: RegexAtom): boolean {
  return a.kind === 'char' ? false : a.kind === 'group' ? altNullable(a.body) : true;
}
function termNullable(t: RegexTerm): boolean {
  return t.min === 0 || atomNullable(t.atom);
}
function seqNullable(seq: RegexSequence): boolean {
  return seq.every(termNullable);
}
function altNullable(alt: RegexAlternation): boolean {
  return alt.branches.some(seqNullable);
}

/** Characters a match of the term can start with. */
function termFirst(t: RegexTerm): CharSet {
  return t.atom.kind === 'char'
    ? t.atom.set
    : t.atom.kind === 'group'
      ? altFirst(t.atom.body)
      : EMPTY_SET;
}
function seqFirst(seq: RegexSequence): CharSet {
  let first = EMPTY_SET;
  for (const t of seq) {
    first = union(first, termFirst(t));
    if (!termNullable(t)) break;
  }
  return first;
}
function altFirst(alt: RegexAlternation): CharSet {
  return alt.branches.reduce((set, b) => union(set, seqFirst(b)), EMPTY_SET);
}

/** Every character the term can match anywhere. */
function termChars(t: RegexTerm): CharSet {
  if (t.atom.kind === 'char') return t.atom.set;
  if (t.atom.kind !== 'group') return EMPTY_SET;
  return t.atom.body.branches.reduce(
    (set, b) => b.reduce((s, x) => union(s, termChars(x)), set),
    EMPTY_SET,
  );
}

/** Whether the term's extent can vary: its own quantifier, or one inside it. */
function isVariable(t: RegexTerm): boolean {
  if (t.min !== t.max) return true;
  return t.atom.kind === 'group' && t.atom.body.branches.some((b) => b.some(isVariable));
}

function hasAssertion(t: RegexTerm): boolean {
  if (t.atom.kind === 'group') return t.atom.body.branches.some((b) => b.some(hasAssertion));
  return t.atom.kind !== 'char';
}

/** Whether one match of the atom can use only characters from `set`. */
function atomWithin(a: RegexAtom, set: CharSet): boolean {
  if (a.kind === 'char') return intersect(a.set, set).length > 0;
  if (a.kind === 'group') return a.body.branches.some((b) => b.every((t) => termWithin(t, set)));
  return true;
}
function termWithin(t: RegexTerm, set: CharSet): boolean {
  return t.min === 0 || atomWithin(t.atom, set);
}

// --- Rule 2: ambiguity inside repeated groups --------------------------------------------

interface Source {
  readonly pattern: string;
  readonly text: Describe;
}

/** Walks `alt` knowing which characters may follow it and the outermost repeated group. */
function checkRepetition(
  alt: RegexAlternation,
  follow: CharSet,
  loop: RegexTerm | undefined,
  src: Source,
): string | undefined {
  for (const branch of alt.branches) {
    let next = follow;
    for (let i = branch.length - 1; i >= 0; i--) {
      const t = branch[i];
      if (t === undefined) continue;
      const found = checkTerm(t, next, loop, src);
      if (found !== undefined) return found;
      next = termNullable(t) ? union(termFirst(t), next) : termFirst(t);
    }
  }
  return undefined;
}

function checkTerm(
  t: RegexTerm,
  follow: CharSet,
  loop: RegexTerm | undefined,
  src: Source,
): string | undefined {
  if (t.atom.kind === 'group') {
    const body = t.atom.body;
    const repeats = t.max > 1;
    if (repeats && altNullable(body)) {
      return `the repeated group ${src.text(t)} can match the empty string`;
    }
    const inner = loop ?? (repeats ? t : undefined);
    if (inner !== undefined && body.branches.length > 1) {
      const found = checkAlternation(body, inner, src);
      if (found !== undefined) return found;
    }
    const bodyFollow = repeats ? union(altFirst(body), follow) : follow;
    const found = checkRepetition(body, bodyFollow, inner, src);
    if (found !== undefined) return found;
  }
  if (loop !== undefined && t.min !== t.max) {
    const overlap = intersect(termFirst(t), follow);
    if (overlap.length > 0) {
      return (
        `${src.text(t)} inside the repeated group ${src.text(loop)} can start with ` +
        `${describeChar(overlap)}, which may also follow it, so the input can be divided ` +
        'between repetitions in exponentially many ways'
      );
    }
  }
  return undefined;
}

function checkAlternation(alt: RegexAlternation, loop: RegexTerm, src: Source): string | undefined {
  const branchText = (b: RegexSequence): string =>
    `"${b.length === 0 ? '' : src.pattern.slice(b[0]?.start, b[b.length - 1]?.end)}"`;
  const where = `the alternation "${src.pattern.slice(alt.start, alt.end)}" inside the repeated group ${src.text(loop)}`;
  for (const [i, a] of alt.branches.entries()) {
    if (seqNullable(a))
      return `${where} has a branch that can match the empty string (${branchText(a)})`;
    for (const b of alt.branches.slice(i + 1)) {
      const overlap = intersect(seqFirst(a), seqFirst(b));
      if (overlap.length > 0) {
        return `in ${where}, the branches ${branchText(a)} and ${branchText(b)} can both start with ${describeChar(overlap)}`;
      }
    }
  }
  return undefined;
}

// --- Rule 3: overlapping quantifiers in one sequence -------------------------------------

/** A sequence with single-branch, unquantified groups opened up: `(?:ab+)c` reads as `ab+c`. */
function flatten(seq: RegexSequence): RegexTerm[] {
  return seq.flatMap((t) => {
    const only =
      t.atom.kind === 'group' && t.atom.body.branches.length === 1
        ? t.atom.body.branches[0]
        : undefined;
    return only !== undefined && t.min === 1 && t.max === 1 ? flatten(only) : [t];
  });
}

/** Whether the term can repeat on characters of `set` alone (unknown for a fixed group: yes). */
function loopsWithin(t: RegexTerm, set: CharSet): boolean {
  return t.min === t.max || atomWithin(t.atom, set);
}

function checkSequences(alt: RegexAlternation, top: boolean, text: Describe): string | undefined {
  for (const branch of alt.branches) {
    const terms = flatten(branch);
    const found = checkPairs(terms, top, text) ?? (top ? checkLeading(terms, text) : undefined);
    if (found !== undefined) return found;
    for (const t of terms) {
      if (t.atom.kind !== 'group') continue;
      const inner = checkSequences(t.atom.body, false, text);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/**
 * Whether the match is decided once `t` is reached: nothing after it can fail (each term can
 * match empty and none is an assertion), and nothing inside it can fail after a quantifier.
 */
function lastToDecide(t: RegexTerm, rest: readonly RegexTerm[]): boolean {
  const inner = t.atom.kind === 'group' && t.atom.body.branches.some((b) => b.some(isVariable));
  return !inner && rest.every((r) => termNullable(r) && !hasAssertion(r));
}

// --- Rule 4: a leading quantifier in an unanchored search ----------------------------------

/** Longest bounded repetition treated as short: re-scanning it costs a constant. */
const SHORT_REPEAT = 64;

/** Whether the term can repeat far (unbounded, or bounded above `SHORT_REPEAT`), itself or inside. */
function repeatsFar(t: RegexTerm): boolean {
  if (t.max - t.min > SHORT_REPEAT) return true;
  return t.atom.kind === 'group' && t.atom.body.branches.some((b) => b.some(repeatsFar));
}

function checkLeading(terms: readonly RegexTerm[], text: Describe): string | undefined {
  for (const [i, t] of terms.entries()) {
    if (repeatsFar(t) && !lastToDecide(t, terms.slice(i + 1))) {
      const atom = text({ ...t, end: t.atomEnd });
      const shorter = t.min === 1 ? atom : `${atom.slice(0, -1)}{${t.min}}"`;
      const fix =
        t.min === t.max
          ? ''
          : t.min === 0
            ? 'drop it (a search finds the same strings without it) or '
            : `write ${shorter} instead (a search finds the same strings) or `;
      return (
        `${text(t)} at the start of an unanchored pattern is re-scanned from every start ` +
        `position (quadratic time); ${fix}anchor the pattern with ^`
      );
    }
    if (!termNullable(t) || hasAssertion(t)) break;
  }
  return undefined;
}

function checkPairs(terms: readonly RegexTerm[], top: boolean, text: Describe): string | undefined {
  for (const [i, first] of terms.entries()) {
    if (!isVariable(first)) continue;
    for (let j = i + 1; j < terms.length; j++) {
      const second = terms[j];
      if (second === undefined || !isVariable(second)) continue;
      const shared = intersect(termChars(first), termChars(second));
      if (shared.length === 0 || !loopsWithin(first, shared) || !loopsWithin(second, shared))
        continue;
      const between = terms.slice(i + 1, j);
      if (!between.every((t) => termWithin(t, shared))) continue;
      // Nothing after the second can fail: the first attempt that reaches it succeeds.
      if (top && lastToDecide(second, terms.slice(j + 1))) continue;
      return (
        `${text(first)} and ${text(second)} can both match ${describeChar(shared)}` +
        (between.length > 0 ? ', and so can everything between them' : '') +
        ', so a failing match retries every way of dividing such a run between them'
      );
    }
  }
  return undefined;
}
