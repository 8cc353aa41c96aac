import {render, cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {App} from '../../src/ui/App.js';
import {memoryIO, opening} from './helpers.js';
import {loadSubscriptionPlan} from '../../src/io/load-data.js';
import {Money} from '../../src/core/money.js';

const RIGHT = '\u001B[C';
const DOWN = '\u001B[B';

afterEach(() => cleanup());

function start(profile = 'daily-driver', plan = 'vibekit') {
  const {state, context} = opening(profile, plan);
  const io = memoryIO();
  const ui = render(<App initial={state} context={context} io={io} colour={false} />);
  return {...ui, io};
}

const monthly = (frame: string | undefined, path: string) =>
  new RegExp(`${path}\\s+(\\$[\\d,.]+)/mo`).exec(frame ?? '')?.[1];

describe('dashboard App', () => {
  it('recomputes the monthly cost when tasks per day change', async () => {
    const {lastFrame, stdin} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 252 tasks'));
    const before = monthly(lastFrame(), 'BYOK');
    expect(before).toBeDefined();
    stdin.write(RIGHT);
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 273 tasks'));
    expect(lastFrame()).toMatch(/tasks\/day\s+13/);
    expect(monthly(lastFrame(), 'BYOK')).not.toBe(before);
    // Typed digits then enter.
    stdin.write('4');
    await vi.waitFor(() => expect(lastFrame()).toContain('4█'));
    stdin.write('0');
    stdin.write('\r');
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 840 tasks'));
  });

  it('shows the recommendation change when a provider key is toggled, and no-key sets key setups aside', async () => {
    const {lastFrame, stdin} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('Keys: add a key for anthropic'));
    stdin.write('k');
    await vi.waitFor(() => expect(lastFrame()).toContain('Keys: uses the key you hold (anthropic)'));
    expect(lastFrame()).toContain('‹anthropic› ✓ held');
    const recommended = /Recommended: (.*) —/.exec(lastFrame() ?? '')?.[1];
    // Up from tasks/day past the first field to the last (no-key), and space toggles it.
    stdin.write('\u001B[A');
    await vi.waitFor(() => expect(lastFrame()).toMatch(/› profile/));
    stdin.write('\u001B[A');
    await vi.waitFor(() => expect(lastFrame()).toMatch(/› no-key/));
    stdin.write(' ');
    await vi.waitFor(() => expect(lastFrame()).toContain('yes: no key setups'));
    await vi.waitFor(() => expect(/Recommended: (.*) —/.exec(lastFrame() ?? '')?.[1]).not.toBe(recommended));
    expect(lastFrame()).toContain('Keys: needs no provider key');
    // The reasons name the setting by the field that set it, not by the CLI's flag.
    stdin.write('r');
    await vi.waitFor(() => expect(lastFrame()).toContain('Why this recommendation'));
    expect(lastFrame()?.replace(/\s+/g, ' ')).toContain(
      'worth managing (key-worth setting, set when it opens)',
    );
    expect(lastFrame()).not.toMatch(/--[a-z]/);
  });

  it('takes the key-worth set when it opens: at $1 a hobbyist is sent to add the key that saves $1.48', async () => {
    const recommended = async (keyWorthUsd?: Money) => {
      const {state, context} = opening('hobbyist', 'vibekit');
      const ui = render(
        <App
          initial={state}
          context={keyWorthUsd ? {...context, keyWorthUsd} : context}
          io={memoryIO()}
          colour={false}
        />,
      );
      await vi.waitFor(() => expect(ui.lastFrame()).toContain('Keys: '));
      const frame = ui.lastFrame() ?? '';
      ui.unmount();
      return frame;
    };
    expect(await recommended()).toContain('Keys: needs no provider key');
    expect(await recommended(new Money(1))).toContain('Keys: add a key for anthropic');
  });

  it('weighs the subscriptions given with --subscription in the reasons panel', async () => {
    const {state, context} = opening();
    const subscriptions = {plans: [loadSubscriptionPlan('claude-max-5x')], onLimits: ['key' as const]};
    const {lastFrame, stdin} = render(
      <App initial={state} context={{...context, subscriptions}} io={memoryIO()} colour={false} />,
    );
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 252 tasks'));
    stdin.write('r');
    await vi.waitFor(() => expect(lastFrame()).toContain('Why this recommendation'));
    const text = lastFrame()?.replace(/\s+/g, ' ');
    expect(text).toContain('Claude Max 5×, your key past the limit: $311.08');
    expect(text).not.toMatch(/--[a-z]/);
  });

  it('switches plan from the list with type-to-filter', async () => {
    const {lastFrame, stdin} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('VibeKit-style'));
    stdin.write('p');
    await vi.waitFor(() => expect(lastFrame()).toContain('Pick a plan'));
    stdin.write('cur');
    await vi.waitFor(() => expect(lastFrame()).toContain('filter: cur█'));
    stdin.write('\r');
    await vi.waitFor(() => expect(lastFrame()).toContain('Cursor Pro-style'));
    expect(lastFrame()).toMatch(/plan\s+cursor-pro/);
    expect(lastFrame()).toContain('Credits:');
  });

  it('opens and closes the help overlay, generated from the keymap', async () => {
    const {lastFrame, stdin} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('A month:'));
    stdin.write('?');
    await vi.waitFor(() => expect(lastFrame()).toContain('Help · every key'));
    expect(lastFrame()).toContain('undo');
    expect(lastFrame()).toContain('import a usage file');
    stdin.write('?');
    await vi.waitFor(() => expect(lastFrame()).toContain('A month:'));
  });

  it('undoes a change', async () => {
    const {lastFrame, stdin} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 252 tasks'));
    stdin.write(RIGHT);
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 273 tasks'));
    stdin.write(DOWN);
    stdin.write(RIGHT);
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 286 tasks'));
    stdin.write('u');
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 273 tasks'));
    stdin.write('u');
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 252 tasks'));
    expect(lastFrame()).toContain('undone');
  });

  it('switches the chart to the month day by day, with the credit cliff', async () => {
    const {lastFrame, stdin} = start('team', 'credits-builder');
    await vi.waitFor(() => expect(lastFrame()).toContain('Monthly cost vs tasks/day'));
    stdin.write('c');
    await vi.waitFor(() => expect(lastFrame()).toContain('credits run out on day'));
    expect(lastFrame()).toContain('day 21');
  });

  it('exports the result and saves the profile through the io', async () => {
    const {lastFrame, stdin, io} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('A month:'));
    stdin.write('e');
    await vi.waitFor(() =>
      expect(lastFrame()).toContain(
        'Export result to (.json/.csv/.md): [vibe-cost-result.json] (typing replaces it)',
      ),
    );
    // The suggested name is selected: what is typed replaces it.
    stdin.write('out.csv');
    stdin.write('\r');
    await vi.waitFor(() => expect(lastFrame()).toContain('result exported to out.csv'));
    expect(io.written.get('out.csv')).toMatch(/^path,/i);
    stdin.write('s');
    await vi.waitFor(() => expect(lastFrame()).toContain('Save profile to'));
    stdin.write('\r');
    await vi.waitFor(() => expect(lastFrame()).toContain('profile saved to daily-driver-edited.json'));
    expect(JSON.parse(io.written.get('daily-driver-edited.json') ?? '{}')).toMatchObject({
      id: 'daily-driver-edited',
      tasksPerDay: 12,
    });
  });

  it('below 80×24 says the terminal is too small instead of scrolling its header away, and comes back when it grows', async () => {
    const {lastFrame, stdout} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('A month:'));
    Object.defineProperty(stdout, 'columns', {value: 70, configurable: true});
    Object.defineProperty(stdout, 'rows', {value: 20, configurable: true});
    stdout.emit('resize');
    await vi.waitFor(() => expect(lastFrame()).toBe('terminal too small (need 80×24, have 70×20) · q quits'));
    Object.defineProperty(stdout, 'columns', {value: 80, configurable: true});
    Object.defineProperty(stdout, 'rows', {value: 24, configurable: true});
    stdout.emit('resize');
    await vi.waitFor(() => expect(lastFrame()).toContain('A month:'));
  });

  it('per-task amounts have one number of decimals down the column', async () => {
    const {lastFrame} = start();
    await vi.waitFor(() => expect(lastFrame()).toContain('A month: 252 tasks'));
    const decimals = [...(lastFrame() ?? '').matchAll(/\$[\d,]+\.(\d+)\/task/g)].map((m) => m[1]?.length);
    expect(decimals.length).toBe(3);
    expect(new Set(decimals).size).toBe(1);
  });

  it('fits 80 columns and 24 rows, and reflows on resize', async () => {
    const {lastFrame, stdout} = start('team', 'credits-builder');
    await vi.waitFor(() => expect(lastFrame()).toContain('A month:'));
    Object.defineProperty(stdout, 'columns', {value: 80, configurable: true});
    Object.defineProperty(stdout, 'rows', {value: 24, configurable: true});
    const widest = () => Math.max(...(lastFrame() ?? '').split('\n').map((l) => Array.from(l).length));
    expect(widest()).toBeGreaterThan(80);
    stdout.emit('resize');
    await vi.waitFor(() => expect(widest()).toBeLessThanOrEqual(80));
    await vi.waitFor(() => expect(lastFrame()).toMatch(/0 tasks\/day\s+288 tasks\/day/));
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(widest()).toBeLessThanOrEqual(80);
    expect(lastFrame()).toContain('Recommended:');
  });
});
