import {describe, expect, it} from 'vitest';
import {parseProfile, profileDocument} from '../../src/core/simulation/profile.js';
import {loadProfile} from '../../src/io/load-data.js';

describe('profile files', () => {
  it.each(['hobbyist', 'daily-driver', 'team'])('%s survives a save and a load unchanged', (name) => {
    const profile = loadProfile(name);
    const again = parseProfile(JSON.parse(profileDocument(profile)), profile.origin);
    expect(again).toEqual(profile);
  });

  it('keeps an empirical size distribution', () => {
    const profile = loadProfile('hobbyist');
    const withSizes = {
      ...profile,
      classes: profile.classes.map((c) => ({...c, sizeQuantiles: [0.2, 0.5, 1, 3]})),
    };
    expect(parseProfile(JSON.parse(profileDocument(withSizes)), 'x').classes[0]?.sizeQuantiles).toEqual([
      0.2, 0.5, 1, 3,
    ]);
  });
});
