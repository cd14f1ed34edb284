import { type RefObject, useEffect, useRef, useState } from 'react'
import type { Dashboard } from '../../api/admin-orders.ts'
import { formatDate, formatMoney } from '../../format.ts'

export type ChartMetric = 'revenue' | 'orders'

const H = 220
const LEFT = 56
const RIGHT = 8
const TOP = 12
const BOTTOM = 28

/**
 * Sales per day as a bar chart drawn in SVG: an image with a spoken summary for assistive
 * technology, and every figure in a table just below for anyone who wants the numbers.
 */
export function SalesChart({ series, metric }: { series: Dashboard['series']; metric: ChartMetric }) {
  const box = useRef<HTMLDivElement>(null)
  const W = useWidth(box, 640)
  const currency = series[0]?.revenue.currency ?? 'USD'
  const valueOf = (p: Dashboard['series'][number]) => (metric === 'revenue' ? p.revenue.amount : p.orders)
  const show = (v: number) => (metric === 'revenue' ? formatMoney({ amount: v, currency }) : String(v))
  const values = series.map(valueOf)
  const max = Math.max(0, ...values)
  const scaleMax = niceCeiling(max, metric)
  const plotW = W - LEFT - RIGHT
  const plotH = H - TOP - BOTTOM
  const slot = series.length > 0 ? plotW / series.length : plotW
  const barW = Math.max(1, slot * 0.72)
  const y = (v: number) => TOP + plotH - (scaleMax === 0 ? 0 : (v / scaleMax) * plotH)
  const ticks = [0, scaleMax / 2, scaleMax].filter((t) => metric === 'revenue' || Number.isInteger(t))
  const labelled = labelIndexes(series.length, W < 480 ? 3 : 6)

  return (
    <figure className="chart">
      <div ref={box} className="chart-box">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary(series, metric, show)} className="chart-svg" preserveAspectRatio="xMidYMid meet">
          {ticks.map((t) => (
            <g key={t} aria-hidden="true">
              <line x1={LEFT} x2={W - RIGHT} y1={y(t)} y2={y(t)} className="chart-grid" />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="chart-label">
                {show(Math.round(t))}
              </text>
            </g>
          ))}
          {series.map((p, i) => {
            const v = valueOf(p)
            const top = y(v)
            return (
              <rect key={p.date} x={LEFT + i * slot + (slot - barW) / 2} y={top} width={barW} height={Math.max(0, TOP + plotH - top)} className="chart-bar">
                <title>{`${formatDate(p.date)}: ${show(v)}`}</title>
              </rect>
            )
          })}
          {series.map((p, i) =>
            labelled.has(i) ? (
              <text key={p.date} x={LEFT + i * slot + slot / 2} y={H - 8} textAnchor="middle" className="chart-label" aria-hidden="true">
                {shortDate(p.date)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <figcaption className="muted">{metric === 'revenue' ? 'Revenue per day (UTC)' : 'Orders per day (UTC)'}</figcaption>
      <details className="chart-figures">
        <summary>Show the figures</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Orders and revenue per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  Orders
                </th>
                <th scope="col" className="num">
                  Revenue
                </th>
              </tr>
            </thead>
            <tbody>
              {series.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{formatDate(p.date)}</th>
                  <td className="num">{p.orders}</td>
                  <td className="num">{formatMoney(p.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}

function summary(series: Dashboard['series'], metric: ChartMetric, show: (v: number) => string): string {
  const first = series[0]
  const last = series[series.length - 1]
  if (!first || !last) return 'No sales figures for this period.'
  const what = metric === 'revenue' ? 'Revenue' : 'Orders'
  const values = series.map((p) => (metric === 'revenue' ? p.revenue.amount : p.orders))
  const total = values.reduce((a, b) => a + b, 0)
  let best = 0
  values.forEach((v, i) => {
    if (v > (values[best] ?? 0)) best = i
  })
  const head = `${what} per day from ${formatDate(first.date)} to ${formatDate(last.date)}: ${show(total)} in total`
  const bestPoint = series[best]
  if (total === 0 || !bestPoint) return `${head}.`
  return `${head}; highest on ${formatDate(bestPoint.date)} with ${show(values[best] ?? 0)}.`
}

/** A round top for the scale: 1, 2 or 5 times a power of ten (whole dollars for money). */
function niceCeiling(max: number, metric: ChartMetric): number {
  if (max <= 0) return metric === 'revenue' ? 10000 : 4
  const unit = metric === 'revenue' ? 100 : 1
  const v = max / unit
  const p = 10 ** Math.floor(Math.log10(v))
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= v) ?? 10 * p
  return Math.max(step, metric === 'orders' ? 2 : 1) * unit
}

/** Which days get a date under them: a handful, evenly spread, first and last included. */
function labelIndexes(n: number, most: number): Set<number> {
  if (n <= 0) return new Set()
  const wanted = Math.min(n, most)
  const out = new Set<number>()
  for (let i = 0; i < wanted; i++) out.add(Math.round((i * (n - 1)) / Math.max(1, wanted - 1)))
  return out
}

function shortDate(date: string): string {
  return new Date(date).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** The element's width in CSS pixels, so the chart is drawn at its real size (text stays legible). */
function useWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width
      if (w && w > 0) setWidth(Math.max(280, Math.round(w)))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}
