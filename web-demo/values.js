// The demo's values: dates, times, durations, money, percentages and quantities as the core
// normalised them (result.values), written for people — in the article's tooltips and in the
// Values panel. The raw normalised value stays in the JSON; this is only how the page says it.

export const VALUE_TYPES = ["DATE", "TIME", "DURATION", "MONEY", "PERCENT", "QUANTITY"];

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
// ISO 8601 duration designators, in the order they are written, with their English names.
const DURATION_PARTS = [
  ["Y", "year"], ["M", "month"], ["W", "week"], ["D", "day"], ["TH", "hour"], ["TM", "minute"], ["TS", "second"],
];

/** The value's normalised value as a reader would say it; null (not resolvable) is "unresolved". */
export function formatValue(value) {
  const v = value.value;
  if (v === null || v === undefined) return "unresolved";
  switch (value.type) {
    case "MONEY": return `${formatNumber(v.amount)} ${v.currency}`;
    case "QUANTITY": return `${formatNumber(v.amount)} ${v.unit}`;
    case "PERCENT": return `${formatNumber(v)}%`;
    case "DURATION": return formatDuration(v);
    default:
      if (typeof v === "object" && "from" in v) return `${formatDate(v.from)} – ${formatDate(v.to)}`;
      return formatDate(String(v));
  }
}

// Full dates, months and years are clearest as ISO (the reader's locale cannot misread them); a
// recurring month ("--12", as in "winter") has no year to write, so it gets its name.
function formatDate(iso) {
  const recurring = /^--(\d\d)$/.exec(iso);
  if (recurring && Number(recurring[1]) >= 1 && Number(recurring[1]) <= 12) return `every ${MONTHS[Number(recurring[1]) - 1]}`;
  return iso;
}

// "P30D" → "30 days (P30D)"; an ISO form this does not know is shown as it is.
function formatDuration(iso) {
  const m = /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
  if (!m || iso === "P" || iso.endsWith("T")) return iso;
  const words = [];
  DURATION_PARTS.forEach(([, unit], i) => {
    const n = m[i + 1];
    if (n !== undefined) words.push(`${formatNumber(Number(n))} ${Number(n) === 1 ? unit : `${unit}s`}`);
  });
  return `${words.join(" ")} (${iso})`;
}

function formatNumber(n) {
  return typeof n === "number" ? n.toLocaleString("en", { maximumFractionDigits: 6 }) : String(n);
}

/** The tooltip of a value in the article: its type and normalised value. */
export function valueTitle(value) {
  return `${value.type}: ${formatValue(value)}`;
}

/** The Values panel's list: one button per value, in text order (the core's order). */
export function valueList(values, cappedList) {
  return cappedList(values, (value) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = `value v-${value.type}`;
    button.dataset.value = value.id;
    button.append(textSpan("value-text", value.text), textSpan("value-type", value.type),
      textSpan(value.value === null ? "normalised unresolved" : "normalised", formatValue(value)));
    button.setAttribute("aria-label", `${value.text}, ${value.type}, ${formatValue(value)}`);
    li.appendChild(button);
    return li;
  });
}

function textSpan(className, text) {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  return span;
}
