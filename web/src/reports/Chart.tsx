// One wrapper for every report chart: ECharts through echarts-for-react's core build with only the
// chart kinds the reports use (tree-shaken, loaded with the report pages only), the SVG renderer
// (crisp, and its text is real text), Mantine's colours and font, numbers in the chosen language,
// an accessible name for screen readers, and no animation when the reader asked for less motion.
import { useMantineTheme } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import type { EChartsOption } from 'echarts';
import { BarChart, FunnelChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import EChartsCoreModule from 'echarts-for-react/esm/core.js';
import type { EChartsReactProps } from 'echarts-for-react/esm/types.js';
import { useMemo, type ComponentType } from 'react';

// TypeScript reads the package (no "type": "module") as CommonJS and sees a module object; Vite
// loads the ESM build, whose default export is the component. Either way, take the component.
const ReactEChartsCore = ((EChartsCoreModule as unknown as { default?: unknown }).default ?? EChartsCoreModule) as ComponentType<EChartsReactProps>;

echarts.use([BarChart, LineChart, FunnelChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, DatasetComponent, VisualMapComponent, MarkLineComponent, SVGRenderer]);

export interface ChartProps {
  /** What the chart shows, read out by screen readers (the figures are in the table beside it). */
  label: string;
  option: EChartsOption;
  height?: number;
  testId?: string;
  onClick?: (params: { name: string; dataIndex: number; seriesIndex?: number }) => void;
}

/** The series colours, from the app's Mantine palette (shade 7: readable on white). */
export function useChartColors(): string[] {
  const theme = useMantineTheme();
  const c = theme.colors;
  return [c.indigo[7], c.teal[7], c.orange[7], c.grape[7], c.cyan[8], c.red[7], c.lime[8], c.gray[6]];
}

export function Chart({ label, option, height = 280, testId, onClick }: ChartProps) {
  const theme = useMantineTheme();
  const reduce = useReducedMotion();
  const colors = useChartColors();
  const full = useMemo<EChartsOption>(() => ({
    color: colors,
    animation: !reduce,
    textStyle: { fontFamily: theme.fontFamily ?? 'system-ui, sans-serif', color: theme.colors.dark[7] },
    aria: { enabled: true, label: { description: label } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    ...option,
  }), [colors, reduce, theme, label, option]);
  const onEvents = useMemo(() => (onClick ? { click: onClick } : undefined), [onClick]);
  return (
    <div role="img" aria-label={label} data-testid={testId} className="report-chart">
      <ReactEChartsCore echarts={echarts} option={full} notMerge opts={{ renderer: 'svg' }} style={{ height, width: '100%' }} {...(onEvents ? { onEvents } : {})} />
    </div>
  );
}
