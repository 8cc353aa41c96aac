import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size from Ink's stdout, kept current on 'resize' (Ink 6.8 has no useWindowSize). */
export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const read = (): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // read() only reads stdout, so stdout is the one dependency.
  }, [stdout]);
  return size;
}
