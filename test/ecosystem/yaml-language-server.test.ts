import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/run.js';
import { aims, scaffold } from './helpers.js';

/**
 * The editor wiring, checked with the real yaml-language-server (the engine of VS Code's Red
 * Hat YAML extension and of most editors' YAML support), started over stdio and spoken to in
 * LSP with Content-Length framing. Inside an `aims init` scaffold, a risk record with a
 * typo'd field and an unknown enum value must get one diagnostic on each of those lines,
 * once through the `# yaml-language-server: $schema=` modeline that aims writes, and once
 * through the `yaml.schemas` mapping in the .vscode/settings.json that aims init writes.
 */

const SERVER = path.join(PROJECT_ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const WAIT_MS = 20_000;

interface Position {
  line: number;
  character: number;
}
interface LspDiagnostic {
  range: { start: Position; end: Position };
  message: string;
  severity?: number;
  source?: string;
}
interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}
interface ConfigurationParams {
  items: { section?: string; scopeUri?: string }[];
}
interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: LspDiagnostic[];
}
type YamlSettings = { validate: boolean; schemas: Record<string, string | string[]>; schemaStore: { enable: boolean } };

/** A minimal LSP client: requests with ids, notifications, answers to the server's own requests, diagnostics by URI. */
class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly diagnostics = new Map<string, LspDiagnostic[][]>();
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  constructor(private readonly settings: { yaml: YamlSettings }) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => void (this.stderr += chunk.toString()));
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return withTimeout(answer, WAIT_MS, `no answer to ${method}; server stderr: ${this.stderr}`);
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `done`, or the last ones seen when WAIT_MS runs out. */
  async diagnosticsFor(uri: string, done: (list: LspDiagnostic[]) => boolean): Promise<LspDiagnostic[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const published = this.diagnostics.get(uri) ?? [];
      const hit = published.find(done);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) return published[published.length - 1] ?? [];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.request('shutdown', null), 5_000, 'shutdown');
      this.notify('exit', null);
    } catch {
      // fall through to the kill below
    }
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    if (this.child.exitCode === null && this.child.signalCode === null) await exited;
    clearTimeout(timer);
  }

  private send(message: RpcMessage): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!length) throw new Error(`bad LSP header: ${this.buffer.subarray(0, headerEnd).toString()}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as RpcMessage;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(message: RpcMessage): void {
    if (message.method === undefined && typeof message.id === 'number') {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
      return;
    }
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: answer configuration from our settings, anything else with null.
      const result =
        message.method === 'workspace/configuration'
          ? (message.params as ConfigurationParams).items.map((item) => (item.section === 'yaml' ? this.settings.yaml : null))
          : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as PublishDiagnosticsParams;
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params.diagnostics);
      this.diagnostics.set(params.uri, list);
      for (const wake of this.waiters.splice(0)) wake();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function startServer(root: string, schemas: Record<string, string | string[]>): Promise<LspClient> {
  const settings = { yaml: { validate: true, schemas, schemaStore: { enable: false } } };
  const client = new LspClient(settings);
  const rootUri = pathToFileURL(root).href;
  await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'aims' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true }, synchronization: { dynamicRegistration: true } },
    },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings });
  return client;
}

/** 0-based line of the first line that starts with `prefix`. */
function lineOf(text: string, prefix: string): number {
  const index = text.split('\n').findIndex((l) => l.startsWith(prefix));
  expect(index, prefix).toBeGreaterThanOrEqual(0);
  return index;
}

function describeAll(list: readonly LspDiagnostic[]): string {
  return JSON.stringify(list.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`));
}

