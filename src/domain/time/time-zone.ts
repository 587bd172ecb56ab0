import { epochDayFromParts } from './civil-date.ts';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './instant.ts';

/**
 * UTC offsets of IANA zones, read from the runtime's tz database through Intl.DateTimeFormat.
 * Intl is slow (microseconds a call) and a compliance decision needs a dozen conversions, so each
 * zone's offsets are read once per block of days into a table of (start, offset) segments, found by
 * sampling every day and bisecting each change to the second. Offsets never change twice within a
 * day in the tz database, which is what makes daily sampling exact.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone (e.g. 'Europe/Paris', 'America/Miquelon'). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone === '' || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) {
    throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}: expected an IANA zone such as Europe/Paris`);
  }
  return timeZone;
}

/** Offset in milliseconds read straight from Intl (at second precision: sub-second offsets do not exist). */
function intlOffsetMs(timeZone: string, epochMs: number): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) fields[part.type] = part.value;
  const eraYear = Number(fields.year);
  const year = fields.era === 'BC' ? 1 - eraYear : eraYear;
  const localMs = epochDayFromParts(year, Number(fields.month), Number(fields.day)) * MS_PER_DAY
    + Number(fields.hour) * MS_PER_HOUR + Number(fields.minute) * MS_PER_MINUTE + Number(fields.second) * 1000;
  return localMs - wholeSecond;
}

const BLOCK_DAYS = 128;
const BLOCK_MS = BLOCK_DAYS * MS_PER_DAY;

/** Offsets over one block: `offsets[i]` applies from `starts[i]` (inclusive) to the next start. */
interface OffsetBlock {
  readonly starts: readonly number[];
  readonly offsets: readonly number[];
}

interface ZoneOffsets {
  readonly blocks: Map<number, OffsetBlock>;
  /** The block used last: decisions ask about nearby instants, so this saves a map lookup. */
  lastIndex: number;
  lastBlock: OffsetBlock | undefined;
  /** The constant-offset segment [segmentStart, segmentEnd) found last: most lookups land in it again. */
  segmentStart: number;
  segmentEnd: number;
  segmentOffset: number;
  /**
   * The segment found before it: a decision's instants often straddle one offset change (an attempt
   * in winter time, the decision in summer time), and each side then stays a comparison away.
   */
  previousStart: number;
  previousEnd: number;
  previousOffset: number;
}

const zones = new Map<string, ZoneOffsets>();
// The zone asked for last: a decision asks a dozen times about the same zone, so this saves a map lookup.
let lastZoneName = '';
let lastZone: ZoneOffsets | undefined;

function buildBlock(timeZone: string, blockIndex: number): OffsetBlock {
  const blockStart = blockIndex * BLOCK_MS;
  let previousSample = blockStart;
  let previousOffset = intlOffsetMs(timeZone, blockStart);
  const starts = [blockStart];
  const offsets = [previousOffset];
  for (let day = 1; day <= BLOCK_DAYS; day += 1) {
    const sample = blockStart + day * MS_PER_DAY;
    const offset = intlOffsetMs(timeZone, sample);
    if (offset !== previousOffset) {
      let low = previousSample;
      let high = sample;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (intlOffsetMs(timeZone, middle) === previousOffset) low = middle;
        else high = middle;
      }
      if (high < blockStart + BLOCK_MS) {
        starts.push(high);
        offsets.push(intlOffsetMs(timeZone, high));
      }
      previousOffset = offset;
    }
    previousSample = sample;
  }
  return { starts, offsets };
}

function zoneOffsets(timeZone: string): ZoneOffsets {
  if (timeZone === lastZoneName && lastZone !== undefined) return lastZone;
  let zone = zones.get(timeZone);
  if (!zone) {
    assertTimeZone(timeZone);
    zone = {
      blocks: new Map(), lastIndex: Number.NaN, lastBlock: undefined,
      segmentStart: 0, segmentEnd: 0, segmentOffset: 0, previousStart: 0, previousEnd: 0, previousOffset: 0,
    };
    zones.set(timeZone, zone);
  }
  lastZoneName = timeZone;
  lastZone = zone;
  return zone;
}

