/** The commands, in the order help and errors list them. */
export const COMMANDS = [
  'simulate',
  'recommend',
  'breakeven',
  'import',
  'platform',
  'prices',
  'sql',
  'dashboard',
  'completion',
] as const;

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
