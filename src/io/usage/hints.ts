/** Where the README tells what import reads: its section on the command, named by its heading. */
export const README_IMPORT = 'see "vibe-cost import FILE|DIR|- ..." in the README';
