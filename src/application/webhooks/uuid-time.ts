/** UUIDv7 ids start with their creation time in milliseconds (RFC 9562 §5.7): the fan-out's cursor arithmetic. */

/** The smallest UUID of millisecond `ms`: it sorts before every UUIDv7 made at or after `ms`. */
export function uuidV7LowerBound(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** The millisecond a UUIDv7 was made. */
export function uuidV7Time(uuid: string): number {
  return parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
}
