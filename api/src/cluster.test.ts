import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './cluster';

describe('workerExecArgv', () => {
  it('gives API workers a 32 MB young generation unless the operator chose one', () => {
    expect(workerExecArgv(['--import', 'tsx'], '')).toEqual(['--import', 'tsx', '--max-semi-space-size=32']);
    expect(workerExecArgv(['--max-semi-space-size=64'], '')).toEqual(['--max-semi-space-size=64']);
    expect(workerExecArgv([], '--max-old-space-size=512 --max-semi-space-size=8')).toEqual([]);
  });
});
