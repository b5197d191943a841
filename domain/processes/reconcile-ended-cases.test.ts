// What the case list says about a case whose workflow ended outside the product.
import { describe, expect, it } from 'vitest';
import { endingOf } from './reconcile-ended-cases.ts';

describe('endingOf', () => {
  it('fails the case with the reason Temporal gives', () => {
    expect(endingOf('Terminated', 'Workflow history size / count exceeds limit.')).toEqual({
      status: 'failed',
      reason: 'The workflow was terminated in Temporal: Workflow history size / count exceeds limit.',
    });
    expect(endingOf('Terminated')).toEqual({ status: 'failed', reason: 'The workflow was terminated in Temporal' });
    expect(endingOf('TimedOut').reason).toContain('timed out');
    expect(endingOf('Failed', 'boom')).toEqual({ status: 'failed', reason: 'The workflow failed in Temporal: boom' });
  });

  it('cancels a case whose workflow was cancelled, and fails one that completed unrecorded', () => {
    expect(endingOf('Canceled').status).toBe('cancelled');
    expect(endingOf('Completed')).toEqual({ status: 'failed', reason: 'The workflow completed in Temporal without recording how the case ended' });
  });
});
