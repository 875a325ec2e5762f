import { platformTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

const MB = 1024 * 1024;
const all = {
  removeBranding: true,
  customActions: true,
  webhooks: true,
  channels: true,
  apiAccess: true,
  scheduledReports: true,
};

/** The seeded catalog; the operator edits it in the admin console. Amounts in cents. */
const seed = [
  {
    id: 'unlimited',
    name: 'Unlimited',
    description: 'No limits: the plan of a self-hosted installation.',
    public: false,
    position: 0,
    trialDays: 0,
    prices: [],
    limits: {},
    features: all,
  },
  {
    id: 'free',
    name: 'Free',
    description: 'Try one agent on your website.',
    public: true,
    position: 1,
    trialDays: 0,
    prices: [],
    limits: {
      agents: 1,
      members: 1,
      knowledgeSources: 5,
      storedBytes: 50 * MB,
      messagesPerMonth: 200,
      modelSpendUsdPerMonth: 2,
      channels: 0,
      webhookEndpoints: 0,
      customActions: 0,
    },
    features: {},
  },
  {
    id: 'basic',
    name: 'Basic',
    description: 'One agent, one teammate, your website and one messaging channel.',
    public: true,
    position: 2,
    trialDays: 14,
    prices: [
      { interval: 'month', currency: 'usd', amount: 1900 },
      { interval: 'year', currency: 'usd', amount: 19000 },
    ],
    limits: {
      agents: 1,
      members: 1,
      knowledgeSources: 5,
      storedBytes: 100 * MB,
      messagesPerMonth: 2000,
      modelSpendUsdPerMonth: 10,
      channels: 1,
      webhookEndpoints: 0,
      customActions: 0,
    },
    features: { channels: true },
  },
  {
    id: 'advanced',
    name: 'Advanced',
    description: 'A team with several agents, webhooks, actions and the API.',
    public: true,
    position: 3,
    trialDays: 14,
    prices: [
      { interval: 'month', currency: 'usd', amount: 4900 },
      { interval: 'year', currency: 'usd', amount: 49000 },
    ],
    limits: {
      agents: 5,
      members: 5,
      knowledgeSources: 25,
      storedBytes: 1024 * MB,
      messagesPerMonth: 20000,
      modelSpendUsdPerMonth: 50,
      channels: 5,
      webhookEndpoints: 5,
      customActions: 10,
    },
    features: all,
  },
  {
    id: 'pro',
    name: 'Pro',
    description: 'Unlimited agents and teammates for a busy support team.',
    public: true,
    position: 4,
    trialDays: 14,
    prices: [
      { interval: 'month', currency: 'usd', amount: 9900 },
      { interval: 'year', currency: 'usd', amount: 99000 },
    ],
    limits: {
      knowledgeSources: 100,
      storedBytes: 10 * 1024 * MB,
      messagesPerMonth: 100000,
      modelSpendUsdPerMonth: 200,
      channels: 20,
      webhookEndpoints: 20,
      customActions: 50,
    },
    features: all,
  },
];

const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
const json = (value: unknown) => `${text(JSON.stringify(value))}::jsonb`;

/**
 * The plan catalog. `tenants.plan` was free text defaulting to `free` with nothing behind it,
 * so every existing workspace was in effect unlimited: they move to the hidden `unlimited`
 * plan (and any other name already in use becomes an unlimited plan of that name), so an
 * upgrade takes nothing away. New workspaces get the installation's default plan.
 */
export const m0028: Migration = {
  id: '0028_plans',
  sql: `
CREATE TABLE plans (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  description text NOT NULL DEFAULT '',
  public boolean NOT NULL DEFAULT true,
  archived boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0,
  trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
  grace_days integer NOT NULL DEFAULT 7 CHECK (grace_days BETWEEN 0 AND 90),
  prices jsonb NOT NULL DEFAULT '[]',
  limits jsonb NOT NULL DEFAULT '{}',
  features jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
${platformTableSql('plans')}
INSERT INTO plans (id, name, description, public, position, trial_days, prices, limits, features) VALUES
${seed
  .map(
    (p) =>
      `  (${text(p.id)}, ${text(p.name)}, ${text(p.description)}, ${p.public}, ${p.position}, ${p.trialDays}, ${json(p.prices)}, ${json(p.limits)}, ${json(p.features)})`,
  )
  .join(',\n')};
UPDATE tenants SET plan = 'unlimited' WHERE plan = 'free' OR plan !~ '^[a-z0-9][a-z0-9_-]{0,39}$';
INSERT INTO plans (id, name, description, public, position, features)
  SELECT DISTINCT t.plan, t.plan, 'Kept from before the plan catalog: no limits.', false, 100, ${json(all)}
  FROM tenants t WHERE NOT EXISTS (SELECT 1 FROM plans p WHERE p.id = t.plan);
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'unlimited';
ALTER TABLE tenants ADD CONSTRAINT tenants_plan_fkey FOREIGN KEY (plan) REFERENCES plans(id) ON UPDATE CASCADE;
`,
};
