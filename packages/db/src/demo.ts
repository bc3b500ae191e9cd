/**
 * The two demo tenants that the local dev sign-in offers. Their ids are fixed
 * so links and tests stay stable across fresh databases. Demo data only: the
 * seed refuses to run in production.
 */
export interface DemoTenant {
  tenantId: string;
  tenantName: string;
  entityId: string;
  entityName: string;
  currency: string;
  country: string;
  user: { id: string; clerkUserId: string; email: string; name: string };
}

export const demoTenants: readonly DemoTenant[] = [
  {
    tenantId: '019ad000-0000-7000-8000-00000000a001',
    tenantName: 'Maple Studio',
    entityId: '019ad000-0000-7000-8000-00000000e001',
    entityName: 'Maple Studio LLC',
    currency: 'USD',
    country: 'US',
    user: { id: '019ad000-0000-7000-8000-00000000f001', clerkUserId: 'dev_ava', email: 'ava@maple.example', name: 'Ava Martin' },
  },
  {
    tenantId: '019ad000-0000-7000-8000-00000000a002',
    tenantName: 'Harbor Bakery',
    entityId: '019ad000-0000-7000-8000-00000000e002',
    entityName: 'Harbor Bakery Ltd',
    currency: 'GBP',
    country: 'GB',
    user: { id: '019ad000-0000-7000-8000-00000000f002', clerkUserId: 'dev_ben', email: 'ben@harbor.example', name: 'Ben Okafor' },
  },
];

export type GLType = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'INCOME' | 'EXPENSE';

/** A small-business default chart of accounts; categories point at the income and expense lines. */
export const defaultChartOfAccounts: readonly { code: string; name: string; type: GLType; category?: string }[] = [
  { code: '1000', name: 'Cash on hand', type: 'ASSET' },
  { code: '1010', name: 'Business checking', type: 'ASSET' },
  { code: '1200', name: 'Accounts receivable', type: 'ASSET' },
  { code: '2000', name: 'Accounts payable', type: 'LIABILITY' },
  { code: '2100', name: 'Credit card', type: 'LIABILITY' },
  { code: '2200', name: 'Sales tax payable', type: 'LIABILITY' },
  { code: '3000', name: "Owner's equity", type: 'EQUITY' },
  { code: '4000', name: 'Sales', type: 'INCOME', category: 'Sales' },
  { code: '4100', name: 'Services income', type: 'INCOME', category: 'Services' },
  { code: '6000', name: 'Advertising', type: 'EXPENSE', category: 'Advertising' },
  { code: '6100', name: 'Meals', type: 'EXPENSE', category: 'Meals' },
  { code: '6200', name: 'Office supplies', type: 'EXPENSE', category: 'Office supplies' },
  { code: '6300', name: 'Software and subscriptions', type: 'EXPENSE', category: 'Software' },
  { code: '6400', name: 'Travel', type: 'EXPENSE', category: 'Travel' },
  { code: '6500', name: 'Utilities', type: 'EXPENSE', category: 'Utilities' },
  { code: '6600', name: 'Rent', type: 'EXPENSE', category: 'Rent' },
  { code: '6700', name: 'Professional fees', type: 'EXPENSE', category: 'Professional fees' },
  { code: '6800', name: 'Bank fees', type: 'EXPENSE', category: 'Bank fees' },
  { code: '6900', name: 'Uncategorized expense', type: 'EXPENSE', category: 'Uncategorized' },
];

/** Recurring demo activity: [description, vendor, category, amount range in minor units, sign]. */
export const demoActivity: readonly { description: string; vendor: string; category: string; min: number; max: number; inflow: boolean }[] =
  [
    { description: 'Client payment', vendor: 'Northwind Traders', category: 'Services', min: 80_000, max: 320_000, inflow: true },
    { description: 'Online sales payout', vendor: 'Stripe', category: 'Sales', min: 20_000, max: 150_000, inflow: true },
    { description: 'Studio rent', vendor: 'Parkside Properties', category: 'Rent', min: 120_000, max: 120_000, inflow: false },
    { description: 'Design software', vendor: 'Figma', category: 'Software', min: 1_500, max: 4_500, inflow: false },
    { description: 'Team lunch', vendor: 'Corner Bistro', category: 'Meals', min: 2_400, max: 9_800, inflow: false },
    { description: 'Printer paper and ink', vendor: 'Office Depot', category: 'Office supplies', min: 1_200, max: 8_900, inflow: false },
    { description: 'Electricity', vendor: 'City Power', category: 'Utilities', min: 6_000, max: 14_000, inflow: false },
    { description: 'Train tickets', vendor: 'Rail Express', category: 'Travel', min: 3_500, max: 22_000, inflow: false },
    { description: 'Social ads', vendor: 'Meta Ads', category: 'Advertising', min: 5_000, max: 30_000, inflow: false },
    { description: 'Monthly account fee', vendor: 'First Bank', category: 'Bank fees', min: 500, max: 1_500, inflow: false },
  ];