describe('yaml-language-server on an aims init scaffold', { timeout: 90_000 }, () => {
  let repo: { dir: string; cleanup: () => void };
  let recordFile: string;
  let broken: string;

  beforeAll(async () => {
    repo = await scaffold();
    // A real `aims new` record (with the modeline aims writes), then broken on purpose.
    const created = await aims(repo.dir, 'new', 'risk');
    expect(created.code, created.stderr).toBe(0);
    recordFile = path.join(repo.dir, created.stdout.trim());
    const text = readFileSync(recordFile, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toMatch(/^# likelihood: /m);
    expect(text).toMatch(/^status: open$/m);
    // The user rates the risk by uncommenting the line, and misspells it.
    broken = text.replace(/^# likelihood: .*$/m, 'likelyhood: possible').replace(/^status: open$/m, 'status: pending');
  }, 60_000);
  afterAll(() => repo.cleanup());

  it('through the modeline: one diagnostic on the typo line, one on the enum line', async () => {
    const client = await startServer(repo.dir, {});
    try {
      const uri = pathToFileURL(recordFile).href;
      const typoLine = lineOf(broken, 'likelyhood:');
      const enumLine = lineOf(broken, 'status:');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: broken } });
      const list = await client.diagnosticsFor(uri, (l) => l.some((d) => d.range.start.line === typoLine) && l.some((d) => d.range.start.line === enumLine));
      const onTypo = list.filter((d) => d.range.start.line === typoLine);
      const onEnum = list.filter((d) => d.range.start.line === enumLine);
      expect(onTypo, describeAll(list)).toHaveLength(1);
      expect(onEnum, describeAll(list)).toHaveLength(1);
      expect(onTypo[0]!.message).toContain('likelyhood');
      expect(onTypo[0]!.range.start.character).toBe(0);
      expect(onEnum[0]!.range.start.character).toBe('status: '.length);
      expect(onEnum[0]!.message).toMatch(/open/);
      for (const d of [...onTypo, ...onEnum]) expect(d.severity ?? 1).toBe(1);
    } finally {
      await client.stop();
    }
  });

  it('through the .vscode/settings.json mapping (any-record.schema.json), with the modeline removed', async () => {
    const settings = JSON.parse(readFileSync(path.join(repo.dir, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string | string[]> };
    const client = await startServer(repo.dir, settings['yaml.schemas']);
    try {
      const uri = pathToFileURL(recordFile).href;
      const text = broken.replace(/^# yaml-language-server:.*\n/, '');
      expect(text).not.toContain('yaml-language-server');
      const typoLine = lineOf(text, 'likelyhood:');
      const enumLine = lineOf(text, 'status:');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const list = await client.diagnosticsFor(uri, (l) => l.some((d) => d.range.start.line === typoLine) && l.some((d) => d.range.start.line === enumLine));
      expect(list.filter((d) => d.range.start.line === typoLine), describeAll(list)).toHaveLength(1);
      expect(list.filter((d) => d.range.start.line === enumLine), describeAll(list)).toHaveLength(1);
      expect(list.find((d) => d.range.start.line === typoLine)!.message).toContain('likelyhood');
    } finally {
      await client.stop();
    }
  });

  it('reports nothing for the same text with neither modeline nor mapping (so the two above come from aims’ schemas)', async () => {
    const client = await startServer(repo.dir, {});
    try {
      const uri = pathToFileURL(recordFile).href;
      const text = broken.replace(/^# yaml-language-server:.*\n/, '');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const list = await client.diagnosticsFor(uri, () => true);
      expect(list, describeAll(list)).toEqual([]);
    } finally {
      await client.stop();
    }
  });

  it('checks aims.yaml against the config schema through its modeline', async () => {
    const client = await startServer(repo.dir, {});
    try {
      const file = path.join(repo.dir, 'aims.yaml');
      const text = `${readFileSync(file, 'utf8')}max_file_sise: 10\n`;
      const uri = pathToFileURL(file).href;
      const typoLine = lineOf(text, 'max_file_sise:');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const list = await client.diagnosticsFor(uri, (l) => l.some((d) => d.range.start.line === typoLine));
      expect(list.filter((d) => d.range.start.line === typoLine), describeAll(list)).toHaveLength(1);
      expect(list.filter((d) => d.range.start.line !== typoLine), describeAll(list)).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});
