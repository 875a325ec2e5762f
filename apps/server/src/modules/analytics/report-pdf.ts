import PDFDocument from 'pdfkit';
import type { AnalyticsMetrics } from '@switchboard/contract/analytics';
import type { ReportMetric } from '@switchboard/contract/analytics-reports';
import { WORDS, type ReportLanguage } from './report-i18n';

export interface ReportContent {
  workspace: string;
  name: string;
  frequency: 'daily' | 'weekly' | 'monthly';
  language: ReportLanguage;
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  metrics: readonly ReportMetric[];
  current: AnalyticsMetrics;
  previous: AnalyticsMetrics;
  /** Conversations per local day of the range, every day listed. */
  daily: { day: string; conversations: number }[];
  liveUrl: string;
}

// The built-in Helvetica is WinAnsi: the narrow spaces Intl puts in French numbers are not in it.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

function formatter(language: ReportLanguage) {
  const number = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const usd = new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
  const num = (v: number) => plain(number.format(v));
  const pct = (v: number | null) => (v === null ? '-' : plain(percent.format(v)));
  const duration = (s: number | null) => {
    if (s === null) return '-';
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.round(s / 60)} min`;
    return `${plain(number.format(Math.round((s / 3600) * 10) / 10))} h`;
  };
  return (metric: ReportMetric, m: AnalyticsMetrics): string => {
    switch (metric) {
      case 'conversations':
        return num(m.conversations);
      case 'messages':
        return num(m.messages.total);
      case 'botResolved':
        return `${num(m.botResolved)} (${pct(m.botResolvedRate)})`;
      case 'handedOff':
        return `${num(m.handedOff)} (${pct(m.handoffRate)})`;
      case 'unanswered':
        return pct(m.unansweredRate);
      case 'firstResponse':
        return duration(m.firstResponseSeconds.median);
      case 'resolution':
        return duration(m.resolutionSeconds.median);
      case 'csat':
        return m.csat.average === null ? '-' : `${plain(number.format(m.csat.average))} / 5 (${num(m.csat.count)})`;
      case 'feedback':
        return `${num(m.feedback.up)} / ${num(m.feedback.down)}`;
      case 'leads':
        return num(m.leads);
      case 'tokens':
        return `${num(m.tokens.in)} / ${num(m.tokens.out)}`;
      case 'cost':
        return plain(usd.format(m.costUsd));
    }
  };
}

/** The figures as the PDF prints them, label and value (also what the tests look for). */
export function reportFigures(content: ReportContent): { label: string; current: string; previous: string }[] {
  const format = formatter(content.language);
  const words = WORDS[content.language];
  return content.metrics.map((metric) => ({
    label: words.metrics[metric],
    current: format(metric, content.current),
    previous: format(metric, content.previous),
  }));
}

/** A bar chart of conversations per day, drawn as vector paths (no image). */
function drawChart(doc: PDFKit.PDFDocument, content: ReportContent, top: number): void {
  const words = WORDS[content.language];
  const left = 60;
  const width = 475;
  const height = 150;
  doc.fontSize(12).fillColor('#0f172a').text(words.chart, left, top);
  const base = top + 25 + height;
  const max = Math.max(1, ...content.daily.map((d) => d.conversations));
  const slot = width / Math.max(1, content.daily.length);
  doc.save().strokeColor('#94a3b8').lineWidth(0.5);
  doc
    .moveTo(left, base)
    .lineTo(left + width, base)
    .stroke();
  doc
    .moveTo(left, base)
    .lineTo(left, base - height)
    .stroke();
  doc.restore();
  content.daily.forEach((d, i) => {
    const h = (d.conversations / max) * height;
    if (h > 0) doc.rect(left + i * slot + slot * 0.15, base - h, slot * 0.7, h).fill('#4f46e5');
  });
  doc.fontSize(8).fillColor('#475569');
  doc.text(String(max), left - 35, base - height - 4, { width: 30, align: 'right' });
  doc.text('0', left - 35, base - 4, { width: 30, align: 'right' });
  const first = content.daily[0]?.day ?? content.range.from;
  const last = content.daily[content.daily.length - 1]?.day ?? content.range.to;
  doc.text(first, left, base + 4);
  if (last !== first) doc.text(last, left + width - 60, base + 4, { width: 60, align: 'right' });
}

/** The report as a PDF: the chosen figures beside the previous period's, a chart and the live page's link. */
export function renderReportPdf(content: ReportContent): Promise<Buffer> {
  const words = WORDS[content.language];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${content.name} - ${content.workspace}`, Author: 'Switchboard', CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(20).fillColor('#0f172a').text(`${words.title}: ${content.name}`);
  doc.fontSize(11).fillColor('#475569').text(`${content.workspace} - ${words.frequency[content.frequency]}`);
  doc.text(`${words.period}: ${content.range.from} - ${content.range.to}`);
  doc.moveDown();

  const col = [60, 320, 440];
  let y = doc.y + 5;
  doc.fontSize(9).fillColor('#475569');
  doc.text(`${content.range.from} - ${content.range.to}`, col[1]!, y, { width: 115 });
  doc.text(words.previous, col[2]!, y, { width: 110 });
  y += 18;
  doc.fontSize(11).fillColor('#0f172a');
  for (const figure of reportFigures(content)) {
    doc.text(figure.label, col[0]!, y, { width: 250 });
    doc.text(figure.current, col[1]!, y, { width: 115 });
    doc.fillColor('#64748b').text(figure.previous, col[2]!, y, { width: 110 }).fillColor('#0f172a');
    y += 20;
  }
  if (content.current.conversations === 0) {
    doc.fillColor('#64748b').text(words.noData, col[0]!, y);
    y += 20;
  }
  drawChart(doc, content, y + 20);
  doc.fontSize(11).fillColor('#4f46e5');
  doc.text(words.openLive, 60, y + 240, { link: content.liveUrl, underline: true });
  doc.end();
  return done;
}
