/** Bounds of every exchange with a remote MCP server (the same for listing and calling tools). */
export const MCP_LIMITS = {
  /** Deadline of one session: connection, initialisation and the call. */
  timeoutMs: 15_000,
  /** Cap on each response body. */
  maxResponseBytes: 1024 * 1024,
  /** What the model gets of one tool result. */
  maxResultChars: 8_000,
  maxTools: 100,
  maxToolPages: 10,
  maxDescriptionChars: 1_000,
};

/** Tests shorten the deadline to see it work. */
export function configureMcpTimeout(timeoutMs: number): void {
  MCP_LIMITS.timeoutMs = timeoutMs;
}
