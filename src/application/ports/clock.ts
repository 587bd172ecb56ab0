/** Time enters the application only through this port, so tests and replays control it. */
export interface Clock {
  now(): Date;
}
