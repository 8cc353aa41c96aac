/**
 * Input generators for the import benchmark. No side effects on import: `npm run bench` calls them
 * to write files of a chosen size, then times `vibe-cost import` over them.
 */
import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs';
import {join} from 'node:path';

/** Buffers writes into about 1 MiB blocks: millions of small writeSync calls dominate otherwise. */
class BlockWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.bytes += writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const MODELS = ['gpt-5', 'claude-sonnet-4-5', 'gemini-2.5-pro', 'deepseek-v3'];

/** An N-row vibe-cost generic CSV with every optional column; returns the bytes written and the token sums. */
export function writeGenericCsv(path: string, rows: number): {bytes: number; input: number; output: number} {
  const out = new BlockWriter(path);
  out.line(
    'timestamp,model,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,task_id',
  );
  const start = Date.UTC(2026, 0, 1);
  let input = 0;
  let output = 0;
  for (let i = 0; i < rows; i++) {
    const inTok = 500 + ((i * 7919) % 20_000);
    const outTok = 50 + ((i * 104_729) % 3000);
    input += inTok;
    output += outTok;
    const when = new Date(start + i * 37_000).toISOString();
    out.line(
      `${when},${MODELS[i % MODELS.length]},${inTok},${outTok},${(i * 13) % 40_000},${(i * 31) % 2000},0.00${(i % 97) + 10},task-${i % 500}`,
    );
  }
  out.close();
  return {bytes: out.bytes, input, output};
}

const FILLER = 'The quick refactor touched the cart, the checkout and the tests; all green after a retry. ';

/** Source text as a tool writes it: quotes, backslashes and line breaks, each escaped in the JSON. */
const CODE =
  'const total = items.reduce((sum, item) => sum + item.price * item.qty, 0);\n  if (total > limit) throw new Error(`over the "limit": ${total}`);\n  const path = "C:\\\\build\\\\out";\n';

function text(bytes: number, seed: number, filler = FILLER): string {
  const repeated = filler.repeat(Math.ceil(bytes / filler.length) + 1);
  const from = seed % filler.length;
  return repeated.slice(from, from + bytes);
}

const TOOLS = ['Edit', 'Bash', 'Read', 'Write'];

/**
 * An assistant message's content as Claude Code logs it, in the shapes its sessions mix: prose
 * alone, prose then a tool call (an edit with code either side), or thinking with its signature then
 * a command. The lines come out from about 0.5 to 4 KB (the corpus' real ones are 0.8 to 1.5 KB),
 * so the import meets both short lines dense with small strings and long ones.
 */
function assistantContent(r: number, outputTokens: number): unknown[] {
  const size = 200 + ((r * 7919 + outputTokens) % 2800);
  switch (r % 5) {
    case 0:
    case 1:
      return [{type: 'text', text: text(size, r)}];
    case 2:
    case 3:
      return [
        {type: 'text', text: text(Math.floor(size / 6), r)},
        {
          type: 'tool_use',
          id: `toolu_bench${r}`,
          name: TOOLS[r % TOOLS.length],
          input: {
            file_path: '/home/dev/project/src/cart.ts',
            old_string: text(Math.floor(size / 2), r, CODE),
            new_string: text(Math.floor(size / 2), r + 1, CODE),
            replace_all: false,
          },
        },
      ];
    default:
      return [
        {
          type: 'thinking',
          thinking: text(Math.floor(size / 2), r),
          signature: text(400, r, 'EqQBCkYIBRgCKkBsig0x+/='),
        },
        {
          type: 'tool_use',
          id: `toolu_bench${r}`,
          name: 'Bash',
          input: {
            command: 'npm test -- --run test/cart.test.ts',
            description: 'run the cart tests',
            timeout: 120000,
          },
        },
      ];
  }
}

/** The models of a heavy user's year, with how often each answers: mostly Sonnet, some Opus, Haiku for the small turns. */
const CLAUDE_MODELS = [
  'claude-sonnet-4-5-20250929',
  'claude-sonnet-4-5-20250929',
  'claude-opus-4-5-20251101',
  'claude-sonnet-4-5-20250929',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-1-20250805',
  'claude-sonnet-4-5-20250929',
];

