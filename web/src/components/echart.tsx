// A thin React wrapper around an ECharts instance (tree-shaken core with the parts Cordon uses).
import { BarChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([MapChart, ScatterChart, BarChart, GeoComponent, GridComponent, TooltipComponent, LegendComponent, LabelLayout, CanvasRenderer]);

export { echarts };
export type EChartsOption = Parameters<echarts.ECharts['setOption']>[0];
export type EChartClick = (params: { componentType?: string; seriesType?: string; name?: string; data?: unknown }) => void;

interface Props {
  option: EChartsOption;
  onClick?: EChartClick;
  style?: CSSProperties;
  testId?: string;
}

export function EChart({ option, onClick, style, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.(p as Parameters<EChartClick>[0]));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height: 520, ...style }} />;
}
