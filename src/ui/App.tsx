import {useEffect, useMemo, useReducer, useState} from 'react';
import {Box, useApp, useInput, useStdin} from 'ink';
import type {Scenario} from '../core/simulation/scenario.js';
import type {SimulateReport} from '../core/simulation/simulate-report.js';
import {renderSimulateCsv, renderSimulateMarkdown, simulateJson} from '../output/simulate-render.js';
import {formatUsd, plural} from '../output/format.js';
import {ChartPanel} from './components/ChartPanel.js';
import {InputsPanel} from './components/InputsPanel.js';
import {Lines} from './components/Lines.js';
import {Picker} from './components/Picker.js';
import {RecommendationPanel} from './components/RecommendationPanel.js';
import {ResultsPanel} from './components/ResultsPanel.js';
import {StatusBar} from './components/StatusBar.js';
import {TextPanel} from './components/TextPanel.js';
import {chartOf, reportOf, scenarioOf, subscriptionLinesOf, type ChartText, type Context} from './derive.js';
import {keysUsed, newKeys} from '../core/routing/strategy.js';
import type {DashboardIO} from './io.js';
import {profileDocument} from '../core/simulation/profile.js';
import {helpRows, splitTyped} from './keymap.js';
import {layoutFor} from './layout.js';
import {dashboardText} from './setting-words.js';
import {pickItems, reducer, type DashboardState, type Request} from './state.js';
import {fit} from './text.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface AppProps {
  readonly initial: DashboardState;
  readonly context: Context;
  readonly io: DashboardIO;
  /** False under NO_COLOR: the same text, no styles. */
  readonly colour: boolean;
}

