import {PATHS} from '../core/router.js';
import type {SimulateReport} from '../core/simulate-report.js';
import {recommendationJson, runJson, scenarioJson, SCHEMA_VERSION, strategyJson, usd} from './json.js';

export function simulateJson(report: SimulateReport) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'simulate',
    tasks: report.tasks,
    ...scenarioJson(report.scenario, report.prices),
    paths: Object.fromEntries(
      PATHS.map((path) => {
        const {strategy, batch, month, notApplicable} = report.paths[path];
        if (notApplicable) return [path, {strategy: strategyJson(strategy), notApplicable}];
        return [path, {...runJson(batch), strategy: strategyJson(strategy), monthlyUsd: usd(month.totalUsd), month: runJson(month)}];
      }),
    ),
    cheapest: report.cheapest,
    recommendation: recommendationJson(report.recommendation),
  };
}