/**
 * A Claude Code projects tree (`<dir>/<project>/<session>.jsonl`) holding `usageLines` assistant lines
 * (assistantContent), each request preceded by a user line with a tool's result of a similar size. A `duplicateShare` of the
 * requests is written twice, the first copy with partial output, as Claude Code streams them. Several
 * models answer; cache writes are 5-minute, 1-hour or both, as Claude Code logs them. Returns what a
 * correct import must find: files, bytes, unique requests and their output after dedup.
 */
export function writeClaudeTree(
  dir: string,
  usageLines: number,
  duplicateShare: number,
  /** Requests a session file holds: 2,000 (10 MB) for a long session, a dozen for a short one. */
  perFile = 2000,
): {files: number; bytes: number; requests: number; duplicates: number; output: number} {
  const requests = Math.round(usageLines / (1 + duplicateShare));
  const duplicates = usageLines - requests;
  let files = 0;
  let bytes = 0;
  let output = 0;
  let out: BlockWriter | undefined;
  let session = '';
  for (let r = 0; r < requests; r++) {
    if (r % perFile === 0) {
      if (out) bytes += (out.close(), out.bytes);
      const project = join(dir, `-home-dev-project-${Math.floor(r / (perFile * 10))}`);
      mkdirSync(project, {recursive: true});
      session = `00000000-0000-4000-8000-${String(files).padStart(12, '0')}`;
      out = new BlockWriter(join(project, `${session}.jsonl`));
      files++;
    }
    const w = out!;
    const when = new Date(Date.UTC(2026, 1, 1) + r * 20_000).toISOString();
    const id = `msg_bench${String(r).padStart(12, '0')}`;
    const finalOutput = 20 + (r % 900);
    const writes = 400 + (r % 3000);
    // A third 5-minute only, a third 1-hour only, a third split between the two.
    const w5 = r % 3 === 0 ? writes : r % 3 === 1 ? 0 : Math.floor(writes / 2);
    output += finalOutput;
    const line = (outputTokens: number) =>
      JSON.stringify({
        parentUuid: `p-${r}`,
        isSidechain: false,
        userType: 'external',
        cwd: '/home/dev/project',
        sessionId: session,
        version: '2.1.40',
        gitBranch: 'main',
        message: {
          model: CLAUDE_MODELS[r % CLAUDE_MODELS.length],
          id,
          type: 'message',
          role: 'assistant',
          content: assistantContent(r, outputTokens),
          stop_reason: outputTokens === finalOutput ? 'tool_use' : null,
          stop_sequence: null,
          usage: {
            input_tokens: 3 + (r % 50),
            cache_creation_input_tokens: writes,
            cache_read_input_tokens: 20_000 + (r % 90_000),
            output_tokens: outputTokens,
            service_tier: 'standard',
            cache_creation: {ephemeral_5m_input_tokens: w5, ephemeral_1h_input_tokens: writes - w5},
          },
        },
        requestId: `req_bench${String(r).padStart(12, '0')}`,
        type: 'assistant',
        uuid: `u-${r}`,
        timestamp: when,
      });
    w.line(
      JSON.stringify({
        parentUuid: `u-${r - 1}`,
        isSidechain: false,
        sessionId: session,
        type: 'user',
        message: {
          role: 'user',
          content: [
            {
              tool_use_id: `toolu_bench${r - 1}`,
              type: 'tool_result',
              content: text(300 + ((r * 104_729) % 3000), r, CODE),
            },
          ],
        },
        uuid: `q-${r}`,
        timestamp: when,
      }),
    );
    // Spread the duplicated requests evenly through the tree.
    if (Math.floor(((r + 1) * duplicates) / requests) > Math.floor((r * duplicates) / requests))
      w.line(line(Math.floor(finalOutput / 3)));
    w.line(line(finalOutput));
  }
  if (out) bytes += (out.close(), out.bytes);
  return {files, bytes, requests, duplicates, output};
}
