import { describe, expect, it } from 'vitest';
import { heatOf } from './heat.ts';

const H = 3_600_000;

describe('the process-timing heatmap colour', () => {
  it('turns a node red when its time passes its due time, and says by how much', () => {
    // 30 h against a 3-day (24 working hours) target: 125 %.
    expect(heatOf(30 * H, 24 * H, 30 * H)).toEqual({ background: '#ffe3e3', border: '#c92a2a', over: true, ratio: 1.25 });
  });
  it('goes from green to yellow within the target', () => {
    expect(heatOf(0, 8 * H, 8 * H)?.background).toBe('#d3f9d8');
    expect(heatOf(8 * H, 8 * H, 8 * H)).toMatchObject({ background: '#fff3bf', over: false, ratio: 1 });
  });
  it('colours a node without a target against the slowest node, and leaves a node with no steps blank', () => {
    expect(heatOf(10 * H, null, 10 * H)?.background).toBe('#a5d8ff');
    expect(heatOf(null, 8 * H, 10 * H)).toBeNull();
  });
});
