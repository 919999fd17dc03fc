// Golden values of config.md §4.2 (shared/spec/hash-vectors.json): every entry of every section
// must be reproduced. A section or field this test does not know fails it, so a vector added to
// the file cannot be silently skipped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bucket,
  pickVariant,
  rolloutBucket,
  rolloutKey,
  trafficBucket,
  trafficKey,
  variantBoundaries,
  variantBucket,
  variantKey,
} from '../src/hashing/bucket.js';
import { murmur3String, murmur3x86_32 } from '../src/hashing/murmur3.js';

interface HashVector {
  input: string;
  H: number;
  bucket: number;
}
interface VariantVector {
  experimentId: string;
  weights: number[];
  splitKey: string;
  variantBucket: number;
  variantIndex: number;
  trafficBucket: number;
}
interface RolloutVector {
  rolloutId: string;
  splitKey: string;
  bucket: number;
}
interface Vectors {
  about: string;
  hash: HashVector[];
  variants: VariantVector[];
  rollouts: RolloutVector[];
}

// packages/core/test -> /work/main -> /work, where shared/ sits beside the repository.
const file = new URL('../../../../shared/spec/hash-vectors.json', import.meta.url);
const vectors = JSON.parse(readFileSync(file, 'utf8')) as Vectors;

describe('hash-vectors.json', () => {
  it('has only the sections and fields this test checks', () => {
    expect(Object.keys(vectors).sort()).toEqual(['about', 'hash', 'rollouts', 'variants']);
    const fields = (list: object[]): string[] =>
      [...new Set(list.flatMap((e) => Object.keys(e)))].sort();
    expect(fields(vectors.hash)).toEqual(['H', 'bucket', 'input']);
    expect(fields(vectors.variants)).toEqual([
      'experimentId',
      'splitKey',
      'trafficBucket',
      'variantBucket',
      'variantIndex',
      'weights',
    ]);
    expect(fields(vectors.rollouts)).toEqual(['bucket', 'rolloutId', 'splitKey']);
    expect(vectors.hash.length).toBeGreaterThan(0);
    expect(vectors.variants.length).toBeGreaterThan(0);
    expect(vectors.rollouts.length).toBeGreaterThan(0);
  });

  describe.each(vectors.hash)('hash of $input', (v) => {
    it('H over the UTF-8 bytes, by both implementations', () => {
      expect(murmur3String(v.input)).toBe(v.H);
      expect(murmur3x86_32(new TextEncoder().encode(v.input))).toBe(v.H);
    });
    it('bucket', () => {
      expect(bucket(v.input)).toBe(v.bucket);
    });
  });

  describe.each(vectors.variants)('variant $experimentId $weights $splitKey', (v) => {
    it('traffic bucket', () => {
      expect(trafficBucket(v.experimentId, v.splitKey)).toBe(v.trafficBucket);
      expect(bucket(trafficKey(v.experimentId, v.splitKey))).toBe(v.trafficBucket);
    });
    it('variant bucket and index', () => {
      expect(variantBucket(v.experimentId, v.splitKey)).toBe(v.variantBucket);
      expect(bucket(variantKey(v.experimentId, v.splitKey))).toBe(v.variantBucket);
      expect(pickVariant(v.variantBucket, variantBoundaries(v.weights))).toBe(v.variantIndex);
    });
  });

  describe.each(vectors.rollouts)('rollout $rolloutId $splitKey', (v) => {
    it('bucket', () => {
      expect(rolloutBucket(v.rolloutId, v.splitKey)).toBe(v.bucket);
      expect(bucket(rolloutKey(v.rolloutId, v.splitKey))).toBe(v.bucket);
    });
  });
});
