/**
 * What generated logs talk about: services, endpoints, clients and message
 * templates per level, shaped like a small web platform's application logs.
 *
 * @module
 */

import type { SeededRandom } from "./random.ts";

/** Service names. */
export const SERVICES = [
  "api-service",
  "auth-service",
  "payment-service",
  "db-service",
  "cache-service",
  "web-frontend",
  "notification-service",
  "search-service",
] as const;

/** Endpoints (no ids, so distinct keys stay bounded like real route tables). */
export const ENDPOINTS = [
  "/api/users",
  "/api/orders",
  "/api/payments",
  "/api/products",
  "/api/search",
  "/login",
  "/logout",
  "/health",
  "/metrics",
  "/",
] as const;

const USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const TABLES = ["orders", "users", "payments", "sessions"];
const CLASSES = ["UserController", "OrderService", "PaymentGateway", "SessionStore"];

/** A message template: a function of the random source. */
type MessageMaker = (r: SeededRandom) => string;

/** Messages per level index (DEBUG, INFO, WARN, ERROR, CRITICAL). */
export const MESSAGES: readonly (readonly MessageMaker[])[] = [
  [
    (r) => `Cache lookup for key ${r.hex(12)}`,
    (r) => `Opening connection pool of ${r.int(4, 32)} connections`,
  ],
  [
    (r) => `Request processed successfully in ${r.int(2, 900)} ms`,
    (r) => `User ${r.pick(USERS)} logged in`,
    (r) => `Order ${r.int(10000, 99999)} created`,
    () => "Health check passed",
    (r) => `Served ${r.int(1, 60)} items, cache hit ratio 0.${r.int(10, 99)}`,
  ],
  [
    (r) => `Slow query took ${r.int(1000, 9000)} ms`,
    (r) => `High memory usage: ${r.int(80, 99)}%`,
    (r) => `Retrying request to ${r.pick(SERVICES)} (attempt ${r.int(1, 5)})`,
  ],
  [
    (r) => `Connection refused to 10.0.${r.int(0, 9)}.${r.int(1, 254)}:5432`,
    (r) => `Request timed out after ${r.int(5, 60)} s`,
    (r) => {
      const name = r.pick(CLASSES);
      return `java.lang.NullPointerException at com.example.${name}.handle(${name}.java:${
        r.int(10, 400)
      })`;
    },
    (r) => `Permission denied for user ${r.pick(USERS)}`,
    (r) => `Database query failed: deadlock detected on table ${r.pick(TABLES)}`,
    (r) =>
      `Payment declined for order ${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`,
    (r) => `Authentication failed for user ${r.pick(USERS)}`,
    (r) => `File not found: /var/data/${r.hex(10)}.dat`,
    (r) => `Upstream returned "Bad Gateway", body ${r.int(100, 999)} bytes`,
  ],
  [
    (r) => `Out of memory: killed process ${r.int(1000, 65000)} (${r.pick(SERVICES)})`,
    (r) => `Disk full on volume /dev/sd${r.pick(["a", "b", "c"])}`,
    (r) => `Service ${r.pick(SERVICES)} is down`,
  ],
];
