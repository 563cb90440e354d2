import { spawn } from 'node:child_process';
import { repoRoot } from '@pams/gateway';

/**
 * Runs tools/deploy as an operator would; resolves with its output, or with '' when `print` sends the
 * output straight to this process's own.
 */
export function deployCli(args: string[], { print = false }: { print?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/deploy/deploy-cli.ts', ...args], {
      cwd: repoRoot,
      stdio: print ? ['ignore', 'inherit', 'inherit'] : 'pipe',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`deploy-cli ${args.join(' ')} failed (exit ${code}):\n${output}`))));
  });
}
