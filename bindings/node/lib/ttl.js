'use strict';
// Time spans as livekit-server-sdk accepts them (jose's syntax): a number of seconds, or a string
// such as '6h', '10 minutes', '2 days', '1.5h', '30s'.
const { invalidArgument } = require('./errors');

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS = [
  [/^(?:seconds?|secs?|s)$/, 1],
  [/^(?:minutes?|mins?|m)$/, MINUTE],
  [/^(?:hours?|hrs?|h)$/, HOUR],
  [/^(?:days?|d)$/, DAY],
  [/^(?:weeks?|w)$/, 7 * DAY],
  [/^(?:years?|yrs?|y)$/, 365.25 * DAY],
];
const SPAN = /^(\d+|\d*\.\d+) ?([a-z]+)$/i;

// Parsed spans: a process uses a handful of TTL strings over and over, most often the same one
// for every token (compared before the map: an identical string costs one comparison).
const parsed = new Map();
const MAX_PARSED = 64;
let lastSpan;
let lastSpanSeconds = 0;

/** Seconds in `value` (number of seconds or a time-span string); throws naming `field`. */
function toSeconds(value, field) {
  if (value === lastSpan) return lastSpanSeconds;
  if (typeof value === 'string') {
    let seconds = parsed.get(value);
    if (seconds === undefined) {
      seconds = parseSpan(value, field);
      if (parsed.size >= MAX_PARSED) parsed.clear();
      parsed.set(value, seconds);
    }
    lastSpan = value;
    lastSpanSeconds = seconds;
    return seconds;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidArgument(`${field}: must be a finite number of seconds`);
    return Math.round(value);
  }
  throw invalidArgument(`${field}: must be a number of seconds or a string like '6h'`);
}

function parseSpan(value, field) {
  const m = SPAN.exec(value.trim());
  if (m) {
    const unit = m[2].toLowerCase();
    for (const [re, seconds] of UNITS) {
      if (re.test(unit)) return Math.round(parseFloat(m[1]) * seconds);
    }
  }
  throw invalidArgument(`${field}: '${value}' is not a time span (use seconds or a string like '6h', '10m', '2 days')`);
}

module.exports = { toSeconds };
