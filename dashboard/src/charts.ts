import {ArcElement, BarController, BarElement, CategoryScale, Chart, ChartConfiguration, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip} from 'chart.js'

// Chart.js, registered with only what the page draws; no animation, so a chart is complete when drawn.
Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip)
Chart.defaults.animation = false
Chart.defaults.maintainAspectRatio = false

const PALETTE = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#dc2626', '#ca8a04', '#4f46e5', '#94a3b8']
const charts = new WeakMap<HTMLCanvasElement, Chart>()

/** Draws `config` on `canvas`, replacing what was drawn there. */
function draw(canvas: HTMLCanvasElement, config: ChartConfiguration): void {
    charts.get(canvas)?.destroy()
    charts.set(canvas, new Chart(canvas, config))
}

/** A doughnut of `values` (shares of a whole), with `tooltips` the exact figures for each slice. */
export function doughnut(canvas: HTMLCanvasElement, labels: string[], values: number[], tooltips: string[]): void {
    draw(canvas, {
        type: 'doughnut',
        data: {labels, datasets: [{data: values, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]!)}]},
        options: {plugins: {legend: {position: 'right'}, tooltip: {callbacks: {label: c => tooltips[c.dataIndex] ?? ''}}}},
    })
}

/** Horizontal bars of `values`, with `tooltips` the exact figures. */
export function bars(canvas: HTMLCanvasElement, labels: string[], values: number[], tooltips: string[], axis: string): void {
    draw(canvas, {
        type: 'bar',
        data: {labels, datasets: [{label: axis, data: values, backgroundColor: PALETTE[0]}]},
        options: {indexAxis: 'y', plugins: {legend: {display: false}, tooltip: {callbacks: {label: c => tooltips[c.dataIndex] ?? ''}}}},
    })
}

export interface Line {
    label: string
    values: number[]
    /** drawn against the right-hand axis */
    right?: boolean
}

/** Lines over `labels`; counts on the left axis, the `right` ones (e.g. supply) on the right. */
export function lines(canvas: HTMLCanvasElement, labels: string[], series: Line[]): void {
    draw(canvas, {
        type: 'line',
        data: {
            labels,
            datasets: series.map((s, i) => ({label: s.label, data: s.values, borderColor: PALETTE[i], backgroundColor: PALETTE[i], yAxisID: s.right ? 'right' : 'left', stepped: true, pointRadius: labels.length > 48 ? 0 : 3})),
        },
        options: {scales: {x: {ticks: {maxTicksLimit: 12, maxRotation: 0}}, left: {position: 'left', beginAtZero: true}, right: {position: 'right', beginAtZero: true, grid: {drawOnChartArea: false}}}},
    })
}
