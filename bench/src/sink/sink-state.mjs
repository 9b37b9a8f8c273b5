// What the sink has seen: requests, bytes and events, each event counted once by its bench id.

const now = () => performance.timeOrigin + performance.now();

export class SinkState {
  /** @param {number} expected events the run will produce (ids 0..expected-1) */
  constructor(expected, { arrivals = false } = {}) {
    this.expected = expected;
    /** First arrival time (epoch ms) of each event, when asked for (delivery latency). */
    this.arrivals = arrivals ? new Float64Array(Math.max(expected, 1)) : null;
    this.seen = new Uint8Array(Math.max(expected, 1));
    this.requests = 0;
    this.requestsByStatus = {};
    this.wireBytes = 0;
    this.headerBytes = 0;
    this.jsonBytes = 0;
    this.acceptedJsonBytes = 0;
    this.delivered = 0;
    this.deliveredTotal = 0;
    this.duplicates = 0;
    this.unidentified = 0;
    this.rejectedEvents = 0;
    this.badBodies = 0;
    this.protocols = {};
    this.firstRequestAt = null;
    this.lastDeliveredAt = null;
    this.completeAt = null;
    this.maxOpenConnections = 0;
    this.openConnections = 0;
    this.waiters = new Set();
  }

  /** A request arrived (before its body is read). */
  onRequest(headerBytes) {
    this.requests += 1;
    this.headerBytes += headerBytes;
    this.wireBytes += headerBytes;
    this.firstRequestAt ??= now();
    return this.requests;
  }

  onBodyBytes(count) {
    this.wireBytes += count;
  }

  onStatus(status) {
    this.requestsByStatus[status] = (this.requestsByStatus[status] ?? 0) + 1;
  }

  onBadBody() {
    this.badBodies += 1;
  }

  /** The events of a request that got an error status: not delivered. */
  onRejected(events, jsonBytes) {
    this.jsonBytes += jsonBytes;
    this.rejectedEvents += events.length;
  }

  /** The events of a request answered 2xx: delivered, each id once. */
  onAccepted(protocol, events, jsonBytes) {
    this.jsonBytes += jsonBytes;
    this.acceptedJsonBytes += jsonBytes;
    this.protocols[protocol.name] = (this.protocols[protocol.name] ?? 0) + events.length;
    for (const event of events) {
      const seq = protocol.seqOf(event);
      this.deliveredTotal += 1;
      if (seq < 0 || seq >= this.expected) {
        this.unidentified += 1;
      } else if (this.seen[seq] === 0) {
        this.seen[seq] = 1;
        this.delivered += 1;
        if (this.arrivals !== null) this.arrivals[seq] = now();
      } else {
        this.duplicates += 1;
        if (this.seen[seq] < 255) this.seen[seq] += 1;
      }
    }
    if (events.length > 0) this.lastDeliveredAt = now();
    if (this.completeAt === null && this.delivered >= this.expected) {
      this.completeAt = this.lastDeliveredAt;
      for (const wake of this.waiters) wake();
    }
  }

  onConnection(delta) {
    this.openConnections += delta;
    if (this.openConnections > this.maxOpenConnections) this.maxOpenConnections = this.openConnections;
  }

  /** Resolves when every expected event is delivered or after `timeoutMs`, whichever is first. */
  waitForAll(timeoutMs) {
    if (this.completeAt !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  snapshot() {
    return {
      expected: this.expected,
      requests: this.requests,
      requestsByStatus: { ...this.requestsByStatus },
      wireBytes: this.wireBytes,
      headerBytes: this.headerBytes,
      jsonBytes: this.jsonBytes,
      acceptedJsonBytes: this.acceptedJsonBytes,
      delivered: this.delivered,
      deliveredTotal: this.deliveredTotal,
      duplicates: this.duplicates,
      unidentified: this.unidentified,
      rejectedEvents: this.rejectedEvents,
      badBodies: this.badBodies,
      protocols: { ...this.protocols },
      firstRequestAt: this.firstRequestAt,
      lastDeliveredAt: this.lastDeliveredAt,
      completeAt: this.completeAt,
      maxOpenConnections: this.maxOpenConnections,
      arrivals: this.arrivals === null ? null : Array.from(this.arrivals, (t) => Math.round(t * 100) / 100),
    };
  }
}
