/**
 * References between audiences (`{ audience: id }` inside a rule): unknown ids and cycles are
 * load errors (config.md §3), and callers resolve memberships in dependency order.
 */
import type { AudienceIssue, CompiledRule } from './audience-rule.js';

/** A reference to another audience and where it is written. */
export interface AudienceReference {
  readonly id: string;
  readonly path: string;
}

/** The audience references in a rule, in document order. */
export function audienceReferences(rule: CompiledRule): AudienceReference[] {
  switch (rule.kind) {
    case 'all':
    case 'any':
      return rule.rules.flatMap(audienceReferences);
    case 'not':
      return audienceReferences(rule.rule);
    case 'audience':
      return [{ id: rule.id, path: rule.path }];
    case 'compare':
      return [];
  }
}

/**
 * Unknown audience ids referenced by the rules of `defs`, and every cycle, named in the order
 * it runs (`a -> b -> a`) at the path of the reference that closes it.
 */
export function checkAudienceReferences(
  defs: Readonly<Record<string, CompiledRule>>,
): AudienceIssue[] {
  const issues: AudienceIssue[] = [];
  for (const rule of Object.values(defs)) {
    for (const ref of audienceReferences(rule)) {
      if (!Object.hasOwn(defs, ref.id)) {
        issues.push({ path: ref.path, message: `unknown audience "${ref.id}"` });
      }
    }
  }
  walk(defs, (cycle, ref) => {
    issues.push({ path: ref.path, message: `audience cycle: ${cycle.join(' -> ')}` });
  });
  return issues;
}

/**
 * The audience ids of `defs` ordered so that each comes after every audience its rule refers to:
 * resolving memberships in this order never needs one that is not resolved yet. Unknown ids are
 * ignored; ids of equal rank keep their order in `defs`.
 *
 * @throws Error on a cycle: run `checkAudienceReferences` first.
 */
export function audienceOrder(defs: Readonly<Record<string, CompiledRule>>): string[] {
  return walk(defs, (cycle) => {
    throw new Error(`audience cycle: ${cycle.join(' -> ')}`);
  });
}

/** Depth-first post-order over the reference graph; reports each back edge as a cycle. */
function walk(
  defs: Readonly<Record<string, CompiledRule>>,
  onCycle: (cycle: string[], ref: AudienceReference) => void,
): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string, rule: CompiledRule): void => {
    stack.push(id);
    for (const ref of audienceReferences(rule)) {
      if (!Object.hasOwn(defs, ref.id) || done.has(ref.id)) continue;
      const onStack = stack.indexOf(ref.id);
      if (onStack >= 0) {
        onCycle([...stack.slice(onStack), ref.id], ref);
        continue;
      }
      const next = defs[ref.id];
      if (next !== undefined) visit(ref.id, next);
    }
    stack.pop();
    done.add(id);
    order.push(id);
  };
  for (const [id, rule] of Object.entries(defs)) if (!done.has(id)) visit(id, rule);
  return order;
}
