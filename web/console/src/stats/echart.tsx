// One ECharts chart, tree-shaken: only the charts and components the dashboard draws are bundled, in the
// dashboard's own lazy chunk. Tooltips use the text-only renderer (richText, drawn on the canvas): no label,
// unit name or code ever becomes HTML (DESIGN §7.4), and no inline style reaches the CSP.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartClick {
  readonly name: string;
  readonly dataIndex: number;
  readonly seriesIndex: number;
}

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export function EChart(props: { option: ChartOption; height: number; onClick?: (e: ChartClick) => void; testId?: string }): ReactNode {
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    if (el.current === null) return undefined;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => onClick.current?.({ name: p.name, dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, ...props.option, tooltip: { renderMode: 'richText', confine: true, ...(props.option.tooltip as object | undefined) } }, true);
  }, [props.option]);

  return <div ref={el} className="zt-chart" data-testid={props.testId} style={{ height: props.height }} />;
}
