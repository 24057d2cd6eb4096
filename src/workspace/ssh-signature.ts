import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '../model/errors.js';

/**
 * Signs and verifies a pack's manifest with `ssh-keygen -Y`, the signature format git uses for
 * SSH-signed commits, under a namespace of its own so a pack signature can never pass for a
 * commit or e-mail signature (and the reverse).
 */
export const SIGNATURE_NAMESPACE = 'aims-pack';
const SSH_KEYGEN = 'ssh-keygen';

interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], input: Uint8Array): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(SSH_KEYGEN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new InputError('ssh-keygen was not found', 'install OpenSSH (the openssh-client package) to sign or check pack signatures') : error);
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // ssh-keygen may exit before reading everything
    child.stdin.end(input);
  });
}

/** The armoured signature of `data` with the private key (or, through ssh-agent, the public key) at `keyFile`. */
export async function signData(data: Uint8Array, keyFile: string): Promise<Uint8Array> {
  const result = await run(['-Y', 'sign', '-q', '-f', keyFile, '-n', SIGNATURE_NAMESPACE], data);
  if (result.code !== 0 || !result.stdout.includes('BEGIN SSH SIGNATURE')) {
    throw new InputError(`could not sign with ${keyFile}: ${firstLine(result.stderr) || `ssh-keygen exit ${result.code}`}`, 'pass an SSH private key without a passphrase, or a public key whose private half is in ssh-agent');
  }
  return Buffer.from(result.stdout, 'utf8');
}

export type SignatureCheck = { status: 'good'; signer: string; key: string } | { status: 'unknown-signer' | 'bad'; detail: string };

/**
 * Checks a signature against an allowed-signers file (git's gpg.ssh.allowedSignersFile format):
 * which listed principal's key made it, then that the signature is good for exactly these bytes.
 */
export async function verifyData(data: Uint8Array, signature: Uint8Array, allowedSigners: string): Promise<SignatureCheck> {
  const folder = await mkdtemp(path.join(tmpdir(), 'aims-signature-'));
  try {
    const sigFile = path.join(folder, 'manifest.json.sig');
    await writeFile(sigFile, signature);
    const found = await run(['-Y', 'find-principals', '-s', sigFile, '-f', allowedSigners], new Uint8Array());
    const principals = found.code === 0 ? found.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '') : [];
    if (principals.length === 0) {
      return { status: 'unknown-signer', detail: firstLine(found.stderr) || `the key that signed it is not in ${allowedSigners}` };
    }
    let last = '';
    for (const principal of principals) {
      const result = await run(['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', SIGNATURE_NAMESPACE, '-s', sigFile], data);
      if (result.code === 0) return { status: 'good', signer: principal, key: /key (SHA256:\S+)/.exec(result.stdout)?.[1] ?? '' };
      last = firstLine(result.stderr) || firstLine(result.stdout);
    }
    return { status: 'bad', detail: last || 'the signature does not match manifest.json' };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}
