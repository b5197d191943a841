// Replays every committed history against the current workflow code: if the interpreter would
// now issue different commands for a case that is already running, this fails.
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { recordedHistories } from '../infra/testing/histories.ts';

const histories = await recordedHistories();

describe('recorded histories replay on the current interpreter', () => {
  it('has histories to replay', () => {
    expect(histories.map((h) => h.name)).toEqual(expect.arrayContaining(['two-step-completed', 'cancelled-by-starter']));
  });

  it.each(histories)('$name', async ({ name, history }) => {
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, name)).resolves.toBeUndefined();
  });
});