type Built = {readonly scenario: Scenario; readonly report: SimulateReport} | {readonly error: string};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs one request outside the reducer and says how it went, as an action. */
async function perform(
  request: Request,
  io: DashboardIO,
  built: Built,
): Promise<Parameters<typeof reducer>[1]> {
  try {
    switch (request.kind) {
      case 'load-profile':
        return {type: 'profile-loaded', profile: io.loadProfile(request.name)};
      case 'load-plan':
        return {type: 'plan-loaded', plan: io.loadPlan(request.name)};
      case 'import':
        if ('error' in built) return {type: 'done', notice: `error: ${built.error}`};
        return {
          type: 'replay-loaded',
          replay: await io.replay(request.paths ?? [request.path], built.scenario.plan),
        };
      case 'save': {
        if ('error' in built) return {type: 'done', notice: `error: ${built.error}`};
        const id = request.path.replace(/^.*\//, '').replace(/\.json$/, '') || built.scenario.profile.id;
        io.write(
          request.path,
          profileDocument({...built.scenario.profile, id, name: `${built.scenario.profile.name} (edited)`}),
          'save profile',
        );
        return {type: 'done', notice: `profile saved to ${request.path}`};
      }
      case 'export': {
        if ('error' in built) return {type: 'done', notice: `error: ${built.error}`};
        const {report} = built;
        const text = request.path.endsWith('.csv')
          ? renderSimulateCsv(report)
          : request.path.endsWith('.md')
            ? renderSimulateMarkdown(report)
            : `${JSON.stringify(simulateJson(report), null, 2)}\n`;
        io.write(request.path, text.endsWith('\n') ? text : `${text}\n`, 'export');
        return {type: 'done', notice: `result exported to ${request.path}`};
      }
    }
  } catch (error) {
    return {type: 'done', notice: `error: ${message(error)}`};
  }
}

/** The smallest terminal the dashboard lays out in. */
const MIN = {columns: 80, rows: 24};

export function App({initial, context, io, colour}: AppProps) {
  const [state, dispatch] = useReducer(reducer, initial);
  const {exit} = useApp();
  const {isRawModeSupported} = useStdin();
  const size = useTerminalSize();
  const layout = layoutFor(size);

  const built = useMemo((): Built => {
    try {
      const scenario = scenarioOf(state.inputs, context);
      return {scenario, report: reportOf(scenario, state.inputs, context)};
    } catch (error) {
      return {error: message(error)};
    }
  }, [state.inputs, context]);

  const showChart = !state.reasons && !state.replay && state.mode.kind !== 'help' && layout.chartHeight > 0;
  // The chart (breakeven() prices a month at many volumes) follows a frame behind, so the figures
  // update at once on a key; until it lands, the previous chart stays.
  const [chart, setChart] = useState<ChartText | undefined>(undefined);
  useEffect(() => {
    if (!showChart || 'error' in built) return;
    const timer = setTimeout(
      () =>
        setChart(
          chartOf(state.chart, built.scenario, built.report, layout.width, layout.chartHeight, context),
        ),
      0,
    );
    return () => clearTimeout(timer);
  }, [showChart, built, state.chart, layout.width, layout.chartHeight]);

  useInput(
    (input, key) => {
      for (const stroke of splitTyped(input, key)) dispatch({type: 'key', ...stroke});
    },
    {isActive: isRawModeSupported},
  );
  useEffect(() => {
    if (state.quitting) exit();
  }, [state.quitting, exit]);

  useEffect(() => {
    const {request} = state;
    if (!request) return;
    let live = true;
    void perform(request, io, built).then((action) => {
      if (live) dispatch(action);
    });
    return () => {
      live = false;
    };
    // A request runs once, against the result on screen when it was made: only a new request reruns this.
  }, [state.request]);

  const {inputs, mode} = state;
  const title = `vibe-cost dashboard · ${inputs.profile.id} · ${inputs.plan.name} · ${plural(inputs.tasksPerDay, 'task/day', 'tasks/day')} × ${plural(inputs.workingDays, 'day')}`;
  const right = (() => {
    if (mode.kind === 'pick') {
      const items = pickItems(state.catalog, mode.pick, mode.filter);
      return (
        <Picker
          title={`Pick a ${mode.pick}`}
          filter={mode.filter}
          items={items}
          index={mode.index}
          width={layout.rightWidth}
          height={layout.topHeight}
          colour={colour}
        />
      );
    }
    if ('error' in built)
      return (
        <TextPanel
          title="Cannot compute this scenario"
          paragraphs={[built.error, '', 'u undoes the last change.']}
          width={layout.rightWidth}
          height={layout.topHeight}
          colour={colour}
        />
      );
    return (
      <Box flexDirection="column">
        <ResultsPanel
          report={built.report}
          width={layout.rightWidth}
          height={layout.resultsHeight}
          colour={colour}
        />
        <RecommendationPanel
          recommendation={built.report.recommendation}
          keysToAdd={newKeys(built.report.recommendation.strategy, inputs.keys)}
          usesKeys={keysUsed(built.report.recommendation.strategy).length > 0}
          held={inputs.keys}
          width={layout.rightWidth}
          height={layout.topHeight - layout.resultsHeight}
          colour={colour}
        />
      </Box>
    );
  })();
  const bottom = (() => {
    if (state.replay) {
      const r = state.replay;
      const rows = r.rows.map(
        (row) =>
          `${row.complete ? '' : '≥'}${formatUsd(row.totalUsd)} — ${row.label}${row.unserved ? ` (${row.unserved} not served)` : ''}`,
      );
      return (
        <TextPanel
          title={fit(
            `Replay of ${r.path}: ${r.records} records over ${r.days} days, re-priced per strategy · esc closes`,
            layout.width,
          )}
          paragraphs={rows}
          width={layout.width}
          height={layout.bottomHeight}
          colour={colour}
        />
      );
    }
    if (state.reasons && !('error' in built)) {
      return (
        <TextPanel
          title="Why this recommendation · r or c: back to the chart"
          // The subscriptions asked about with --subscription come first: the panel shows what fits.
          paragraphs={[
            ...subscriptionLinesOf(built.scenario, context).map((l) => `- ${l}`),
            ...built.report.recommendation.reasons.map((r) => `- ${dashboardText(r)}`),
          ]}
          width={layout.width}
          height={layout.bottomHeight}
          colour={colour}
        />
      );
    }
    if (chart)
      return <ChartPanel title={chart.title} lines={chart.lines} width={layout.width} colour={colour} />;
    return layout.bottomHeight > 0 ? (
      <Lines
        lines={[{text: fit('(the chart needs a taller terminal)', layout.width), dim: true}]}
        width={layout.width}
        colour={colour}
      />
    ) : null;
  })();

  if (size.columns < MIN.columns || size.rows < MIN.rows) {
    // Below this the header would scroll away: say so, and redraw when the terminal grows.
    const text = `terminal too small (need ${MIN.columns}×${MIN.rows}, have ${size.columns}×${size.rows}) · q quits`;
    return (
      <Lines
        lines={[{text: fit(text, Math.max(1, size.columns - 1)), bold: true}]}
        width={Math.max(1, size.columns - 1)}
        colour={colour}
      />
    );
  }

  if (mode.kind === 'help') {
    // One section a mode, each headed; a key answered the same way in every mode is listed once.
    const seen = new Set<string>();
    const section = (title: string, kind: 'normal' | 'pick' | 'edit') => [
      {keys: title, help: ''},
      ...helpRows(kind).filter(
        (r) => !seen.has(`${r.keys}${r.help}`) && Boolean(seen.add(`${r.keys}${r.help}`)),
      ),
    ];
    const rows = [
      ...section('— moving and changing —', 'normal'),
      ...section('— in a list —', 'pick'),
      ...section('— typing a number —', 'edit'),
    ];
    const half = Math.ceil(rows.length / 2);
    const column = Math.floor((layout.width - 1) / 2);
    const cell = (i: number) => (rows[i] ? fit(`${rows[i].keys.padEnd(10)} ${rows[i].help}`, column) : '');
    const lines = Array.from({length: half}, (_, i) => `${cell(i).padEnd(column)} ${cell(i + half)}`);
    return (
      <Box flexDirection="column" width={size.columns}>
        <TextPanel
          title="Help · every key the dashboard answers (from its keymap)"
          paragraphs={[]}
          width={layout.width}
          height={1}
          colour={colour}
        />
        <Lines
          lines={lines.slice(0, size.rows - 3).map((text) => ({text: fit(text, layout.width)}))}
          width={layout.width}
          colour={colour}
        />
        <StatusBar
          mode={mode}
          help={helpRows('help', 'bar')}
          notice={undefined}
          busy={false}
          width={layout.width}
          colour={colour}
        />
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={size.columns}>
      <Lines lines={[{text: fit(title, layout.width), bold: true}]} width={layout.width} colour={colour} />
      <Box flexDirection="row" height={layout.topHeight}>
        <InputsPanel
          inputs={inputs}
          scenario={'error' in built ? undefined : built.scenario}
          focus={state.focus}
          mode={mode}
          providers={state.catalog.providers}
          keyCursor={state.keyCursor}
          width={layout.leftWidth}
          colour={colour}
        />
        <Box width={layout.gap} />
        {right}
      </Box>
      {bottom}
      <StatusBar
        mode={mode}
        help={helpRows(mode.kind, 'bar')}
        notice={state.notice}
        busy={state.request !== undefined}
        width={layout.width}
        colour={colour}
      />
    </Box>
  );
}
