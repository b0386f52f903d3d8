// The budget table as a chart (SVG, no dependencies): one bar per workload,
// ours ÷ best JS peer on a log scale, with a tick at the budget. Written by
// `node bench/run.mjs --svg docs/bench.svg` from the same medians as the table.

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** rows: [{task, ratio (number: peer time ÷ ours), need (number | null)}] -> SVG text. */
export function chartSvg(rows, title) {
  const W = 900, label = 430, top = 40, rowH = 26, plot = W - label - 60;
  const H = top + rows.length * rowH + 40;
  // Log scale from 0.01× to 100×: ratios span four decades.
  const lo = Math.log10(0.01), hi = Math.log10(100);
  const x = (r) => label + ((Math.log10(Math.min(Math.max(r, 0.01), 100)) - lo) / (hi - lo)) * plot;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  for (const t of [0.01, 0.1, 1, 10, 100]) {
    out.push(`<line x1="${x(t)}" y1="${top - 6}" x2="${x(t)}" y2="${H - 30}" stroke="${t === 1 ? "#555" : "#ddd"}"/>`);
    out.push(`<text x="${x(t)}" y="${H - 14}" text-anchor="middle">${t}×</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const met = r.need == null ? null : r.ratio >= r.need;
    const color = met === null ? "#8aa" : met ? "#3a3" : "#d54";
    out.push(`<text x="${label - 8}" y="${y + 15}" text-anchor="end">${esc(r.task.length > 68 ? r.task.slice(0, 66) + "…" : r.task)}</text>`);
    out.push(`<rect x="${x(0.01)}" y="${y + 4}" width="${Math.max(1, x(r.ratio) - x(0.01))}" height="${rowH - 10}" fill="${color}"/>`);
    out.push(`<text x="${x(r.ratio) + 4}" y="${y + 15}">${r.ratio.toFixed(2)}×</text>`);
    if (r.need != null) out.push(`<line x1="${x(r.need)}" y1="${y + 1}" x2="${x(r.need)}" y2="${y + rowH - 3}" stroke="#000" stroke-width="2"/>`);
  });
  out.push(`<text x="10" y="${H - 1}" fill="#555">bar: best JS peer time ÷ ours (right of 1× = we are faster); black tick: the budget; green met, red not met, grey no budget</text>`);
  out.push("</svg>");
  return out.join("\n") + "\n";
}
