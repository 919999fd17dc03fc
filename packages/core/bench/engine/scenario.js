// The benchmark scenario, once per library: one feature (`Banner`: 2 args, 4 outputs) set by two
// running experiments and one fixed-percent rollout, plus 4 simple features so a session can hold
// 5 memoized records.
//
//   banner-copy  launched 2026-01-01, traffic 40 %, 3 arms: control 50 / short 30 / bold 20
//                short sets `text`; bold sets `text` and `color`
//   banner-color launched 2026-02-01, traffic 50 %, 2 arms: control 1 / green 1
//                green sets `color` and `layout` -- `color` is shared with banner-copy/bold,
//                so launch order decides it (banner-copy wins)
//   banner-badge rollout, fixed 50 %: `showBadge: true` (only for sessions in no experiment arm)
//
// Traffic below 100 % keeps every phase busy: ~30 % of sessions are in no experiment and reach the
// rollout. The other libraries get the closest configuration their model allows (see EQUIVALENCE).

export const FDL = `namespace "bench.engine"

session {
    args {
        deviceId: ID! @persistent_key
        channel: String! = "web"
    }
}

feature Banner {
    args {
        page: String!
        slot: Int = 1
    }
    output {
        text: String! = "Hello"
        color: String! = "blue"
        layout: String! = "compact"
        showBadge: Boolean! = false
    }
}

feature Footer {
    output {
        links: Int! = 3
    }
}

feature Search {
    args {
        scope: String = "all"
    }
    output {
        placeholder: String! = "Search"
    }
}

feature Promo {
    args {
        sku: String!
    }
    output {
        headline: String! = "Sale"
        discount: Float! = 0.0
    }
}

feature Nav {
    output {
        style: String! = "tabs"
    }
}
`;

export const CONFIG_YAML = `version: 1
environment: bench
experiments:
  # Listed out of launch order on purpose: evaluation follows launchedAt.
  - id: banner-color
    name: Banner color
    state: running
    launchedAt: 2026-02-01T00:00:00Z
    traffic: 50
    variants:
      - { id: control, weight: 1 }
      - id: green
        weight: 1
        values:
          Banner: { color: "green", layout: "wide" }
  - id: banner-copy
    name: Banner copy
    state: running
    launchedAt: 2026-01-01T00:00:00Z
    traffic: 40
    variants:
      - { id: control, weight: 50 }
      - id: short
        weight: 30
        values:
          Banner: { text: "Hi!" }
      - id: bold
        weight: 20
        values:
          Banner: { text: "HELLO", color: "red" }
rollouts:
  - id: banner-badge
    feature: Banner
    percent: 50
    values: { showBadge: true }
`;

/** The five features one session holds in the memory measurement (Banner first). */
export const FIVE_FEATURES = [
  { name: 'Banner', args: { page: 'home', slot: 2 } },
  { name: 'Footer' },
  { name: 'Search', args: { scope: 'books' } },
  { name: 'Promo', args: { sku: 'SKU-1234' } },
  { name: 'Nav' },
];

export const BANNER_ARGS = { page: 'home', slot: 2 };

const DEFAULT = { text: 'Hello', color: 'blue', layout: 'compact', showBadge: false };
const SHORT = { ...DEFAULT, text: 'Hi!' };
const BOLD = { ...DEFAULT, text: 'HELLO', color: 'red' };
const GREEN = { ...DEFAULT, color: 'green', layout: 'wide' };
const BADGE = { ...DEFAULT, showBadge: true };

export const EQUIVALENCE = [
  'iserver merges per output (banner-copy control/short arms still let banner-color set color/layout);',
  'the others return one whole value from the first matching rule, so their arms carry full objects.',
  'Hash work per new key: iserver 2 hashes per experiment (traffic + variant) + 1 for the rollout;',
  'flagd the same 5 fractional() calls (traffic, variant per experiment, then rollout);',
  'GrowthBook 1 hash per rule (coverage and arm from one hash); Unleash 2 per flexibleRollout (rollout + variant).',
];

/** GrowthBook feature definitions: experiment rules (coverage = traffic) then a rollout rule. */
export const GROWTHBOOK_FEATURES = {
  banner: {
    defaultValue: DEFAULT,
    rules: [
      {
        id: 'banner-copy',
        key: 'banner-copy',
        hashAttribute: 'id',
        coverage: 0.4,
        weights: [0.5, 0.3, 0.2],
        variations: [DEFAULT, SHORT, BOLD],
        meta: [{ key: 'control' }, { key: 'short' }, { key: 'bold' }],
        hashVersion: 2,
      },
      {
        id: 'banner-color',
        key: 'banner-color',
        hashAttribute: 'id',
        coverage: 0.5,
        weights: [0.5, 0.5],
        variations: [DEFAULT, GREEN],
        meta: [{ key: 'control' }, { key: 'green' }],
        hashVersion: 2,
      },
      { id: 'banner-badge', force: BADGE, coverage: 0.5, hashAttribute: 'id', hashVersion: 2 },
    ],
  },
};

const key = (prefix) => ({ cat: [prefix, { var: 'targetingKey' }] });
/** flagd: one object flag; targeting is an if-chain of fractional() splits, in launch order. */
export const FLAGD_CONFIG = JSON.stringify({
  flags: {
    banner: {
      state: 'ENABLED',
      defaultVariant: 'default',
      variants: {
        default: DEFAULT,
        'copy-control': DEFAULT,
        'copy-short': SHORT,
        'copy-bold': BOLD,
        'color-control': DEFAULT,
        'color-green': GREEN,
        badge: BADGE,
      },
      targeting: {
        if: [
          { '==': [{ fractional: [key('traffic:banner-copy:'), ['in', 40], ['out', 60]] }, 'in'] },
          {
            fractional: [
              key('variant:banner-copy:'),
              ['copy-control', 50],
              ['copy-short', 30],
              ['copy-bold', 20],
            ],
          },
          { '==': [{ fractional: [key('traffic:banner-color:'), ['in', 50], ['out', 50]] }, 'in'] },
          { fractional: [key('variant:banner-color:'), ['color-control', 1], ['color-green', 1]] },
          { '==': [{ fractional: [key('rollout:banner-badge:'), ['in', 50], ['out', 50]] }, 'in'] },
          'badge',
          null,
        ],
      },
    },
  },
});

const payload = (value) => ({ type: 'json', value: JSON.stringify(value) });
const variant = (name, weight, value) => ({
  name,
  weight,
  weightType: 'variable',
  stickiness: 'default',
  payload: payload(value),
});
/** Unleash: three flexibleRollout strategies (first enabled one wins), each with strategy variants. */
export const UNLEASH_FEATURES = [
  {
    name: 'banner',
    enabled: true,
    type: 'experiment',
    project: 'default',
    stale: false,
    impressionData: false,
    strategies: [
      {
        name: 'flexibleRollout',
        constraints: [],
        parameters: { rollout: '40', stickiness: 'default', groupId: 'banner-copy' },
        variants: [
          variant('copy-control', 500, DEFAULT),
          variant('copy-short', 300, SHORT),
          variant('copy-bold', 200, BOLD),
        ],
      },
      {
        name: 'flexibleRollout',
        constraints: [],
        parameters: { rollout: '50', stickiness: 'default', groupId: 'banner-color' },
        variants: [variant('color-control', 500, DEFAULT), variant('color-green', 500, GREEN)],
      },
      {
        name: 'flexibleRollout',
        constraints: [],
        parameters: { rollout: '50', stickiness: 'default', groupId: 'banner-badge' },
        variants: [variant('badge', 1000, BADGE)],
      },
    ],
    variants: [],
  },
];
