import {mkdtempSync, rmSync} from 'node:fs';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import type {DuckDBConnection} from '@duckdb/node-api';
import {UserError} from '../../../errors.js';

/** sysexits EX_UNAVAILABLE: the engine asked for cannot run on this machine. */
const UNAVAILABLE = 69;

export interface DuckDbSettings {
  /** DuckDB's memory_limit ('2GB'); DuckDB's own default (80% of RAM) when absent. */
  readonly memoryLimit?: string;
  readonly threads?: number;
}

export interface OpenDuckDb {
  readonly connection: DuckDBConnection;
  /** Closes the database and removes the folder its spilled groups went to. */
  close(): void;
}

/**
 * An in-memory DuckDB whose grouping and sorting spill to a folder of their own (without
 * temp_directory, a memory limit ends in out-of-memory), that never downloads an extension.
 * The package loads here, only when the engine is asked for: other commands start without it.
 */
export async function openDuckDb(settings: DuckDbSettings = {}): Promise<OpenDuckDb> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch (error) {
    throw new UserError(
      `--engine duckdb: DuckDB's native binding did not load on ${process.platform}-${process.arch} (${(error as Error).message.split('\n')[0]})`,
      UNAVAILABLE,
      'reinstall vibe-cost on this machine (npm ci installs the binding for its platform), or leave out --engine duckdb to use the streaming reader',
    );
  }
  const spill = mkdtempSync(join(tmpdir(), 'vibe-cost-duckdb-'));
  const instance = await api.DuckDBInstance.create(':memory:', {
    temp_directory: spill,
    threads: String(settings.threads ?? availableParallelism()),
    ...(settings.memoryLimit ? {memory_limit: settings.memoryLimit} : {}),
    // JSON, Parquet and ICU are built in; nothing is fetched from the network.
    autoinstall_known_extensions: 'false',
    // The rows' order is never used: DuckDB may then stream and spill more freely.
    preserve_insertion_order: 'false',
  });
  const connection = await instance.connect();
  // Days are UTC days whatever the machine's zone (ICU, which sets it, loads after start-up).
  await connection.run("SET TimeZone = 'UTC'");
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, {recursive: true, force: true});
    },
  };
}
