/**
 * Issue paths into the configuration document: `experiments[1].variants[0].values.RatingBox.foo`.
 * Keys that are plain words (letters, digits, `_`, `-`) join with a dot, as operators write them;
 * any other key is quoted (`qa.devices["device 7"]`) so that a path always reads back unambiguously.
 */

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `base.key`, or `base["key"]` for keys that are not plain words; just `key` at the root. */
export function keyPath(base: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** `base[index]`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** Rebases a `checkValue` path (`$`, `$.price.amount`, `$.tags[2]`) onto a document path. */
export function rebasePath(base: string, valuePath: string): string {
  return base + valuePath.slice(1);
}