/** How many neighbouring blocks a segment may be extended over, each way (a block is 128 days). */
const MAX_EXTENSION_BLOCKS = 3;

function blockAt(zone: ZoneOffsets, timeZone: string, blockIndex: number): OffsetBlock {
  let block = zone.lastIndex === blockIndex ? zone.lastBlock : zone.blocks.get(blockIndex);
  if (!block) {
    block = buildBlock(timeZone, blockIndex);
    zone.blocks.set(blockIndex, block);
  }
  zone.lastIndex = blockIndex;
  zone.lastBlock = block;
  return block;
}

/** UTC offset (local − UTC) in milliseconds of `timeZone` at `epochMs`. */
export function offsetMsAt(timeZone: string, epochMs: number): number {
  const zone = zoneOffsets(timeZone);
  if (epochMs >= zone.segmentStart && epochMs < zone.segmentEnd) return zone.segmentOffset;
  if (epochMs >= zone.previousStart && epochMs < zone.previousEnd) {
    return remember(zone, zone.previousStart, zone.previousEnd, zone.previousOffset);
  }
  return findSegment(zone, timeZone, epochMs);
}

/**
 * The offset of `timeZone` over the whole interval [from, to] when one constant-offset segment is
 * known to hold both ends (the segment found for `from`), otherwise undefined: the caller then looks
 * up each instant it needs. Nothing offsetMsAt would not answer, only fewer lookups.
 */
export function constantOffsetOver(timeZone: string, from: number, to: number): number | undefined {
  const offset = offsetMsAt(timeZone, from);
  // offsetMsAt leaves the segment holding `from` as the current segment of the zone it used last.
  const zone = lastZone as ZoneOffsets;
  return to >= from && to < zone.segmentEnd ? offset : undefined;
}

/** Makes [start, end) the zone's current segment, the current one becoming the previous one. */
function remember(zone: ZoneOffsets, start: number, end: number, offset: number): number {
  zone.previousStart = zone.segmentStart;
  zone.previousEnd = zone.segmentEnd;
  zone.previousOffset = zone.segmentOffset;
  zone.segmentStart = start;
  zone.segmentEnd = end;
  zone.segmentOffset = offset;
  return offset;
}

/**
 * The constant-offset segment around `epochMs`, remembered in `zone`. A segment found in one block is
 * extended over neighbouring blocks with the same offset, so that a whole summer or winter (or years,
 * in a zone without DST) is one segment.
 */
function findSegment(zone: ZoneOffsets, timeZone: string, epochMs: number): number {
  const blockIndex = Math.floor(epochMs / BLOCK_MS);
  const { starts, offsets } = blockAt(zone, timeZone, blockIndex);
  let index = starts.length - 1;
  while (index > 0 && (starts[index] as number) > epochMs) index -= 1;
  const offset = offsets[index] as number;
  let start = starts[index] as number;
  let end = index + 1 < starts.length ? starts[index + 1] as number : (blockIndex + 1) * BLOCK_MS;
  if (index + 1 === starts.length) {
    for (let next = blockIndex + 1; next <= blockIndex + MAX_EXTENSION_BLOCKS; next += 1) {
      const block = blockAt(zone, timeZone, next);
      if (block.offsets[0] !== offset) break;
      end = block.starts.length > 1 ? block.starts[1] as number : (next + 1) * BLOCK_MS;
      if (block.starts.length > 1) break;
    }
  }
  if (index === 0) {
    for (let previous = blockIndex - 1; previous >= blockIndex - MAX_EXTENSION_BLOCKS; previous -= 1) {
      const block = blockAt(zone, timeZone, previous);
      const last = block.starts.length - 1;
      if (block.offsets[last] !== offset) break;
      start = block.starts[last] as number;
      if (last > 0) break;
    }
  }
  return remember(zone, start, end, offset);
}
