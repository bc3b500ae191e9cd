import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './cluster';

describe('workerExecArgv', () => {
  it('turns allocation-site pretenuring off for API workers unless the operator chose it', () => {
    expect(workerExecArgv(['--import', 'tsx'])).toEqual(['--import', 'tsx', '--no-allocation-site-pretenuring']);
    expect(workerExecArgv(['--allocation-site-pretenuring'])).toEqual(['--allocation-site-pretenuring']);
    expect(workerExecArgv(['--no-allocation-site-pretenuring', '--max-old-space-size=512'])).toEqual([
      '--no-allocation-site-pretenuring',
      '--max-old-space-size=512',
    ]);
  });
});
