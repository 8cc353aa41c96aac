/** The commands, in the order help and errors list them. */
export const COMMANDS = [
  'simulate',
  'recommend',
  'breakeven',
  'import',
  'platform',
  'dashboard',
  'prices',
  'sql',
  'completion',
] as const;

/** The actions `prices` takes. */
export const PRICES_ACTIONS = ['list', 'show', 'validate', 'update'];

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
