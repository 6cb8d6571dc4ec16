// The supervisors' KPI dashboard (/dashboard): per-channel KPIs of GET /api/kpis over a chosen interval, a table of the
// interval's figures and uPlot charts of the buckets, with the same figures as CSV one click away.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";
import { ApiError, getJson } from "../api";

type ChannelKpis = {
  channel: string;
  slaSeconds: number | null;
  offered: number;
  answered: number;
  answeredWithinSla: number;
  serviceLevel: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  handled: number;
  averageHandleSeconds: number | null;
  abandoned: number;
  abandonmentRate: number | null;
  transfers: number;
  occupancy: number | null;
  contacts: number;
  repeatContacts: number;
  repeatContactRate: number | null;
};

type KpiReport = {
  from: string;
  to: string;
  bucket: "hour" | "day";
  repeatDays: number;
  channels: ChannelKpis[];
  buckets: { start: string; end: string; channels: ChannelKpis[] }[];
};

const channelColours: Record<string, string> = { voice: "#6f42c1", chat: "#0a58ca", whatsapp: "#146c43", email: "#9a3412" };

const charts: { title: string; value: (k: ChannelKpis) => number | null; format: (v: number) => string }[] = [
  { title: "Service level", value: (k) => k.serviceLevel, format: (v) => `${Math.round(v * 100)}%` },
  { title: "Contacts offered", value: (k) => k.offered, format: (v) => `${v}` },
  { title: "Average speed of answer (s)", value: (k) => k.averageSpeedOfAnswerSeconds, format: (v) => `${Math.round(v)} s` },
  { title: "Occupancy", value: (k) => k.occupancy, format: (v) => `${Math.round(v * 100)}%` },
];

const form = document.querySelector<HTMLFormElement>("#kpi-form")!;
const status = document.querySelector<HTMLElement>("#kpi-status")!;
const table = document.querySelector<HTMLTableSectionElement>("#kpi-table tbody")!;
const chartsRoot = document.querySelector<HTMLElement>("#kpi-charts")!;
const csvLink = document.querySelector<HTMLAnchorElement>("#kpi-csv")!;

function field(name: string): HTMLInputElement | HTMLSelectElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
}

/** The query as the API takes it: from/to as UTC instants from the date inputs (whole days, UTC). */
function query(): URLSearchParams {
  const from = field("from").value;
  const to = field("to").value;
  return new URLSearchParams({
    from: `${from}T00:00:00Z`,
    to: `${to}T00:00:00Z`,
    bucket: field("bucket").value,
    repeatDays: field("repeatDays").value,
  });
}

function percent(v: number | null): string {
  return v === null ? "–" : `${(v * 100).toFixed(1)}%`;
}

function seconds(v: number | null): string {
  return v === null ? "–" : `${Math.round(v)} s`;
}

function renderTable(report: KpiReport): void {
  table.replaceChildren(
    ...report.channels.map((k) => {
      const row = document.createElement("tr");
      const cells = [
        k.channel,
        `${k.offered}`,
        percent(k.serviceLevel) + (k.slaSeconds === null ? "" : ` in ${k.slaSeconds} s`),
        seconds(k.averageSpeedOfAnswerSeconds),
        seconds(k.averageHandleSeconds),
        `${k.abandoned} (${percent(k.abandonmentRate)})`,
        percent(k.occupancy),
        `${k.transfers}`,
        `${k.repeatContacts} (${percent(k.repeatContactRate)})`,
      ];
      cells.forEach((text, i) => {
        const cell = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) cell.scope = "row";
        cell.textContent = text;
        row.append(cell);
      });
      return row;
    }),
  );
}

function renderCharts(report: KpiReport): void {
  chartsRoot.replaceChildren();
  const names = report.channels.map((k) => k.channel);
  const xs = report.buckets.map((b) => Date.parse(b.start) / 1000);
  for (const chart of charts) {
    const figure = document.createElement("figure");
    figure.className = "kpi-chart";
    const caption = document.createElement("figcaption");
    caption.textContent = chart.title;
    figure.append(caption);
    chartsRoot.append(figure);
    // As wide as its grid cell, less the figure's padding: a wider canvas would be cut off at the cell's edge.
    const width = Math.max(240, figure.clientWidth - 18);
    const series: (number | null)[][] = names.map((name) =>
      report.buckets.map((b) => chart.value(b.channels.find((k) => k.channel === name)!)),
    );
    new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: true } },
        series: [
          {},
          ...names.map((name) => ({ label: name, stroke: channelColours[name] ?? "#333", width: 2, spanGaps: false, value: (_u: uPlot, v: number | null) => (v === null ? "–" : chart.format(v)) })),
        ],
        // Room for "10000 s": uPlot's default 50 px cuts long labels off at the left.
        axes: [{}, { size: 64, values: (_u: uPlot, ticks: number[]) => ticks.map(chart.format) }],
      },
      [xs, ...series] as uPlot.AlignedData,
      figure,
    );
  }
}

async function load(): Promise<void> {
  const params = query();
  csvLink.href = `/api/kpis?${params}&format=csv`;
  status.textContent = "Loading…";
  try {
    const report = await getJson<KpiReport>(`/api/kpis?${params}`);
    renderTable(report);
    renderCharts(report);
    status.textContent = `${report.buckets.length} ${report.bucket} buckets, ${report.from} to ${report.to}; repeat contact within ${report.repeatDays} days.`;
    document.body.dataset.loaded = "true";
  } catch (e) {
    status.textContent = e instanceof ApiError ? e.message : `Could not load the KPIs: ${String(e)}`;
    status.classList.add("notice-error");
  }
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// Defaults: yesterday, by the hour; a link may name from, to, bucket and repeatDays in its query.
const given = new URLSearchParams(location.search);
const today = new Date();
field("from").value = given.get("from") ?? isoDate(new Date(today.getTime() - 86_400_000));
field("to").value = given.get("to") ?? isoDate(today);
field("bucket").value = given.get("bucket") ?? "hour";
field("repeatDays").value = given.get("repeatDays") ?? "7";
form.addEventListener("submit", (e) => {
  e.preventDefault();
  status.classList.remove("notice-error");
  void load();
});
void load();
